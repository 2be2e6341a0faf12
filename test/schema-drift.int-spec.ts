// Entities and migrations agree: after the global setup applied every migration, TypeORM would change nothing.
// When this fails, an entity changed without its migration (see docs/CONVENTIONS.md "Migrations").
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { pendingSchemaChanges } from '#platform/database/schema-drift.js';
import { openDatabase } from './helpers/db.js';

let dataSource: DataSource;

beforeAll(async () => {
  dataSource = await openDatabase();
});
afterAll(async () => {
  await dataSource.destroy();
});

it('the migrated database matches the entities (no pending schema changes)', async () => {
  const { up } = await pendingSchemaChanges(dataSource);
  expect(up).toEqual([]);
});

it('every migration is applied', async () => {
  expect(await dataSource.showMigrations()).toBe(false);
});
