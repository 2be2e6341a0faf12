import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { MetricsServer } from '../apps/api/src/ops/metrics-server.js';
import { startApi, type RunningApi } from './helpers/api.js';
import { createTeam, makeAdmin, publishedChallenge, school, student } from './helpers/challenge-factories.js';
import { openDatabase } from './helpers/db.js';
import { signUp, type TestUser } from './helpers/factories.js';
import { gqlOk } from './helpers/graphql.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition. */
function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key!] = value!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

describe('operations: Bull Board and Prometheus metrics', () => {
  let api: RunningApi;
  let db: DataSource;
  let base: string;
  let admin: TestUser;
  let pupil: TestUser;
  let redis: Redis;
  let emailQueue: Queue;

  const board = (path = '/admin/queues', headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers, redirect: 'manual' });
  const metrics = async () => {
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    return { text: await response.text(), type: response.headers.get('content-type') };
  };
  const sample = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
    samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

  beforeAll(async () => {
    // Outside production and without METRICS_TOKEN, /metrics is open (a newcomer's machine); OpsProbe is an operation
    // an operator made known, besides the web client's.
    api = await startApi({ env: { METRICS_OPERATION_NAMES: 'OpsProbe, OtherClientQuery' } });
    base = api.url.replace(/\/graphql$/, '');
    db = await openDatabase();
    admin = await makeAdmin(api.url, db, await signUp(api.url, { label: 'ops-admin' }));
    const { challenge } = await publishedChallenge(api.url);
    const { teacher, schoolId } = await school(api.url);
    const team = await createTeam(api.url, teacher, { challengeId: challenge.id, schoolId });
    pupil = await student(api.url, team.joinCode, 'ops-student');
    redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
    emailQueue = new Queue('email', { connection: redis, prefix: process.env.QUEUE_PREFIX });
  });

  afterAll(async () => {
    await emailQueue?.close();
    redis?.disconnect();
    await db?.destroy();
    await api?.close();
  });

  describe('Bull Board at /admin/queues', () => {
    it('opens for a platform admin with a bearer token, with every queue', async () => {
      const page = await board('/admin/queues', { authorization: `Bearer ${admin.token}` });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(await page.text()).toMatch(/<html/i);
      const queues = await board('/admin/queues/api/queues', { authorization: `Bearer ${admin.token}` });
      expect(queues.status).toBe(200);
      const body = (await queues.json()) as { queues: { name: string }[] };
      expect(body.queues.map((q) => q.name).sort()).toEqual(['email', 'events', 'schedules']);
    });

    it('refuses a student with 403, on the page and on the API', async () => {
      expect((await board('/admin/queues', { authorization: `Bearer ${pupil.token}` })).status).toBe(403);
      expect((await board('/admin/queues/api/queues', { authorization: `Bearer ${pupil.token}` })).status).toBe(403);
    });

    it('refuses anonymous callers and bad tokens with 401 (a browser gets the sign-in form)', async () => {
      expect((await board()).status).toBe(401);
      expect((await board('/admin/queues/api/queues')).status).toBe(401);
      expect((await board('/admin/queues', { authorization: 'Bearer not-a-token' })).status).toBe(401);
      const html = await board('/admin/queues', { accept: 'text/html' });
      expect(html.status).toBe(401);
      expect(await html.text()).toContain('action="/admin/queues/session"');
    });

    it('lets a browser in through a cookie set by posting an admin token, never for a student', async () => {
      const post = (token: string) =>
        fetch(`${base}/admin/queues/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token }).toString(),
          redirect: 'manual',
        });
      const refused = await post(pupil.token);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('set-cookie')).toBeNull();
      expect((await post('garbage')).status).toBe(401);

      const signedIn = await post(admin.token);
      expect(signedIn.status).toBe(303);
      expect(signedIn.headers.get('location')).toBe('/admin/queues/');
      const setCookie = signedIn.headers.get('set-cookie')!;
      expect(setCookie).toMatch(/^climathon_board=/);
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Strict/);
      expect(setCookie).toMatch(/Path=\/admin\/queues/);
      expect(Number(/Max-Age=(\d+)/.exec(setCookie)?.[1])).toBeGreaterThan(0);
      const cookie = setCookie.split(';')[0]!;
      expect((await board('/admin/queues/api/queues', { cookie })).status).toBe(200);
      // A student's token in the cookie is still refused.
      expect((await board('/admin/queues/api/queues', { cookie: `climathon_board=${pupil.token}` })).status).toBe(403);
    });
  });

  describe('GET /metrics', () => {
    it('exposes request durations, queue depths and outbox lag in the Prometheus format', async () => {
      await gqlOk(api.url, `query OpsProbe { challenges(first: 1) { totalCount } }`);
      const { text, type } = await metrics();
      expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
      for (const name of [
        'climathon_http_request_duration_seconds',
        'climathon_graphql_operation_duration_seconds',
        'climathon_queue_jobs',
        'climathon_outbox_unprocessed_events',
        'climathon_outbox_oldest_unprocessed_age_seconds',
      ]) {
        expect(text).toContain(`# TYPE ${name} `);
      }
      const samples = parseMetrics(text);
      expect(sample(samples, 'climathon_graphql_operation_duration_seconds_count', { operation_type: 'query', operation_name: 'OpsProbe', outcome: 'ok' })?.value).toBe(1);
      expect(sample(samples, 'climathon_http_request_duration_seconds_count', { method: 'POST', route: '/graphql', status_code: '200' })?.value).toBeGreaterThan(0);
      for (const queue of ['events', 'email', 'schedules']) {
        for (const state of ['waiting', 'delayed', 'active', 'failed']) expect(sample(samples, 'climathon_queue_jobs', { queue, state })).toBeDefined();
      }
    });

    it('labels failed operations and bounds client-chosen names', async () => {
      await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query Broken { noSuchField }' }) });
      const samples = parseMetrics((await metrics()).text);
      expect(
        sample(samples, 'climathon_graphql_operation_duration_seconds_count', { operation_type: 'unknown', operation_name: 'unknown', outcome: 'error' })?.value,
      ).toBeGreaterThan(0);
      expect(samples.some((s) => s.labels.operation_name === 'Broken')).toBe(false);
    });

    it('reads the queue depths at scrape time: adding jobs changes them', async () => {
      const before = parseMetrics((await metrics()).text);
      const waiting = sample(before, 'climathon_queue_jobs', { queue: 'email', state: 'waiting' })!.value;
      const delayed = sample(before, 'climathon_queue_jobs', { queue: 'email', state: 'delayed' })!.value;
      const now = await emailQueue.add('email.send', { notificationId: randomUUID() });
      const later = await emailQueue.add('email.send', { notificationId: randomUUID() }, { delay: 3600_000 });
      try {
        const after = parseMetrics((await metrics()).text);
        expect(sample(after, 'climathon_queue_jobs', { queue: 'email', state: 'waiting' })!.value).toBe(waiting + 1);
        expect(sample(after, 'climathon_queue_jobs', { queue: 'email', state: 'delayed' })!.value).toBe(delayed + 1);
      } finally {
        await now.remove();
        await later.remove();
      }
      const cleaned = parseMetrics((await metrics()).text);
      expect(sample(cleaned, 'climathon_queue_jobs', { queue: 'email', state: 'waiting' })!.value).toBe(waiting);
    });

    it('reports the outbox lag: unprocessed rows and the age of the oldest', async () => {
      // The student's join recorded an event and no worker runs here: it is still unprocessed.
      const [{ count, age }] = await db.query(
        `SELECT count(*)::int AS count, extract(epoch FROM now() - min(created_at))::float8 AS age FROM outbox_event WHERE processed_at IS NULL`,
      );
      expect(count).toBeGreaterThan(0);
      const samples = parseMetrics((await metrics()).text);
      expect(sample(samples, 'climathon_outbox_unprocessed_events')?.value).toBe(count);
      const reported = sample(samples, 'climathon_outbox_oldest_unprocessed_age_seconds')!.value;
      expect(reported).toBeGreaterThanOrEqual(age - 1);
      expect(reported).toBeLessThan(age + 60);
    });
  });
  describe('labels only operations the server knows', () => {
    const post = (query: string) => fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });

    it("counts 200 made-up operation names as `other`, never as labels of their own; the web client's and the configured names keep theirs", async () => {
      const otherBefore =
        sample(parseMetrics((await metrics()).text), 'climathon_graphql_operation_duration_seconds_count', { operation_name: 'other', outcome: 'ok' })?.value ?? 0;
      for (let i = 0; i < 200; i++) expect((await post(`query Junk${i}x${randomUUID().slice(0, 8)} { __typename }`)).status).toBe(200);
      await post('query Challenges { __typename }'); // a name of the web client (apps/web/src/gql/operation-names.ts)
      await post('query OtherClientQuery { __typename }'); // METRICS_OPERATION_NAMES
      await post('{ __typename }');
      const samples = parseMetrics((await metrics()).text);
      const names = new Set(samples.filter((s) => s.name === 'climathon_graphql_operation_duration_seconds_count').map((s) => s.labels.operation_name));
      expect([...names].filter((n) => n?.startsWith('Junk'))).toEqual([]);
      expect(names.has('Challenges')).toBe(true);
      expect(names.has('OtherClientQuery')).toBe(true);
      expect(names.has('anonymous')).toBe(true);
      expect(sample(samples, 'climathon_graphql_operation_duration_seconds_count', { operation_type: 'query', operation_name: 'other', outcome: 'ok' })!.value).toBe(
        otherBefore + 200,
      );
      // A real operation sent after the junk is still labelled by its name.
      await gqlOk(api.url, `query OpsProbe { challenges(first: 1) { totalCount } }`);
      expect(sample(parseMetrics((await metrics()).text), 'climathon_graphql_operation_duration_seconds_count', { operation_name: 'OpsProbe', outcome: 'ok' })!.value).toBe(2);
    });

    it('labels HTTP requests by the route patterns the API registered: made-up paths and methods add no labels', async () => {
      for (let i = 0; i < 50; i++) expect((await fetch(`${base}/junk-${i}-${randomUUID()}?q=${i}`)).status).toBe(404);
      await fetch(`${base}/graphql`, { method: 'PROPFIND' });
      const samples = parseMetrics((await metrics()).text).filter((s) => s.name === 'climathon_http_request_duration_seconds_count');
      const routes = new Set(samples.map((s) => s.labels.route));
      expect([...routes].filter((r) => r?.includes('junk'))).toEqual([]);
      expect(sample(samples, 'climathon_http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status_code: '404' })!.value).toBeGreaterThanOrEqual(50);
      expect(samples.some((s) => s.labels.method === 'OTHER')).toBe(true);
      expect(new Set(samples.map((s) => s.labels.method)).size).toBeLessThanOrEqual(8);
    });
  });

  describe('who may read /metrics (METRICS_TOKEN, METRICS_PORT)', () => {
    const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-for-the-ops-test-0123456789', PUBLIC_URL: 'https://climathon.example' };
    const TOKEN = 'metrics-token-for-the-ops-test-0123';
    const scrape = (at: string, token?: string) => fetch(`${at}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    let other: RunningApi | undefined;
    const start = async (env: Record<string, string>) => {
      other = await startApi({ env });
      return other.url.replace(/\/graphql$/, '');
    };

    afterEach(async () => {
      await other?.close();
      other = undefined;
    });

    it('in production without METRICS_TOKEN, the API starts and answers /metrics with 404', async () => {
      const at = await start(PRODUCTION);
      expect((await fetch(`${at}/health/live`)).status).toBe(200);
      const refused = await scrape(at);
      expect(refused.status).toBe(404);
      expect(await refused.text()).not.toContain('climathon_queue_jobs');
      expect((await scrape(at, TOKEN)).status).toBe(404);
    });

    it('with METRICS_TOKEN, answers only a bearer of that token (401 otherwise), in production as elsewhere', async () => {
      for (const env of [{ ...PRODUCTION, METRICS_TOKEN: TOKEN }, { METRICS_TOKEN: TOKEN }]) {
        const at = await start(env);
        for (const token of [undefined, 'wrong-token', `${TOKEN}x`, TOKEN.slice(0, -1)]) {
          const refused = await scrape(at, token);
          expect(refused.status).toBe(401);
          expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
          expect(await refused.text()).not.toContain('climathon_queue_jobs');
        }
        expect((await fetch(`${at}/metrics`, { headers: { authorization: TOKEN } })).status).toBe(401); // not as a bearer token
        const served = await scrape(at, TOKEN);
        expect(served.status).toBe(200);
        expect(served.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
        expect(await served.text()).toContain('# TYPE climathon_queue_jobs ');
        await other!.close();
        other = undefined;
      }
    });

    it('with METRICS_PORT, serves /metrics there alone and answers 404 on the API port', async () => {
      const at = await start({ ...PRODUCTION, METRICS_PORT: '0' });
      const port = other!.app.get(MetricsServer).port;
      expect(port).toEqual(expect.any(Number));
      expect(port).not.toBe(Number(new URL(at).port));
      const metricsAt = `http://127.0.0.1:${port}`;
      const served = await scrape(metricsAt);
      expect(served.status).toBe(200);
      expect(await served.text()).toContain('# TYPE climathon_graphql_operation_duration_seconds ');
      expect((await scrape(at)).status).toBe(404);
      // Nothing else is served on the metrics port.
      expect((await fetch(`${metricsAt}/graphql`)).status).toBe(404);
      expect((await fetch(`${metricsAt}/health/live`)).status).toBe(404);
      expect((await fetch(`${metricsAt}/metrics`, { method: 'POST' })).status).toBe(405);
    });

    it('with METRICS_PORT and METRICS_TOKEN, asks for the token on the metrics port too', async () => {
      await start({ ...PRODUCTION, METRICS_PORT: '0', METRICS_TOKEN: TOKEN });
      const metricsAt = `http://127.0.0.1:${other!.app.get(MetricsServer).port}`;
      expect((await scrape(metricsAt)).status).toBe(401);
      expect((await scrape(metricsAt, TOKEN)).status).toBe(200);
    });
  });
});
