// A GraphQL document's validation costs time linear in its size, whatever its fragments: the fragment bomb
// `F(i) = { ...F(i-1) ...F(i-1) }` and fragment cycles are answered with a 400 validation error, and the API
// stays responsive meanwhile (issue: one anonymous 1 KB request kept the event loop busy for seconds).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MAX_EXPANDED_FIELDS, MAX_FRAGMENTS } from '../apps/api/src/graphql/document-limits.js';
import { startApi, type RunningApi } from './helpers/api.js';
import { fragmentBomb } from './helpers/documents.js';

describe('document limits: validation linear in the document', () => {
  let api: RunningApi;
  let base: string;
  // In English (the messages asserted); error-locale.e2e-spec.ts shows the Italian default.
  const post = async (query: string) => {
    const response = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'en' }, body: JSON.stringify({ query }) });
    return { status: response.status, json: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
  };

  beforeAll(async () => {
    api = await startApi();
    base = api.url.replace(/\/graphql$/, '');
  });
  afterAll(async () => api?.close());

  it('refuses the 1 KB fragment bomb of depth 25 with a 400 and keeps /health/live answering meanwhile', async () => {
    const bomb = fragmentBomb(25);
    expect(bomb.length).toBeLessThan(2048);
    const pending = post(bomb);
    // While the bomb is validated, the event loop keeps serving: the probe answers, then the bomb.
    const order: string[] = [];
    const probe = fetch(`${base}/health/live`).then((r) => (order.push('live'), r.status));
    const result = await pending.then((r) => (order.push('bomb'), r));
    expect(await probe).toBe(200);
    expect(result.status).toBe(400);
    expect(result.json.data).toBeUndefined();
    expect(result.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.json.errors?.[0]?.message).toContain(`more than ${MAX_EXPANDED_FIELDS} fields`);
    expect(order).toContain('live');
  });

  it('answers a document that doubles 40 times just as fast: work per fragment, not per expansion', async () => {
    // 2^40 fields would take days to walk; an answer at all proves the walk is memoised.
    const result = await post(fragmentBomb(40));
    expect(result.status).toBe(400);
    expect(result.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('still answers a small, legitimate use of nested fragments', async () => {
    const result = await post(fragmentBomb(4));
    expect(result.status).toBe(200);
    expect(result.json.errors).toBeUndefined();
    expect(result.json.data).toEqual({ __typename: 'Query' });
  });

  it('answers a fragment cycle with a 400 validation error, not a 500', async () => {
    const result = await post('query Cycle { ...A }\nfragment A on Query { ...B }\nfragment B on Query { ...A }');
    expect(result.status).toBe(400);
    expect(result.json.errors?.some((e) => /The fragment «A» includes itself/.test(e.message))).toBe(true);
    expect(result.json.errors?.every((e) => e.extensions?.code !== 'INTERNAL_SERVER_ERROR')).toBe(true);
  });

  it('caps the number of fragments in one document', async () => {
    const fragments = Array.from({ length: MAX_FRAGMENTS + 1 }, (_, i) => `fragment G${i} on Query { __typename }`);
    const spreads = fragments.map((_, i) => `...G${i}`).join(' ');
    const result = await post(`query Many { ${spreads} }\n${fragments.join('\n')}`);
    expect(result.status).toBe(400);
    expect(result.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.json.errors?.[0]?.message).toContain(`at most ${MAX_FRAGMENTS} fragments`);
  });

  it('counts depth through fragments as it does inline', async () => {
    const deep = 'organizations { edges { node { members { user { a { b { c { d { e { f { g } } } } } } } } } } }';
    const result = await post(`query Deep { ...D }\nfragment D on Query { ${deep} }`);
    expect(result.status).toBe(400);
    expect(result.json.errors?.some((e) => /The operation «Deep» is nested deeper than the limit of 10 levels/.test(e.message))).toBe(true);
  });
});
