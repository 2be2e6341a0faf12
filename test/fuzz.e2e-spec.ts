// Bad input, generated from the schema the API serves: every mutation gets invalid values in every argument and
// input field (wrong types, empty and huge strings, 10,000-element lists, unicode edge cases, negative and huge
// numbers, malformed ids), as an admin (so rules of access do not hide validation) and anonymously. Each answer must
// be a GraphQL error with a code of docs/rules.md, never a 5xx; the process stays up and no table changes.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import type { DataSource } from 'typeorm';
import { ErrorCode } from '#platform/errors/domain-error.js';
import { startApi, type RunningApi } from './helpers/api.js';
import { makeAdmin } from './helpers/challenge-factories.js';
import { openDatabase } from './helpers/db.js';
import { signUp, type TestUser } from './helpers/factories.js';
import { fragmentBomb } from './helpers/documents.js';
import { gqlOk, trackedWsClient, wsOperation, type WsOutcome } from './helpers/graphql.js';

const CODES = new Set<string>(Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR));
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Input fields that are names or titles (docs/rules.md "Errors": one line). */
const ONE_LINE_FIELDS = new Set(['displayName', 'name', 'title', 'className', 'city', 'district', 'sector', 'tags']);
const NOT_ONE_LINE: Json[] = ['Giulia\r\nBcc: x@example.test', 'cr\ronly', 'lf\nonly', 'bell\u0007', 'sep\u2028line', '\u202Eevil'];

/** Values no field of the given scalar accepts. */
function invalidScalars(typeName: string): Json[] {
  const huge = 'ж'.repeat(120_000); // over every text limit, under the 1 MiB body limit
  const common: Json[] = [{ nested: 'object' }, ['a', 'list']];
  switch (typeName) {
    case 'ID':
      return [...common, '', 'not-a-uuid', '00000000-0000-0000-0000-00000000000g', "' OR 1=1 --", '\u202Eevil\u0000', 'x'.repeat(10_000), 12.5];
    case 'String':
      return [...common, huge, '\uD800'.repeat(60_000), '🧑‍🚀'.repeat(30_000), 'nul\u0000byte', 42];
    case 'Int':
      return [...common, -1, -2_147_483_649, 2_147_483_648, 1e308, 1.5, '12'];
    case 'Float':
      return [...common, -1, 1e308, -1e308, 'NaN', 0, 100.01, 0.001];
    case 'Boolean':
      return [...common, 'true', 1];
    case 'DateTime':
      return [...common, 'not-a-date', '2026-02-30T25:61:00Z', '', -8.64e15, '9999999-01-01T00:00:00Z'];
    default:
      return [...common, ''];
  }
}

/** A plausible value of the type, so that only the one mutated leaf is wrong. */
function baseValue(type: GraphQLInputType): Json {
  if (isNonNullType(type)) return baseValue(type.ofType);
  if (isListType(type)) return [baseValue(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const value: Record<string, Json> = {};
    for (const field of Object.values(type.getFields())) if (isNonNullType(field.type)) value[field.name] = baseValue(field.type);
    return value;
  }
  switch (type.name) {
    case 'ID':
      return randomUUID();
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'DateTime':
      return new Date(Date.now() + 7 * 86_400_000).toISOString();
    default:
      return 'fuzz';
  }
}

interface Case {
  variables: Record<string, Json>;
  what: string;
  /** The wrong value holds a control character, NUL, a line separator or a bidi override (replayed over graphql-ws too). */
  control: boolean;
}

const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029\u202a-\u202e]/;
const hasControl = (value: Json): boolean =>
  typeof value === 'string' ? CONTROL.test(value) : value !== null && typeof value === 'object' && Object.values(value).some(hasControl);

