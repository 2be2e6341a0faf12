// Fault (b): a private Redis (no persistence) is stopped while jobs sit in it and while the API takes writes, then
// restarted empty on the same port. The API keeps committing mutations with their outbox events without Redis;
// the worker reconnects by itself; every notification is stored and emailed exactly once, including those whose
// jobs were inside the Redis that died.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource, QueryRunner } from 'typeorm';
import { openDatabase } from '../helpers/db.js';
import { addMember, createOrganization, signUp, type TestUser } from '../helpers/factories.js';
import { gql } from '../helpers/graphql.js';
import { PrivateRedis, spawnApi, spawnWorker, stopAllProcesses, type NodeService } from '../helpers/processes.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';
import { waitFor } from '../helpers/wait.js';
import { emailsByRecipient, QueueProbe, subPrefix } from './fault-fixtures.js';

const BEFORE = 6; // added while Redis is up; their jobs are in Redis when it dies
const DURING = 10; // added while Redis is down
const EVENTS_CONCURRENCY = 4;
const ADD_MEMBER = `mutation($input: AddOrganizationMemberInput!) { addOrganizationMember(input: $input) { id } }`;

describe('fault: Redis stopped and restarted empty while the API takes writes', () => {
  let db: DataSource;
  let redis: PrivateRedis;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let api: NodeService;
  let worker: NodeService;
  let lock: QueryRunner | undefined;
  let probe: QueueProbe | undefined;
  const prefix = subPrefix('fault-b');

  beforeAll(async () => {
    db = await openDatabase();
    smtp = await startSmtpSink();
    redis = await PrivateRedis.start();
    const env = { SMTP_URL: smtp.url, REDIS_URL: redis.url, QUEUE_PREFIX: prefix, REMINDER_RECONCILE_MS: '1000' };
    [api, worker] = await Promise.all([spawnApi('api', env), spawnWorker('worker', env)]);
    await Promise.all([api.waitReady(), worker.waitReady()]);
  });
  afterAll(async () => {
    await lock?.release().catch(() => undefined);
    await probe?.close();
    await stopAllProcesses();
    await smtp?.close();
    await db?.destroy();
  });

  it('keeps the API writing, and delivers every notification once after the restart', async () => {
    const started = Date.now();
    const owner = await signUp(api.url, { label: 'owner' });
    const organizationId = await createOrganization(api.url, owner);
    const members: TestUser[] = [];
    for (let i = 0; i < BEFORE + DURING; i++) members.push(await signUp(api.url, { label: `m${i}` }));
    const eventsOf = async (users: TestUser[]) =>
      (await db.query(`SELECT id, relayed_at, processed_at FROM outbox_event WHERE payload->>'organizationId' = $1 AND payload->>'userId' = ANY($2::text[])`, [
        organizationId,
        users.map((u) => u.id),
      ])) as { id: string; relayed_at: Date | null; processed_at: Date | null }[];

    // 1. Jobs inside Redis: the events are relayed, but the notification table is locked, so 4 event jobs hang
    //    inside the worker and 2 wait in Redis.
    lock = db.createQueryRunner();
    await lock.connect();
    await lock.startTransaction();
    await lock.query(`LOCK TABLE notification IN EXCLUSIVE MODE`);
    for (const member of members.slice(0, BEFORE)) await addMember(api.url, owner, organizationId, member);
    probe = new QueueProbe(redis.url, prefix);
    await waitFor(async () => (await eventsOf(members.slice(0, BEFORE))).every((e) => e.relayed_at !== null) && (await probe!.counts('events')).active === EVENTS_CONCURRENCY, {
      timeoutMs: 30_000,
      what: 'the events relayed and 4 event jobs running',
    });
    const queuedAtStop = await probe.counts('events');
    await probe.close();
    probe = undefined;

    // 2. Redis stops. The API still commits mutations with their outbox events, promptly and without errors.
    await redis.stop();
    const during = members.slice(BEFORE);
    const answers = [];
    for (const member of during) {
      const t0 = Date.now();
      const result = await gql(api.url, ADD_MEMBER, { input: { organizationId, email: member.email, role: 'MEMBER' } }, owner.token);
      answers.push({ errors: result.errors ?? null, ok: Boolean(result.data?.addOrganizationMember?.id), ms: Date.now() - t0 });
    }
    expect(answers.map((a) => ({ errors: a.errors, ok: a.ok }))).toEqual(during.map(() => ({ errors: null, ok: true })));
    expect(await eventsOf(during)).toHaveLength(DURING);
    expect(await api.readyStatus()).toBe(503); // readiness tells the truth meanwhile
    expect(worker.isRunning()).toBe(true);

    // 3. Redis comes back empty on the same port; the database lock goes away.
    await redis.start();
    await lock.commitTransaction();
    await lock.release();
    lock = undefined;

    // 4. The same worker process reconnects by itself and every member gets one notification and one email.
    const emailed = () => {
      const byRecipient = emailsByRecipient(smtp.messages);
      return members.filter((m) => byRecipient.has(m.email.toLowerCase())).length;
    };
    await waitFor(async () => emailed() === members.length && (await eventsOf(members)).every((e) => e.processed_at !== null), {
      timeoutMs: 120_000,
      intervalMs: 200,
      what: 'every member notified and emailed',
    }).catch(async (error: Error) => {
      const events = await eventsOf(members);
      const state = `relayed ${events.filter((e) => e.relayed_at).length}/${events.length}, processed ${events.filter((e) => e.processed_at).length}, emailed ${emailed()}`;
      throw new Error(`${error.message}\n${state}\n${worker.logs()}`);
    });
    probe = new QueueProbe(redis.url, prefix);
    await waitFor(() => probe!.idle(), { timeoutMs: 30_000, what: 'idle queues' });

    const rows: { recipient_id: string; email_sent_at: Date | null }[] = await db.query(
      `SELECT n.recipient_id, n.email_sent_at FROM notification n JOIN outbox_event e ON e.id::text = n.event_id WHERE e.payload->>'organizationId' = $1`,
      [organizationId],
    );
    expect(rows.map((r) => r.recipient_id).sort()).toEqual(members.map((m) => m.id).sort());
    expect(rows.every((r) => r.email_sent_at !== null)).toBe(true);
    const byRecipient = emailsByRecipient(smtp.messages);
    expect(members.filter((m) => byRecipient.get(m.email.toLowerCase())?.raw !== 1).map((m) => m.email)).toEqual([]);
    expect(worker.isRunning() && api.isRunning()).toBe(true);
    expect(await worker.readyStatus()).toBe(200);
    expect(await api.readyStatus()).toBe(200);
    console.log(
      `fault-b: ${BEFORE} events in Redis when it stopped (${JSON.stringify(queuedAtStop)}), ${DURING} mutations while it was down ` +
        `(slowest answer ${Math.max(...answers.map((a) => a.ms))} ms), all ${members.length} delivered once, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 300_000);
});
