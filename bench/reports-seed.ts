/**
 * Builds the data set of bench/reports.bench.ts once into a database that is kept (migrations, then seedReports), to
 * study its statements with psql (EXPLAIN (ANALYZE, BUFFERS)) without reseeding. Prints the promoter and the period.
 *
 * Run: npm run build && node dist/bench/reports-seed.js [database name, default climathon_reports_kept]
 * Drop it when done: DROP DATABASE climathon_reports_kept.
 */
import { migrateDatabase } from '#platform/database/data-source.js';
import { benchDatabaseUrl, dropDatabase } from './leaderboard.bench.js';
import { seedReports } from './reports.bench.js';

const name = process.argv[2] ?? 'climathon_reports_kept';
const url = benchDatabaseUrl(name);
await dropDatabase(name);
await migrateDatabase({ DATABASE_URL: url });
const started = performance.now();
const data = await seedReports(url);
process.stdout.write(
  `${name}: seeded in ${((performance.now() - started) / 1000).toFixed(1)} s; organizer ${data.promoterId}, from ${data.from.toISOString()}, to ${data.to.toISOString()}, ${data.reviews} reviews\n`,
);
