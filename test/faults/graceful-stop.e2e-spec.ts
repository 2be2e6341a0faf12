// Fault (d): SIGTERM while email jobs are in flight (the SMTP server holds them). The worker stops gracefully:
// exit code 0, the running jobs finish (sent and marked), the rest stays queued, nothing is left stalled;
// a restarted worker sends the rest, and every email goes out exactly once.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../helpers/db.js';
import { spawnWorker, stopAllProcesses } from '../helpers/processes.js';
import { waitFor } from '../helpers/wait.js';
import { emailsByRecipient, insertMembersWithEvents, QueueProbe, startControlledSink, subPrefix } from './fault-fixtures.js';

const EVENTS = 20;
// One pooled SMTP connection per concurrent email job, so every running job is inside SMTP DATA at once.
const EMAIL_CONCURRENCY = 8;

describe('fault: SIGTERM to a worker with jobs in flight', () => {
  let db: DataSource;
  let sink: Awaited<ReturnType<typeof startControlledSink>>;
  let probe: QueueProbe;
  const prefix = subPrefix('fault-d');

  beforeAll(async () => {
    db = await openDatabase();
    sink = await startControlledSink();
    probe = new QueueProbe(process.env.REDIS_URL!, prefix);
  });
  afterAll(async () => {
    await stopAllProcesses();
    await probe?.close();
    await sink?.close();
    await db?.destroy();
  });

  it('finishes the running jobs, exits 0, leaves no stalled job, and the restarted worker sends the rest once', async () => {
    const started = Date.now();
    sink.hold();
    const first = await (await spawnWorker('worker-1', { SMTP_URL: sink.url, QUEUE_PREFIX: prefix, SMTP_POOL_CONNECTIONS: String(EMAIL_CONCURRENCY) })).waitReady();
    const members = await insertMembersWithEvents(db, EVENTS);
    const emails = members.emails.map((e) => e.toLowerCase());

    // Every event handled (notifications stored, email jobs queued) and 8 email jobs stuck inside SMTP DATA.
    await waitFor(
      async () =>
        (await db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE id = ANY($1::uuid[]) AND processed_at IS NOT NULL`, [members.eventIds]))[0].n === EVENTS &&
        sink.holding() === EMAIL_CONCURRENCY &&
        (await probe.counts('email')).active === EMAIL_CONCURRENCY,
      { timeoutMs: 60_000, intervalMs: 50, what: `${EMAIL_CONCURRENCY} emails in flight` },
    );

    first.signal('SIGTERM');
    // The health server closes first: the worker is shutting down while its jobs are still inside SMTP.
    await waitFor(
      async () =>
        (await fetch(`${first.base}/health/live`).then(
          (r) => r.status,
          () => 0,
        )) === 0,
      { timeoutMs: 20_000, what: 'the worker to start stopping' },
    );
    expect(first.isRunning()).toBe(true);
    expect(sink.messages).toHaveLength(0);
    sink.release();
    await waitFor(() => !first.isRunning(), { timeoutMs: 60_000, what: 'the worker to exit' });
    const exit = await first.exited;
    expect({ exit, logs: exit.code === 0 ? '' : first.logs() }).toEqual({ exit: { code: 0, signal: null }, logs: '' });

    // The in-flight jobs completed (sent once, marked), the others wait; none stalled or failed.
    expect(sink.messages).toHaveLength(EMAIL_CONCURRENCY);
    const sent = (await db.query(`SELECT count(*)::int AS n FROM notification WHERE event_id = ANY($1::text[]) AND email_sent_at IS NOT NULL`, [members.eventIds]))[0].n;
    expect(sent).toBe(EMAIL_CONCURRENCY);
    const counts = await probe.counts('email');
    expect(counts).toMatchObject({ active: 0, failed: 0, completed: EMAIL_CONCURRENCY, waiting: EVENTS - EMAIL_CONCURRENCY });
    const jobs = await probe.queues.email.getJobs(['completed', 'waiting', 'active', 'failed', 'delayed']);
    expect(jobs).toHaveLength(EVENTS);
    expect(jobs.filter((j) => j.stalledCounter > 0 || j.attemptsMade > 1)).toEqual([]);

    await (await spawnWorker('worker-2', { SMTP_URL: sink.url, QUEUE_PREFIX: prefix })).waitReady();
    await waitFor(async () => sink.messages.length >= EVENTS && (await probe.idle()), { timeoutMs: 60_000, intervalMs: 100, what: 'every email after the restart' });
    const received = emailsByRecipient(sink.messages);
    expect(sink.messages).toHaveLength(EVENTS);
    expect(emails.filter((e) => received.get(e)?.raw !== 1)).toEqual([]);
    expect((await db.query(`SELECT count(*)::int AS n FROM notification WHERE event_id = ANY($1::text[]) AND email_sent_at IS NOT NULL`, [members.eventIds]))[0].n).toBe(EVENTS);
    console.log(`fault-d: ${EVENTS} events, ${EMAIL_CONCURRENCY} emails in flight at SIGTERM, exit ${JSON.stringify(exit)}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 300_000);
});
