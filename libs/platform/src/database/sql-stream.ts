import { finished, type Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/** Rows fetched per round trip of the cursor: memory stays bounded by this, whatever the size of the result. */
export const STREAM_BATCH_SIZE = 500;

/**
 * A read-only SQL text (`$1`-style parameters) as a stream of rows (objects keyed by column name, parsed as pg parses
 * them), read through a server-side cursor (pg-query-stream) on a connection of the DataSource's pool held for the
 * stream's life: PostgreSQL hands over STREAM_BATCH_SIZE rows at a time, as the consumer reads them, never the whole
 * result at once. The connection returns to the pool when the stream ends, fails or is destroyed (a client that goes
 * away mid-download closes the cursor); after a failure it is discarded rather than reused.
 */
export async function streamRows(dataSource: DataSource, text: string, values: unknown[] = [], batchSize = STREAM_BATCH_SIZE): Promise<Readable> {
  const driver = dataSource.driver as PostgresDriver;
  const [client, release] = (await driver.obtainMasterConnection()) as [PoolClient, (error?: Error | boolean) => void];
  dataSource.logger.logQuery(text, values);
  let stream: QueryStream;
  try {
    stream = client.query(new QueryStream(text, values, { batchSize }));
  } catch (error) {
    release(error as Error);
    throw error;
  }
  let released = false;
  finished(stream, (error) => {
    if (released) return;
    released = true;
    if (error && error.code !== 'ERR_STREAM_PREMATURE_CLOSE') dataSource.logger.logQueryError(error, text, values);
    // A cursor closed early (premature close) left the connection clean; a query that failed may not have.
    release(error && error.code !== 'ERR_STREAM_PREMATURE_CLOSE' ? error : undefined);
  });
  return stream;
}
