import { DataSource } from 'typeorm';
import { createDataSource } from '#platform/database/data-source.js';

/** A direct connection to the run's database, for asserting what was (or was not) stored. */
export async function openDatabase(): Promise<DataSource> {
  const dataSource = createDataSource({ DATABASE_URL: process.env.DATABASE_URL! }, { extra: { max: 4 } });
  await dataSource.initialize();
  return dataSource;
}