/** One case per (leaf, invalid value), plus list bombs, nulls and unknown fields. */
function casesFor(args: readonly GraphQLArgument[]): Case[] {
  const base: Record<string, Json> = Object.fromEntries(args.map((a) => [a.name, baseValue(a.type)]));
  const cases: Case[] = [];
  const visit = (type: GraphQLInputType, path: string[], depth: number) => {
    const set = (value: Json, what: string) => cases.push({ variables: withValue(base, path, value), what: `${path.join('.')}: ${what}`, control: hasControl(value) });
    const named = getNamedType(type);
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isNonNullType(type)) set(null, 'null');
    if (isListType(inner)) {
      const element = inner.ofType as GraphQLInputType;
      set(
        Array.from({ length: 10_000 }, () => baseValue(element)),
        '10,000 elements',
      );
      set([null], '[null]');
    }
    if (isInputObjectType(named)) {
      set('a string', 'string for an object');
      set({ ...(baseValue(named) as Record<string, Json>), surprise: 1 }, 'unknown field');
      if (depth < 3) for (const field of Object.values(named.getFields())) visit(field.type, [...path, field.name], depth + 1);
      return;
    }
    if (isEnumType(named)) {
      set('NOT_A_VALUE', 'unknown enum value');
      set(3, 'number for an enum');
      return;
    }
    if (isScalarType(named)) for (const value of invalidScalars(named.name)) set(value, show(value));
    // Issue 17.7: names and titles are one line (CR/LF, other control characters, separators, bidi overrides).
    if (named.name === 'String' && ONE_LINE_FIELDS.has(path[path.length - 1]!)) for (const value of NOT_ONE_LINE) set(value, show(value));
  };
  for (const arg of args) visit(arg.type, [arg.name], 0);
  return cases;
}

function withValue(base: Record<string, Json>, path: string[], value: Json): Record<string, Json> {
  const copy = structuredClone(base) as Record<string, Json>;
  let target: Record<string, Json> = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof target[key] !== 'object' || target[key] === null || Array.isArray(target[key])) target[key] = {};
    target = target[key] as Record<string, Json>;
  }
  target[path.at(-1)!] = value;
  return copy;
}

function show(value: Json): string {
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 20)}... (${text.length} chars)` : text;
}

async function tableFingerprint(db: DataSource): Promise<Record<string, string>> {
  const tables: { table_name: string }[] = await db.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migration' ORDER BY 1`,
  );
  const result: Record<string, string> = {};
  for (const { table_name } of tables) {
    const [{ digest }] = await db.query(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${table_name}" t`);
    result[table_name] = digest;
  }
  return result;
}

async function post(url: string, body: unknown, token?: string): Promise<{ status: number; json: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = { unparsable: text.slice(0, 200) };
  }
  return { status: response.status, json };
}

let api: RunningApi;
let db: DataSource;
let admin: TestUser;
let schema: GraphQLSchema;

beforeAll(async () => {
  api = await startApi();
  db = await openDatabase();
  admin = await makeAdmin(api.url, db, await signUp(api.url, { label: 'fuzz-admin' }));
  const introspection = await gqlOk(api.url, getIntrospectionQuery());
  schema = buildClientSchema(introspection);
});
afterAll(async () => {
  await api.close();
  await db.destroy();
});

/** The operation text for a mutation: variables typed as the schema says, the result reduced to __typename. */
function operationFor(name: string, args: readonly GraphQLArgument[]): string {
  const field = schema.getMutationType()!.getFields()[name]!;
  const variables = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `mutation Fuzz${variables ? `(${variables})` : ''} { ${name}${passed ? `(${passed})` : ''}${selection} }`;
}

