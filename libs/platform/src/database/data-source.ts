import { DataSource, type DataSourceOptions } from 'typeorm';
import pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { installPgTypeParsers } from './pg-types.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

// timestamptz and bigint come back as Date and number-safe strings; int8 counts are parsed where used.
export function dataSourceOptions(config: Pick<AppConfig, 'DATABASE_URL'>, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  installPgTypeParsers();
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto', // gen_random_uuid() is built into PostgreSQL 13+, no extension needed
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    extra: { max: 20, application_name: 'climathon' },
    ...overrides,
  } as DataSourceOptions;
}

export function createDataSource(config: Pick<AppConfig, 'DATABASE_URL'>, overrides: Partial<DataSourceOptions> = {}): DataSource {
  return new DataSource(dataSourceOptions(config, overrides));
}

/** Creates the database named in the URL when it is missing (connecting to the `postgres` maintenance database). */
export async function ensureDatabaseExists(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) {
      const quoted = `"${database.replace(/"/g, '""')}"`;
      await client.query(`CREATE DATABASE ${quoted}`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // created concurrently by another process
      });
    }
  } finally {
    await client.end();
  }
}

/** Creates the database if needed and applies pending migrations; returns their names. */
export async function migrateDatabase(config: Pick<AppConfig, 'DATABASE_URL'>): Promise<string[]> {
  await ensureDatabaseExists(config.DATABASE_URL);
  const dataSource = createDataSource(config);
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
