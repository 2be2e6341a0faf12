import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { DomainError } from '../errors/domain-error.js';

export const MAX_PAGE_SIZE = 100;

/** `first` must lie between 1 and 100 (docs/rules.md "Errors"). */
export function assertPageSize(first: number | null | undefined, field = 'first'): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw DomainError.badInput(field, 'page.size', { field, max: MAX_PAGE_SIZE });
  }
  return size;
}

export type CursorValue = string | number | boolean | null;

/** The kind of a list's first sort key: an ISO timestamp, a finite number (a search rank) or a text (a name). */
export type SortKeyKind = 'time' | 'number' | 'text';
type SortKeyOf<K extends SortKeyKind> = K extends 'number' ? number : string;

const SORT_KEY_CHECKS: Record<SortKeyKind, (value: CursorValue) => boolean> = {
  time: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v) && !Number.isNaN(Date.parse(v)),
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  text: (v) => typeof v === 'string',
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Longer than any cursor the codec issues (a 200-character name and an id): refused before any decryption. */
const MAX_CURSOR_LENGTH = 1024;

/**
 * Opaque, unforgeable keyset cursors (docs/rules.md "Errors": a cursor reveals nothing of the row, no time, no key, and
 * a cursor the service did not issue is BAD_USER_INPUT). A cursor is the sort values of the last row and its id,
 * sealed with AES-256-GCM (a fresh random nonce each time, so even two cursors of one row differ) under a key derived
 * by HKDF-SHA256 from JWT_SECRET, with the list it belongs to (and its scope, e.g. the challenge of Challenge.teams)
 * as associated data: a cursor of one list given to another, a truncated, altered or made-up one fails the
 * authentication and is BAD_USER_INPUT naming `after`, before any SQL runs. Every API process shares JWT_SECRET, so
 * a cursor issued by one is read by any other; changing the secret only invalidates open pages.
 */
export class CursorCodec {
  private constructor(private readonly key: Buffer) {}

  /** The codec of a deployment, from its JWT_SECRET (a key of its own, never the JWT signing key itself). */
  static fromSecret(secret: string): CursorCodec {
    return new CursorCodec(Buffer.from(hkdfSync('sha256', secret, 'climathon', 'climathon/pagination-cursor/v1', 32)));
  }

  /** Seals the sort values of one row for the list `list`. */
  encode(list: string, values: CursorValue[]): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(list, 'utf8'));
    const sealed = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
  }

  /** The values sealed in a cursor this codec issued for `list`, or BAD_USER_INPUT on `field` for anything else. */
  decode(list: string, cursor: string, expectedLength: number, field = 'after'): CursorValue[] {
    const values = this.open(list, cursor);
    if (Array.isArray(values) && values.length === expectedLength && values.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))) {
      return values as CursorValue[];
    }
    throw invalidCursor(field);
  }

  /** A [sort key, id] cursor of `list` (every list of the API is ordered so), checked before it reaches SQL. */
  decodeKeyed<K extends SortKeyKind>(list: string, cursor: string, kind: K, field = 'after'): [SortKeyOf<K>, string] {
    const [key, id] = this.decode(list, cursor, 2, field);
    if (!SORT_KEY_CHECKS[kind](key) || typeof id !== 'string' || !UUID.test(id)) throw invalidCursor(field);
    return [key as SortKeyOf<K>, id];
  }

  /** Builds a page of `list` from `first + 1` fetched rows, each with its sealed cursor. */
  page<T>(list: string, rows: T[], first: number, totalCount: TotalCount, valuesOf: (row: T) => CursorValue[]): Page<T> {
    const hasNextPage = rows.length > first;
    const nodes = hasNextPage ? rows.slice(0, first) : rows;
    return { nodes, cursors: nodes.map((n) => this.encode(list, valuesOf(n))), hasNextPage, totalCount };
  }

  private open(list: string, cursor: string): unknown {
    try {
      if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
      const raw = Buffer.from(cursor, 'base64url');
      if (raw.length <= IV_BYTES + TAG_BYTES) return undefined;
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(list, 'utf8'));
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]);
      return JSON.parse(plain.toString('utf8'));
    } catch {
      return undefined; // a failed authentication or a bad payload: the domain error below
    }
  }
}

const invalidCursor = (field: string) => DomainError.badInput(field, 'page.invalidCursor', { field });

/** An empty page that still tells how many rows there are (a list the viewer may count but not read). */
export function countOnlyPage<T>(totalCount: TotalCount): Page<T> {
  return { nodes: [], cursors: [], hasNextPage: false, totalCount };
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
