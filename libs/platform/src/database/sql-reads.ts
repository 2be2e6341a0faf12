import { createHash } from 'node:crypto';
import type { Pool, QueryResultRow } from 'pg';
import { QueryFailedError, type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/**
 * Hot reads (the lists of ideas behind the public gallery, the challenge lookup by id or slug) bypass TypeORM's query builder and entity hydration,
 * which cost more CPU than the query itself, and run as named prepared statements, so PostgreSQL parses and plans
 * each distinct text once per connection instead of on every request. Other writes and everything else keep TypeORM.
 *
 * Reads, and the rare hot write that is a single statement (writeRows): a prepared statement is planned against the
 * schema of its first use, so a migration that drops or retypes a column these texts name must restart the API (as any
 * deployment does).
 */

/** Statement names by text: the name must be stable per text (pg refuses one name for two texts). */
const statementNames = new Map<string, string>();
const MAX_STATEMENT_NAMES = 10_000;

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `r_${createHash('sha1').update(text).digest('base64url')}`;
    if (statementNames.size >= MAX_STATEMENT_NAMES) statementNames.clear();
    statementNames.set(text, name);
  }
  return name;
}

/**
 * Runs a read-only SQL text with `:name` parameters (as in TypeORM's query builder; `:...name` expands a list)
 * as a named prepared statement on the DataSource's pool, logged through its logger like any TypeORM query;
 * errors are TypeORM's QueryFailedError. Keep the text free of literal values so that it is reused.
 */
export function readRows<T extends QueryResultRow>(dataSource: DataSource, sql: string, params: ObjectLiteral = {}): Promise<T[]> {
  return runPrepared<T>(dataSource, sql, params);
}

/**
 * A write on a hot path that is one statement and its own transaction (autocommit: never inside a TypeORM
 * transaction), run as readRows runs a read: a named prepared statement, parsed and planned once per connection. For a
 * statement that checks its rules in CTEs before it writes (VotingService.cast), planning cost PostgreSQL three times
 * what executing it did. The same caveat as readRows: a migration that changes what the text names must restart the API.
 */
export function writeRows<T extends QueryResultRow>(dataSource: DataSource, sql: string, params: ObjectLiteral = {}): Promise<T[]> {
  return runPrepared<T>(dataSource, sql, params);
}

async function runPrepared<T extends QueryResultRow>(dataSource: DataSource, sql: string, params: ObjectLiteral): Promise<T[]> {
  const driver = dataSource.driver as PostgresDriver;
  const [text, values] = driver.escapeQueryWithParameters(sql, params);
  dataSource.logger.logQuery(text, values);
  try {
    const result = await (driver.master as Pool).query<T>({ name: statementName(text), text, values });
    return result.rows;
  } catch (error) {
    dataSource.logger.logQueryError(error as Error, text, values);
    throw new QueryFailedError(text, values, error as Error);
  }
}

/** Column types whose pg-parsed value is already what TypeORM would hydrate (no transformer, no conversion). */
const PLAIN_TYPES = new Set([
  'uuid',
  'text',
  'varchar',
  'citext',
  'enum',
  'int',
  'integer',
  'smallint',
  'boolean',
  'timestamptz',
  'timestamp with time zone',
  'jsonb',
  'double precision',
]);

/**
 * The columns of an entity as a SELECT list (`alias.column AS "prefix.property"`) and the function that turns a
 * result row back into the entity's shape: TypeORM's metadata names the columns, so a new column needs no change
 * here. Built once per entity; refuses (at first use) entities with columns it would read differently.
 */
export class EntityProjection<E extends ObjectLiteral> {
  readonly select: string;
  private readonly properties: { key: string; property: string }[];

  constructor(dataSource: DataSource, target: EntityTarget<E>, alias: string, prefix = '', omit: readonly string[] = []) {
    const metadata = dataSource.getMetadata(target);
    const columns = metadata.columns.filter((c) => c.isSelect && !omit.includes(c.propertyName));
    for (const c of columns) {
      const type = typeof c.type === 'string' ? c.type : c.type.name;
      if (c.transformer || c.embeddedMetadata || !PLAIN_TYPES.has(type.toLowerCase()) || (c.isArray && type !== 'text')) {
        throw new Error(`EntityProjection cannot read ${metadata.name}.${c.propertyPath} (${type}${c.transformer ? ', transformer' : ''})`);
      }
    }
    this.properties = columns.map((c) => ({ key: `${prefix}${c.propertyName}`, property: c.propertyName }));
    this.select = columns.map((c) => `${alias}."${c.databaseName}" AS "${prefix}${c.propertyName}"`).join(', ');
  }

  /** The entity read from `row` (omitted properties stay undefined); null when its columns are all null (an outer join that found nothing). */
  read(row: Record<string, unknown>): E | null {
    const entity: Record<string, unknown> = {};
    let found = false;
    for (const { key, property } of this.properties) {
      const value = row[key];
      entity[property] = value;
      if (value !== null && value !== undefined) found = true;
    }
    return found ? (entity as E) : null;
  }
}

const projections = new WeakMap<DataSource, Map<EntityTarget<ObjectLiteral>, Map<string, EntityProjection<ObjectLiteral>>>>();

/** The projection of `target` under `alias` (and `prefix`, without the `omit` properties), built once per DataSource. */
export function projectionOf<E extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<E>,
  alias: string,
  prefix = '',
  omit: readonly string[] = [],
): EntityProjection<E> {
  let byTarget = projections.get(dataSource);
  if (!byTarget) projections.set(dataSource, (byTarget = new Map<EntityTarget<ObjectLiteral>, Map<string, EntityProjection<ObjectLiteral>>>()));
  let byShape = byTarget.get(target);
  if (!byShape) byTarget.set(target, (byShape = new Map<string, EntityProjection<ObjectLiteral>>()));
  const key = `${alias}|${prefix}|${omit.join(',')}`;
  let projection = byShape.get(key);
  if (!projection) byShape.set(key, (projection = new EntityProjection(dataSource, target, alias, prefix, omit)));
  return projection as EntityProjection<E>;
}
