// Fault: a rolling restart of two APIs and two workers sharing one PostgreSQL and one Redis, under steady load.
// As a load balancer does it, each API is first taken out of rotation, then stopped (SIGTERM: in-flight requests
// finish) and replaced; each worker is stopped (SIGTERM: running jobs finish or go back to the queue) and
// replaced while events keep coming; a stopped API left in rotation refuses connections, which the balancer retries
// on the other. No request may fail except with a retryable answer (connection refused, 503), and every
// notification is stored and emailed exactly once.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../helpers/db.js';
import { acceptInvitation, createOrganization, inviteMember, signUp, type TestUser } from '../helpers/factories.js';
import { spawnApi, spawnWorker, stopAllProcesses, type NodeService } from '../helpers/processes.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';
import { sleep, waitFor } from '../helpers/wait.js';
import { emailsByRecipient, subPrefix } from './fault-fixtures.js';

const MEMBERS = 8;

/** A refused connection or a 503 means "try another process"; anything else is a failed request. */
function isRetryable(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const text = `${String(error)} ${cause?.code ?? ''} ${cause?.message ?? ''}`;
  return /ECONNREFUSED|\b503\b/.test(text);
}

describe('fault: rolling restart of two APIs and two workers under load', () => {
  let db: DataSource;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  const prefix = subPrefix('rolling');
  const env = () => ({ SMTP_URL: smtp.url, QUEUE_PREFIX: prefix });

  beforeAll(async () => {
    db = await openDatabase();
    smtp = await startSmtpSink();
  });
  afterAll(async () => {
    await stopAllProcesses();
    await smtp?.close();
    await db?.destroy();
  });

  it('loses no request beyond retryable ones and no notification, and doubles none', async () => {
    const inRotation: NodeService[] = await Promise.all([spawnApi('api-a', env()), spawnApi('api-b', env())].map(async (p) => (await p).waitReady()));
    const workers: NodeService[] = await Promise.all([spawnWorker('worker-a', env()), spawnWorker('worker-b', env())].map(async (p) => (await p).waitReady()));

    const owner = await signUp(inRotation[0]!.url, { label: 'rolling-owner' });
    const members: TestUser[] = [];
    for (let i = 0; i < MEMBERS; i++) members.push(await signUp(inRotation[i % 2]!.url, { label: `rolling-member-${i}` }));

    let next = 0;
    const inFlight = new Map<NodeService, number>();
    let retried = 0;
    const failures: string[] = [];
    const invited: { organizationId: string; memberId: string }[] = [];
    /** One request through the "load balancer": round robin over the APIs in rotation, retrying retryable answers. */
    const viaBalancer = async <T>(call: (url: string) => Promise<T>): Promise<T> => {
      for (let attempt = 0; ; attempt++) {
        const api = inRotation[next++ % inRotation.length]!;
        inFlight.set(api, (inFlight.get(api) ?? 0) + 1);
        try {
          return await call(api.url);
        } catch (error) {
          if (!isRetryable(error) || attempt >= 5) throw error;
          retried++;
        } finally {
          inFlight.set(api, inFlight.get(api)! - 1);
        }
      }
    };

    let loading = true;
    const load = (async () => {
      for (let i = 0; loading; i++) {
        const member = members[i % MEMBERS]!;
        try {
          const organizationId = await viaBalancer((url) => createOrganization(url, owner, { name: `Scuola rolling ${i}` }));
          // Invited and accepted in two requests, each retried on its own (a retried invitation would be CONFLICT).
          await viaBalancer((url) => inviteMember(url, owner, organizationId, member));
          await viaBalancer((url) => acceptInvitation(url, member, organizationId));
          invited.push({ organizationId, memberId: member.id });
        } catch (error) {
          failures.push(String(error).slice(0, 300));
        }
      }
    })();

    try {
      const drain = async (api: NodeService) => waitFor(() => (inFlight.get(api) ?? 0) === 0, { timeoutMs: 10_000, intervalMs: 5, what: `${api.name}'s requests to finish` });
      // APIs, one at a time: out of rotation, drained, stopped, replaced, back in rotation. The second one is put
      // back into rotation once stopped, as a balancer whose health check has not noticed yet: its requests are
      // refused (ECONNREFUSED) and retried on the other API, until the balancer drops it.
      for (const name of ['api-a', 'api-b']) {
        await sleep(1500);
        const old = inRotation.find((a) => a.name === name)!;
        inRotation.splice(inRotation.indexOf(old), 1);
        await drain(old);
        await old.stop('SIGTERM');
        if (name === 'api-b') {
          const before = retried;
          inRotation.push(old);
          await waitFor(() => retried > before, { timeoutMs: 10_000, intervalMs: 5, what: 'a request refused by the stopped API and retried' });
          inRotation.splice(inRotation.indexOf(old), 1);
        }
        inRotation.push(await (await spawnApi(`${name}-2`, env())).waitReady());
      }
      // Workers, one at a time, while events keep coming.
      for (const name of ['worker-a', 'worker-b']) {
        await sleep(1500);
        const old = workers.find((w) => w.name === name)!;
        const exit = await old.stop('SIGTERM');
        expect(exit.signal === 'SIGTERM' || exit.code === 0).toBe(true);
        workers.push(await (await spawnWorker(`${name}-2`, env())).waitReady());
      }
      await sleep(1000);
    } finally {
      loading = false; // a failed step must not leave the load running after the test
      await load;
    }

    expect(failures).toEqual([]);
    expect(retried).toBeGreaterThan(0); // the refused requests went through the other API
    expect(invited.length).toBeGreaterThan(10);

    // Every invitation made one notification and one email, once.
    const organizationIds = invited.map((i) => i.organizationId);
    const stored = async () =>
      (await db.query(`SELECT count(*)::int AS n FROM notification WHERE kind = 'ORGANIZATION_MEMBER_ADDED' AND subject_id = ANY($1::uuid[])`, [organizationIds]))[0].n as number;
    await waitFor(async () => (await stored()) === invited.length, {
      timeoutMs: 60_000,
      intervalMs: 200,
      what: 'every notification stored',
    });
    const memberEmails = new Set(members.map((m) => m.email.toLowerCase()));
    const delivered = () => smtp.messages.filter((m) => m.to.some((to) => memberEmails.has(to.toLowerCase())));
    await waitFor(() => delivered().length >= invited.length, { timeoutMs: 60_000, intervalMs: 200, what: 'every email' });
    await sleep(1500); // a duplicate would arrive by now

    const rows: { n: number; distinct_pairs: number }[] = await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT (subject_id, recipient_id))::int AS distinct_pairs
         FROM notification WHERE kind = 'ORGANIZATION_MEMBER_ADDED' AND subject_id = ANY($1::uuid[])`,
      [organizationIds],
    );
    expect(rows[0]).toEqual({ n: invited.length, distinct_pairs: invited.length });
    expect(delivered()).toHaveLength(invited.length);
    const messageIds = new Set(delivered().map((m) => m.headers['message-id']));
    expect(messageIds.size).toBe(invited.length);
    const perMember = emailsByRecipient(delivered());
    for (const member of members) {
      expect(perMember.get(member.email.toLowerCase())?.messageIds.size).toBe(invited.filter((i) => i.memberId === member.id).length);
    }
    console.log(`rolling restart: ${invited.length} invitations under load, ${retried} retried requests, 0 failed, 4 processes replaced`);
  }, 300_000);
});
