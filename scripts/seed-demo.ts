// npm run seed:demo: a realistic demo in Italian (the Climathons of the schools of Trentino), one edition of the
// promoter per phase of the lifecycle, built through the domain services (scripts/seed-demo-build.ts), then a guide
// per phase and role: the login to use, what to try, the page to open (scripts/seed-demo-guide.ts).
//
//   npm run seed:demo               builds the demo; on a database that has it already, says so and changes nothing
//   npm run seed:demo -- --reset    removes exactly the demo's rows (scripts/seed-demo-reset.ts) and builds it again
//
// Applies pending migrations first, like the API at boot (DB_MIGRATE_ON_BOOT). Two runs at once: the second waits.
import 'reflect-metadata';
import { pathToFileURL } from 'node:url';
import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainModule } from '#domain/domain.module.js';
import { AppConfig, ConfigError } from '#platform/config/app-config.js';
import { ConfigModule } from '#platform/config/config.module.js';
import { DatabaseModule } from '#platform/database/database.module.js';
import { DemoBuilder, DemoClock, type RosterLogin } from './seed-demo-build.js';
import { DEMO_DOMAIN, DEMO_PASSWORD } from './seed-demo-data.js';
import { demoGuide, formatGuide, locateDemo, type GuidePhase } from './seed-demo-guide.js';
import { countRows, demoPresent, removeDemo } from './seed-demo-reset.js';

export { DEMO_PASSWORD, DEMO_DOMAIN };

export interface SeedOptions {
  /** Remove the demo's rows first (and only those), then build it again. */
  reset?: boolean;
}

export interface SeedSummary {
  /** `created`: built now; `present`: the demo was there, nothing changed; `incomplete`: demo rows are there but not the whole demo. */
  outcome: 'created' | 'present' | 'incomplete';
  /** Rows removed by --reset and rows created, per table (only tables that changed). */
  removed: Record<string, number>;
  created: Record<string, number>;
  /** Null when the demo is incomplete. */
  guide: GuidePhase[] | null;
  publicUrl: string;
}

/** The Nest context of the seed: configuration, database (migrating at boot) and the domain services on the seed's clock. */
@Module({})
class SeedModule {
  static register(clock: DemoClock): DynamicModule {
    return { module: SeedModule, imports: [ConfigModule, DatabaseModule.forRoot({ migrate: true }), DomainModule.withClock(clock)] };
  }
}

/** The application context the seed runs in (the script, or a test). */
export function createSeedContext(): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(SeedModule.register(new DemoClock()), { logger: ['error'], abortOnError: false });
}

/** Seeds the demo in a context of createSeedContext(). */
export async function seedDemo(app: INestApplicationContext, options: SeedOptions = {}): Promise<SeedSummary> {
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const publicUrl = app.get(AppConfig).publicUrl;
  // One seed at a time: a session lock on a connection of its own, held until the end.
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtext('climathon:seed-demo'))`);
    let removed = new Map<string, number>();
    if (options.reset) {
      removed = await removeDemo(dataSource);
    } else if (await demoPresent(dataSource)) {
      const world = await locateDemo(dataSource);
      return { outcome: world ? 'present' : 'incomplete', removed: {}, created: {}, guide: world ? demoGuide(world, publicUrl) : null, publicUrl };
    }
    const before = await countRows(dataSource);
    const codes: RosterLogin[] = await new DemoBuilder(app).build();
    const after = await countRows(dataSource);
    const world = await locateDemo(dataSource);
    if (!world) throw new Error('The demo was built but its editions cannot be found');
    return {
      outcome: 'created',
      removed: changed(removed),
      created: changed(new Map([...after].map(([table, n]) => [table, n - (before.get(table) ?? 0)]))),
      guide: demoGuide(world, publicUrl, codes),
      publicUrl,
    };
  } finally {
    await lock.query(`SELECT pg_advisory_unlock(hashtext('climathon:seed-demo'))`).catch(() => undefined);
    await lock.release();
  }
}

const changed = (counts: Map<string, number>): Record<string, number> => Object.fromEntries([...counts].filter(([, n]) => n !== 0));
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

export function formatSummary(summary: SeedSummary): string {
  if (summary.outcome === 'incomplete') {
    return [
      `Nel database ci sono dati demo (account @${DEMO_DOMAIN}), ma non tutta la demo: forse di una versione precedente o di un'esecuzione interrotta.`,
      'Nulla è stato cambiato. Per ricostruirla da capo: npm run seed:demo -- --reset',
    ].join('\n');
  }
  const headline =
    summary.outcome === 'present'
      ? 'Demo già presente: nulla da creare. Per ricominciare da capo (e avere nuovi codici della classe senza email): npm run seed:demo -- --reset'
      : [
          ...(Object.keys(summary.removed).length > 0 ? [`Demo precedente rimossa (${total(summary.removed)} righe).`] : []),
          `Demo pronta: una edizione per fase, ${total(summary.created)} righe create.`,
        ].join('\n');
  return formatGuide(headline, summary.guide!, summary.publicUrl);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--reset');
  if (unknown.length > 0) {
    console.error(`Unknown argument ${unknown.join(' ')}. Usage: npm run seed:demo [-- --reset]`);
    process.exit(2);
  }
  try {
    const app = await createSeedContext();
    try {
      console.log(formatSummary(await seedDemo(app, { reset: args.includes('--reset') })));
    } finally {
      await app.close();
    }
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : `Seed failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  }
}
