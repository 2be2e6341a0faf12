// npm run db:migrate: creates the database if missing and applies pending migrations.
import { loadConfig } from '#platform/config/app-config.js';
import { migrateDatabase } from '#platform/database/data-source.js';

try {
  const applied = await migrateDatabase(loadConfig());
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