describe('fuzzing every mutation with invalid input', () => {
  it('answers each case with a docs/rules.md error code, never a 5xx, and stores nothing', async () => {
    const before = await tableFingerprint(db);
    const mutations = Object.values(schema.getMutationType()!.getFields());
    const failures: string[] = [];
    let tried = 0;
    for (const mutation of mutations) {
      const query = operationFor(mutation.name, mutation.args);
      const cases = casesFor(mutation.args);
      for (const [index, testCase] of cases.entries()) {
        // Everything as an admin; the first cases also anonymously.
        const callers = index < 2 ? [admin.token, undefined] : [admin.token];
        for (const token of callers) {
          tried++;
          const { status, json } = await post(api.url, { query, variables: testCase.variables }, token);
          const code = json?.errors?.[0]?.extensions?.code;
          const stored = json?.data?.[mutation.name];
          if (status >= 500 || !CODES.has(code) || (stored !== undefined && stored !== null)) {
            failures.push(`${mutation.name} ${testCase.what} ${token ? 'admin' : 'anonymous'}: HTTP ${status} ${JSON.stringify(json).slice(0, 200)}`);
          }
          const text = JSON.stringify(json);
          if (/at .+\.(js|ts):\d+|QueryFailedError|SELECT |INSERT /.test(text)) failures.push(`${mutation.name} ${testCase.what}: leaks internals ${text.slice(0, 200)}`);
        }
      }
    }
    console.log(`fuzz: ${tried} invalid inputs over ${mutations.length} mutations, ${failures.length} failures`);
    expect(failures).toEqual([]);
    expect(await tableFingerprint(db)).toEqual(before);
    const live = await fetch(api.url.replace(/\/graphql$/, '/health/live'));
    expect(live.status).toBe(200);
  }, 300_000); // ~1,500 requests, a few of them megabytes long

  it('answers invalid report queries and export requests with a docs/rules.md code, never a 5xx, and stores nothing', async () => {
    const promoter = (await gqlOk(api.url, `mutation { createOrganization(input: { name: "Promotore fuzz", kind: PROMOTER }) { id } }`, {}, admin.token)).createOrganization
      .id as string;
    const before = await tableFingerprint(db);
    const failures: string[] = [];
    const judge = (what: string, status: number, json: any) => {
      const code = json?.errors?.[0]?.extensions?.code;
      if (status >= 500 || (json?.errors && !CODES.has(code))) failures.push(`${what}: HTTP ${status} ${JSON.stringify(json).slice(0, 200)}`);
      if (/at .+\.(js|ts):\d+|QueryFailedError|SELECT |INSERT /.test(JSON.stringify(json))) failures.push(`${what}: leaks internals`);
    };
    // impactReport: every argument mutated, the organization otherwise a real one so that the period is validated.
    const field = schema.getQueryType()!.getFields().impactReport!;
    const query = `query Fuzz(${field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ')}) { impactReport(${field.args.map((a) => `${a.name}: $${a.name}`).join(', ')}) { overall { teams } } }`;
    const cases = casesFor(field.args).map((c) => (c.what.startsWith('organizerId') ? c : { ...c, variables: { ...c.variables, organizerId: promoter } }));
    cases.push({ what: 'to before from', control: false, variables: { organizerId: promoter, from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } });
    for (const testCase of cases) {
      const { status, json } = await post(api.url, { query, variables: testCase.variables }, admin.token);
      judge(`impactReport ${testCase.what}`, status, json);
    }
    // The export routes: hostile paths and parameters, as an admin (access rules hide nothing) and anonymously.
    const base = api.url.replace(/\/graphql$/, '');
    const challenge = randomUUID();
    const paths = [
      `/exports/challenges/${challenge}/results.csv`,
      `/exports/challenges/${challenge}/results.csv?separator=${'x'.repeat(5000)}`,
      `/exports/challenges/${challenge}/results.csv?normalization=%00`,
      `/exports/challenges/${challenge}/reviews.csv?jurors=names&jurors=names`,
      `/exports/challenges/%zz/results.csv`,
      `/exports/challenges/${"' OR 1=1 --"}/results.csv`,
      `/exports/challenges/${'a'.repeat(500)}/results.csv`,
      `/exports/challenges//results.csv`,
      `/exports/challenges/${challenge}/../../graphql`,
      `/exports/`,
      `/exports/organizations/${promoter}/impact.csv`,
      `/exports/organizations/${promoter}/impact.csv?from=2026-01-01&to=2025-01-01`,
      `/exports/organizations/${promoter}/impact.csv?from=not-a-date&to=2026-01-01`,
      `/exports/organizations/${promoter}/impact.csv?from=-271821-04-20&to=275760-09-13`,
      `/exports/organizations/${promoter}/impact.csv?from=2026-02-30T25:61:00Z&to=2026-03-01`,
      `/exports/organizations/${promoter}/impact.csv?from=1900-01-01&to=2100-01-01`,
      `/exports/organizations/${promoter}/impact.csv?from=2026-01-01&to=2026-12-31&token=forged`,
      `/exports/challenges/${challenge}/results.csv?token=${'a.b.c'.repeat(1000)}`,
    ];
    for (const path of paths) {
      for (const token of [admin.token, undefined]) {
        const response = await fetch(base + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
        const text = await response.text();
        let json: any;
        try {
          json = JSON.parse(text);
        } catch {
          json = { unparsable: text.slice(0, 200) };
        }
        if (response.status === 200) continue; // e.g. the impact CSV of a valid period
        // A path that is not even valid percent-encoding is refused by the HTTP server before any route, with its own 400.
        if (response.status === 400 && json.code === 'FST_ERR_BAD_URL') continue;
        if (!json.errors && response.status !== 404) failures.push(`GET ${path}: HTTP ${response.status} without an error body`);
        judge(`GET ${path.slice(0, 120)} ${token ? 'admin' : 'anonymous'}`, response.status, json);
      }
    }
    expect(failures).toEqual([]);
    expect(await tableFingerprint(db)).toEqual(before);
  }, 120_000);

  it("refuses page sizes outside 1-100 on the lists of people's choice and suggested ideas (BAD_USER_INPUT naming first)", async () => {
    const companyId = (await gqlOk(api.url, `mutation { createOrganization(input: { name: "Fuzz Impresa", kind: COMPANY }) { id } }`, {}, admin.token)).createOrganization.id;
    const challengeId = (
      await gqlOk(
        api.url,
        `mutation($input: CreateChallengeInput!) { createChallenge(input: $input) { id } }`,
        {
          input: {
            organizerId: companyId,
            title: 'Fuzz',
            description: 'Fuzz',
            format: 'OPEN_HACKATHON',
            submissionOpensAt: new Date(Date.now() + 86_400_000).toISOString(),
            submissionClosesAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
            judgingClosesAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
            themes: [{ name: 'Energia' }],
            criteria: [{ name: 'Impatto' }],
          },
        },
        admin.token,
      )
    ).createChallenge.id;
    const PEOPLES_CHOICE = `query($id: ID, $first: Int) { challenge(id: $id) { peoplesChoice(first: $first) { votes } } }`;
    const SUGGESTED = `query($id: ID!, $first: Int) { organization(id: $id) { suggestedIdeas(first: $first) { score } } }`;
    for (const [query, id] of [
      [PEOPLES_CHOICE, challengeId],
      [SUGGESTED, companyId],
    ])
      for (const first of [0, -1, 101, 2_147_483_647]) {
        const { status, json } = await post(api.url, { query, variables: { id, first } }, admin.token);
        expect(status).toBeLessThan(500);
        expect([json.errors?.[0]?.extensions?.code, json.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', 'first']);
      }
  });

  /** Every failure a WebSocket answer shows (an unknown or internal code, a leak), or none. */
  const wsFailures = (what: string, outcome: WsOutcome): string[] => {
    if (outcome.closed !== undefined) return [`${what}: socket closed ${outcome.closed}`];
    const errors = outcome.refused ?? outcome.result?.errors ?? [];
    const text = JSON.stringify(outcome);
    const failures = errors.filter((e) => !CODES.has(e.extensions?.code ?? '')).map((e) => `${what}: ${JSON.stringify(e).slice(0, 200)}`);
    if (/at .+\.(js|ts):\d+|QueryFailedError|SELECT |INSERT /.test(text)) failures.push(`${what}: leaks internals ${text.slice(0, 200)}`);
    return failures;
  };

  it('answers the control-character and NUL cases over graphql-ws as over HTTP, on one socket, storing nothing', async () => {
    const before = await tableFingerprint(db);
    const socket = trackedWsClient(api.wsUrl, admin.token);
    const failures: string[] = [];
    let tried = 0;
    try {
      for (const mutation of Object.values(schema.getMutationType()!.getFields())) {
        const query = operationFor(mutation.name, mutation.args);
        for (const testCase of casesFor(mutation.args).filter((c) => c.control)) {
          tried++;
          const outcome = await wsOperation(socket.client, query, testCase.variables);
          failures.push(...wsFailures(`${mutation.name} ${testCase.what}`, outcome));
          if (!outcome.refused && !outcome.result?.errors?.length) failures.push(`${mutation.name} ${testCase.what}: accepted ${JSON.stringify(outcome).slice(0, 200)}`);
        }
      }
    } finally {
      await socket.client.dispose();
    }
    console.log(`fuzz over graphql-ws: ${tried} control-character inputs, ${failures.length} failures`);
    expect(tried).toBeGreaterThan(50);
    expect(failures).toEqual([]);
    expect(socket.connections()).toBe(1);
    expect(socket.closes).toEqual([]);
    expect(await tableFingerprint(db)).toEqual(before);
  }, 120_000);

  const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: challenges(first: 100) { edges { node { id } } }`).join(' ');
  const cheapAliases = Array.from({ length: 1000 }, (_, i) => `a${i}: __typename`).join(' ');
  const nested = (depth: number): string => (depth === 0 ? 'id' : `members { user { id } organization { ${nested(depth - 1)} } }`);
  const CURSOR_QUERY = `query($after: String) { organizations(first: 5, after: $after) { totalCount } }`;
  /** Hostile shapes; `status` and `code`, when given, are the exact answer (a validation error is a 400, never a 500). */
  const shapes: { what: string; body: unknown; status?: number; code?: string }[] = [
    { what: '1,000 costly aliases', body: { query: `{ ${aliases} }` }, status: 400, code: 'BAD_USER_INPUT' },
    { what: '1,000 cheap aliases', body: { query: `{ ${cheapAliases} }` } },
    { what: 'shallow', body: { query: `{ me { organizations: __typename } }` } },
    { what: 'deep', body: { query: `{ organizations(first: 100) { edges { node { ${nested(12)} } } } }` }, status: 400, code: 'BAD_USER_INPUT' },
    { what: '5,000 repeated fields', body: { query: `{ ${'a: me { id } '.repeat(5000)} }` } },
    { what: 'fragment bomb of 25', body: { query: fragmentBomb(25) }, status: 400, code: 'BAD_USER_INPUT' },
    { what: 'fragment bomb of 40', body: { query: fragmentBomb(40) }, status: 400, code: 'BAD_USER_INPUT' },
    { what: 'fragment cycle', body: { query: 'query Cycle { ...A }\nfragment A on Query { ...B }\nfragment B on Query { ...A }' }, status: 400, code: 'BAD_USER_INPUT' },
    { what: 'fragment on itself', body: { query: 'query Self { ...S }\nfragment S on Query { __typename ...S }' }, status: 400, code: 'BAD_USER_INPUT' },
    { what: 'batch of 100', body: Array.from({ length: 100 }, () => ({ query: '{ me { id } }' })) },
    { what: 'query not a string', body: { query: 123 } },
    { what: '10,000 open braces', body: { query: '{'.repeat(10_000) }, status: 400, code: 'BAD_USER_INPUT' },
    { what: 'no query', body: { variables: { a: 1 } } },
    { what: 'variables not an object', body: { query: '{ __typename }', variables: 'not an object' } },
    { what: 'operationName not a string', body: { query: '{ __typename }', operationName: { not: 'a string' } } },
    { what: 'two operations, no name', body: { query: 'query A { __typename } query B { __typename }' } },
    { what: 'first: 101', body: { query: `query($first: Int) { organizations(first: $first) { totalCount } }`, variables: { first: 101 } }, code: 'BAD_USER_INPUT' },
    { what: 'garbage cursor', body: { query: CURSOR_QUERY, variables: { after: 'bm90LWEtY3Vyc29y' } }, code: 'BAD_USER_INPUT' },
    { what: 'NUL cursor', body: { query: CURSOR_QUERY, variables: { after: '\u0000'.repeat(10) } }, status: 400, code: 'BAD_USER_INPUT' },
    { what: 'control characters in a variable', body: { query: CURSOR_QUERY, variables: { after: 'bell\u0007\u001b[31m\r\n' } }, code: 'BAD_USER_INPUT' },
    { what: 'NUL in a string literal', body: { query: '{ organizations(first: 5, after: "x\\u0000") { totalCount } }' }, status: 400, code: 'BAD_USER_INPUT' },
    {
      what: 'NUL in a mutation input',
      body: { query: 'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }', variables: { input: { displayName: 'Giulia\u0000' } } },
      status: 400,
      code: 'BAD_USER_INPUT',
    },
    {
      what: 'control characters in a mutation input',
      body: { query: 'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }', variables: { input: { displayName: 'Giulia\u0007\r\nBcc: x' } } },
      code: 'BAD_USER_INPUT',
    },
  ];

  it('survives hostile query shapes: aliases, deep and wide selections, fragment bombs and cycles, control characters, batches, garbage bodies', async () => {
    const before = await tableFingerprint(db);
    for (const { what, body, status: expectedStatus, code: expectedCode } of shapes) {
      const { status, json } = await post(api.url, body, admin.token);
      expect({ what, status: status < 500 }).toEqual({ what, status: true });
      if (expectedStatus) expect({ what, status }).toEqual({ what, status: expectedStatus });
      const code = json?.errors?.[0]?.extensions?.code;
      if (json?.errors) expect(CODES.has(code) ? code : JSON.stringify(json).slice(0, 300)).toBe(code);
      if (expectedCode) expect({ what, code }).toEqual({ what, code: expectedCode });
    }
    expect(await tableFingerprint(db)).toEqual(before);
    const live = await fetch(api.url.replace(/\/graphql$/, '/health/live'));
    expect(live.status).toBe(200);
  });

  it('answers the same hostile shapes over graphql-ws with the same codes, for the one operation, and the socket stays', async () => {
    const before = await tableFingerprint(db);
    const socket = trackedWsClient(api.wsUrl, admin.token);
    const anonymous = trackedWsClient(api.wsUrl);
    const failures: string[] = [];
    try {
      // graphql-ws carries one operation with a string query per message: the shapes that are one.
      const operations = shapes.filter((s): s is typeof s & { body: { query: string; variables?: Record<string, unknown> } } => {
        const body = s.body as { query?: unknown; variables?: unknown; operationName?: unknown };
        return !Array.isArray(body) && typeof body.query === 'string' && (body.variables === undefined || typeof body.variables === 'object') && body.operationName === undefined;
      });
      expect(operations.length).toBeGreaterThan(15);
      for (const { what, body, code: expectedCode } of operations) {
        const outcome = await wsOperation(socket.client, body.query, body.variables);
        failures.push(...wsFailures(what, outcome));
        const code = (outcome.refused ?? outcome.result?.errors)?.[0]?.extensions?.code;
        if (expectedCode && code !== expectedCode) failures.push(`${what}: ${code} instead of ${expectedCode}`);
        const refusedAnonymously = await wsOperation(anonymous.client, body.query, body.variables);
        if (refusedAnonymously.refused?.[0]?.extensions?.code !== 'UNAUTHENTICATED') failures.push(`${what} anonymous: ${JSON.stringify(refusedAnonymously).slice(0, 200)}`);
      }
      expect(failures).toEqual([]);
      expect((await wsOperation(socket.client, '{ me { id } }')).result).toEqual({ data: { me: { id: admin.id } } });
      expect([socket.connections(), anonymous.connections()]).toEqual([1, 1]);
      expect([...socket.closes, ...anonymous.closes]).toEqual([]);
    } finally {
      await socket.client.dispose();
      await anonymous.client.dispose();
    }
    expect(await tableFingerprint(db)).toEqual(before);
  });
});
