import { DomainError } from '../errors/domain-error.js';

export const MAX_PAGE_SIZE = 100;

/** `first` must lie between 1 and 100 (PRODUCT.md "Errors"). */
export function assertPageSize(first: number | null | undefined, field = 'first'): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw DomainError.badInput(field, `${field} must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return size;
}

export type CursorValue = string | number | boolean | null;

/** Opaque keyset cursor: the sort values of the last row, then its id as the tie-breaker. */
export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, expectedLength: number, field = 'after'): CursorValue[] {
  try {
    if (cursor.length > 1024) throw new Error('too long');
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === expectedLength && values.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))) {
      return values as CursorValue[];
    }
  } catch {
    // fall through to the domain error
  }
  throw DomainError.badInput(field, 'Invalid cursor');
}

/** A count, or a function that counts when called: GraphQL calls it only when `totalCount` is selected. */
export type TotalCount = number | (() => Promise<number>);

export interface Page<T> {
  nodes: T[];
  cursors: string[];
  hasNextPage: boolean;
  totalCount: TotalCount;
}

/** Counts at most once, and only if asked: a gallery that shows no total pays no COUNT over the whole list. */
export function lazyCount(count: () => Promise<number>): () => Promise<number> {
  let counted: Promise<number> | undefined;
  return () => (counted ??= count());
}

export interface KeysetOrder<T> {
  /** SQL expressions of the sort keys, the last one unique (usually the id). */
  columns: string[];
  /** Direction of every key; mixed directions are expressed per key. */
  directions: ('ASC' | 'DESC')[];
  /** The values of the sort keys of one row, in the order of `columns`. */
  valuesOf: (row: T) => CursorValue[];
}

/**
 * The WHERE fragment that starts a page after the cursor's row, for any mix of directions:
 * (a > x) OR (a = x AND b > y) OR ...; parameters are named so it composes with other filters.
 */
export function keysetCondition(
  order: Pick<KeysetOrder<unknown>, 'columns' | 'directions'>,
  after: CursorValue[],
): {
  sql: string;
  params: Record<string, CursorValue>;
} {
  const params: Record<string, CursorValue> = {};
  const ors: string[] = [];
  order.columns.forEach((column, i) => {
    const ands: string[] = [];
    for (let j = 0; j < i; j++) {
      params[`ks${j}`] = after[j];
      ands.push(after[j] === null ? `${order.columns[j]} IS NULL` : `${order.columns[j]} = :ks${j}`);
    }
    params[`ks${i}`] = after[i];
    const op = order.directions[i] === 'ASC' ? '>' : '<';
    ands.push(after[i] === null ? `${column} IS NOT NULL` : `${column} ${op} :ks${i}`);
    ors.push(`(${ands.join(' AND ')})`);
  });
  return { sql: `(${ors.join(' OR ')})`, params };
}

/** Builds a page from `first + 1` fetched rows. */
export function toPage<T>(rows: T[], first: number, totalCount: TotalCount, valuesOf: (row: T) => CursorValue[]): Page<T> {
  const hasNextPage = rows.length > first;
  const nodes = hasNextPage ? rows.slice(0, first) : rows;
  return { nodes, cursors: nodes.map((n) => encodeCursor(valuesOf(n))), hasNextPage, totalCount };
}
