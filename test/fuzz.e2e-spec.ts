// Bad input, generated from the schema the API serves: every mutation gets invalid values in every argument and
// input field (wrong types, empty and huge strings, 10,000-element lists, unicode edge cases, negative and huge
// numbers, malformed ids), as an admin (so rules of access do not hide validation) and anonymously. Each answer must
// be a GraphQL error with a code of PRODUCT.md, never a 5xx; the process stays up and no table changes.
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
import { gqlOk } from './helpers/graphql.js';

const CODES = new Set<string>(Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR));
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Input fields that are names or titles (PRODUCT.md "Errors": one line). */
const ONE_LINE_FIELDS = new Set(['displayName', 'name', 'title', 'className', 'city', 'district', 'sector', 'tags', 'sectors', 'themes', 'theme']);
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
}

/** One case per (leaf, invalid value), plus list bombs, nulls and unknown fields. */
function casesFor(args: readonly GraphQLArgument[]): Case[] {
  const base: Record<string, Json> = Object.fromEntries(args.map((a) => [a.name, baseValue(a.type)]));
  const cases: Case[] = [];
  const visit = (type: GraphQLInputType, path: string[], depth: number) => {
    const set = (value: Json, what: string) => cases.push({ variables: withValue(base, path, value), what: `${path.join('.')}: ${what}` });
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
  it('answers each case with a PRODUCT.md error code, never a 5xx, and stores nothing', async () => {
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

  it('survives hostile query shapes: 1,000 aliases, deep and wide selections, batches, garbage bodies', async () => {
    // An edition and a company the admin sees, for the page sizes of the lists of issue 14 (1-100, like every list).
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
    const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: challenges(first: 100) { edges { node { id } } }`).join(' ');
    const cheapAliases = Array.from({ length: 1000 }, (_, i) => `a${i}: __typename`).join(' ');
    const deep = `{ me { ${'organizations: __typename '.repeat(1)} } }`;
    const nested = (depth: number): string => (depth === 0 ? 'id' : `members { user { id } organization { ${nested(depth - 1)} } }`);
    const bodies: unknown[] = [
      { query: `{ ${aliases} }` },
      { query: `{ ${cheapAliases} }` },
      { query: deep },
      { query: `{ organizations(first: 100) { edges { node { ${nested(12)} } } } }` },
      { query: `{ ${'a: me { id } '.repeat(5000)} }` },
      Array.from({ length: 100 }, () => ({ query: '{ me { id } }' })),
      { query: 123 },
      { query: '{'.repeat(10_000) },
      { variables: { a: 1 } },
      { query: '{ __typename }', variables: 'not an object' },
      { query: '{ __typename }', operationName: { not: 'a string' } },
      { query: 'query A { __typename } query B { __typename }' },
      { query: `query($first: Int) { organizations(first: $first) { totalCount } }`, variables: { first: 101 } },
      { query: `query($after: String) { organizations(first: 5, after: $after) { totalCount } }`, variables: { after: 'bm90LWEtY3Vyc29y' } },
      { query: `query($after: String) { organizations(first: 5, after: $after) { totalCount } }`, variables: { after: '\u0000'.repeat(10) } },
    ];
    for (const body of bodies) {
      const { status, json } = await post(api.url, body, admin.token);
      expect(status).toBeLessThan(500);
      const code = json?.errors?.[0]?.extensions?.code;
      if (json?.errors) expect(CODES.has(code) ? code : JSON.stringify(json).slice(0, 300)).toBe(code);
    }
    const live = await fetch(api.url.replace(/\/graphql$/, '/health/live'));
    expect(live.status).toBe(200);
  });
});
