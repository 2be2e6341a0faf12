// The GraphQL-over-HTTP conformance audit of `graphql-http` against the listening API.
// Acceptance: no audit result is an `error` (a failed MUST). SHOULD/MAY failures (`warn`/`notice`) are only
// reported, in a table; today three SHOULDs warn: Apollo answers 400 rather than 200 to parse, validation and
// variable-coercion failures when the client accepts only the legacy `application/json`.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { serverAudits, type AuditResult } from 'graphql-http';
import { startApi, type RunningApi } from './helpers/api.js';

let api: RunningApi;
const audits = serverAudits({ url: () => api.url });
const mustAudits = audits.filter((audit) => audit.name.startsWith('MUST'));
const otherAudits = audits.filter((audit) => !audit.name.startsWith('MUST'));

beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

async function describeFailure(result: AuditResult): Promise<string> {
  if (result.status === 'ok') return 'ok';
  const body = await result.response.text().catch(() => '<unreadable body>');
  return `${result.status}: ${result.reason} (HTTP ${result.response.status}: ${body.slice(0, 500)})`;
}

describe('GraphQL over HTTP audit (graphql-http)', () => {
  it('has audits to run', () => {
    expect(mustAudits.length).toBeGreaterThan(0);
  });

  it.each(mustAudits.map((audit) => [`${audit.id} ${audit.name}`, audit] as const))('%s', async (_name, audit) => {
    const result = await audit.fn();
    expect(await describeFailure(result)).toBe('ok');
  });

  it('SHOULD and MAY audits: no errors; failures reported in a table', async () => {
    const results = await Promise.all(otherAudits.map((audit) => audit.fn()));
    const failed = results.filter((r) => r.status !== 'ok');
    if (failed.length > 0) {
      console.table(await Promise.all(failed.map(async (r) => ({ id: r.id, name: r.name, status: r.status, detail: (await describeFailure(r)).slice(0, 160) }))));
    }
    expect(results.filter((r) => r.status === 'error').map((r) => r.name)).toEqual([]);
  });
});
