import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config.js';
import { dataSourceOptions, ensureDatabaseExists } from './data-source.js';

/**
 * The TypeORM connection of both processes. `migrate` applies pending migrations at boot
 * (the API with DB_MIGRATE_ON_BOOT); the worker never migrates.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: { migrate: boolean }) {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: async (config: AppConfig) => {
            const migrate = options.migrate && config.DB_MIGRATE_ON_BOOT;
            if (migrate) await ensureDatabaseExists(config.DATABASE_URL);
            return { ...dataSourceOptions(config), migrationsRun: migrate, migrationsTransactionMode: 'each' as const };
          },
        }),
      ],
    };
  }
}
