// Platform guarantees of the API (docs/rules.md "Errors" and "Runtime interface"): health, body size limit,
// depth and cost limits, page size and cursor validation, hidden internal errors, no batching.
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { OrganizationsService } from '#domain/organizations/organizations.service.js';
import { startApi, type RunningApi } from './helpers/api.js';
import { gql, gqlError } from './helpers/graphql.js';

let api: RunningApi;
let base: string;

beforeAll(async () => {
  api = await startApi();
  base = api.url.replace(/\/graphql$/, '');
});
afterAll(async () => {
  await api.close();
});
afterEach(() => {
  jest.restoreAllMocks();
});

/** POSTs a raw body and returns the status with the parsed JSON (or the text when it is not JSON). */
/** POSTs a raw body, asking for English (the messages asserted); error-locale.e2e-spec.ts shows the Italian default. */
async function post(body: string): Promise<{ status: number; json: any; text: string }> {
  const response = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'en' }, body });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

describe('health', () => {
  it.each(['/health/live', '/health/ready'])('GET %s answers 200 with status ok', async (path) => {
    const response = await fetch(`${base}${path}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('readiness reports the database, Redis and migrations', async () => {
    const body = (await (await fetch(`${base}/health/ready`)).json()) as { info: Record<string, { status: string }> };
    expect(body.info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' }, migrations: { status: 'up' } });
  });
});

describe('request body size', () => {
  const withPadding = (bytes: number) => {
    const skeleton = JSON.stringify({ query: '{ __typename }', variables: { pad: '' } });
    return JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(bytes - skeleton.length) } });
  };

  it('answers 413 to a body over 1 MiB', async () => {
    const body = withPadding(1024 * 1024 + 1);
    expect(Buffer.byteLength(body)).toBe(1024 * 1024 + 1);
    expect((await post(body)).status).toBe(413);
  });

  it('accepts a body just under 1 MiB', async () => {
    const result = await post(withPadding(1024 * 1024 - 1024));
    expect(result.status).toBe(200);
    expect(result.json).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('query limits', () => {
  it('runs an ordinary nested query', async () => {
    const result = await gql(api.url, '{ organizations(first: 5) { edges { node { members { user { id } } } } } }');
    expect(result.errors).toBeUndefined();
  });

  it('refuses a query deeper than 10 levels before execution (BAD_USER_INPUT)', async () => {
    // The schema has no cycle this deep, so the innermost fields do not exist; the point is the depth error.
    // graphql-depth-limit counts the root field as depth 0: `g` sits at depth 11.
    const query = 'query Deep { organizations { edges { node { members { user { a { b { c { d { e { f { g } } } } } } } } } } } }';
    const result = await post(JSON.stringify({ query }));
    expect(result.status).toBe(400);
    expect(result.json).not.toHaveProperty('data');
    const depthError = (result.json.errors as any[]).find((e) => /The operation «Deep» is nested deeper than the limit of 10 levels/.test(e.message));
    expect(depthError).toBeDefined();
    expect(depthError.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('counts depth like graphql-depth-limit: depth 10 is not refused for its depth', async () => {
    const query = 'query Deep { organizations { edges { node { members { user { a { b { c { d { e { f } } } } } } } } } } }';
    const result = await post(JSON.stringify({ query }));
    expect((result.json.errors as any[]).filter((e) => /nested deeper than the limit/.test(e.message))).toEqual([]);
  });

  it('refuses a query whose cost exceeds the limit before execution (BAD_USER_INPUT)', async () => {
    const selection = Array.from({ length: 1000 }, (_, i) => `o${i}: organizations(first: 100) { edges { node { id name } } }`).join('\n');
    const result = await post(JSON.stringify({ query: `{\n${selection}\n}` }));
    expect(result.status).toBe(400);
    expect(result.json).not.toHaveProperty('data');
    expect(result.json.errors).toHaveLength(1);
    expect(result.json.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COSTLY', maxCost: 5000 });
    expect(result.json.errors[0].extensions.cost).toBeGreaterThan(5000);
  });

  it('costs the same query text anew for each set of variables (the cost is remembered per variables)', async () => {
    const selection = Array.from({ length: 60 }, (_, i) => `o${i}: organizations(first: $first) { edges { node { id name } } }`).join('\n');
    const query = `query Many($first: Int) {\n${selection}\n}`;
    const cheap = await post(JSON.stringify({ query, variables: { first: 1 } }));
    expect(cheap.status).toBe(200);
    const costly = await post(JSON.stringify({ query, variables: { first: 100 } }));
    expect(costly.status).toBe(400);
    expect(costly.json.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COSTLY' });
    expect((await post(JSON.stringify({ query, variables: { first: 1 } }))).status).toBe(200);
    expect((await post(JSON.stringify({ query, variables: { first: 100 } }))).status).toBe(400);
  });
});

describe('pagination arguments', () => {
  it.each([0, 101, -1])('first: %d is BAD_USER_INPUT on field first', async (first) => {
    const error = await gqlError(api.url, 'query($first: Int) { organizations(first: $first) { totalCount } }', { first });
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it.each([1, 100])('first: %d is accepted', async (first) => {
    const result = await gql(api.url, 'query($first: Int) { organizations(first: $first) { totalCount } }', { first });
    expect(result.errors).toBeUndefined();
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['an empty list', Buffer.from('[]').toString('base64url')],
    ['an object', Buffer.from('{"a":1}').toString('base64url')],
    ['too long', 'x'.repeat(2000)],
  ])('a malformed cursor (%s) is BAD_USER_INPUT on field after', async (_label, after) => {
    const error = await gqlError(api.url, 'query($after: String) { organizations(after: $after) { totalCount } }', { after });
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('unexpected errors', () => {
  it('answers INTERNAL_SERVER_ERROR with a generic message: no SQL, no stack trace', async () => {
    // A database failure inside a real resolver: the service rejects with the error TypeORM raises.
    const sql = 'SELECT "o"."id", "o"."name" FROM "organization" "o" WHERE "o"."secret_column" = $1';
    const failure = new QueryFailedError(sql, ['s3cr3t'], Object.assign(new Error('column o.secret_column does not exist'), { code: '42703' }));
    jest.spyOn(api.app.get(OrganizationsService), 'list').mockRejectedValueOnce(failure);

    const result = await post(JSON.stringify({ query: '{ organizations { totalCount } }' }));

    expect(result.status).toBe(200);
    expect(result.json.errors).toEqual([
      { message: 'Internal server error.', locations: [{ line: 1, column: 3 }], path: ['organizations'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ]);
    for (const leak of ['SELECT', 'secret_column', 's3cr3t', '42703', 'QueryFailedError', 'stacktrace', 'stack', '.ts:', '.js:']) {
      expect(result.text).not.toContain(leak);
    }
  });
});

describe('batching', () => {
  it('answers 4xx, not 5xx, to a batched (array) body', async () => {
    const result = await post(JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]));
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.status).toBeLessThan(500);
  });
});

describe('the NUL character', () => {
  it('is refused as BAD_USER_INPUT in variables, before any resolver runs', async () => {
    const error = await gqlError(api.url, `query($s: String) { organizations(first: 5, search: $s) { totalCount } }`, { s: 'Liceo\u0000' });
    // Italian by default: no Accept-Language.
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', message: 'Il testo non può contenere il carattere nullo (U+0000).' });
    const signIn = await gqlError(api.url, `mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }`, { i: { email: 'a\u0000@example.test', password: 'whatever-123' } });
    expect(signIn.code).toBe('BAD_USER_INPUT');
  });

  it('is refused in a string literal of the document', async () => {
    const error = await gqlError(api.url, `{ organizations(first: 5, search: "a\\u0000b") { totalCount } }`);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('(U+0000)') });
  });
});
