// Fault (c): two worker processes relay the same outbox (FOR UPDATE SKIP LOCKED, job id = event id) and share the
// queues. Each worker mails through its own SMTP sink, so the sinks show that both did work and that no email went twice.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../helpers/db.js';
import { spawnWorker, stopAllProcesses, type NodeService } from '../helpers/processes.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';
import { waitFor } from '../helpers/wait.js';
import { emailsByRecipient, insertMembersWithEvents, QueueProbe, subPrefix } from './fault-fixtures.js';

const EVENTS = 500;
const BATCHES = 10;

describe('fault: two worker processes on the same outbox', () => {
  let db: DataSource;
  let sinks: Awaited<ReturnType<typeof startSmtpSink>>[] = [];
  let workers: NodeService[] = [];
  let probe: QueueProbe;
  const prefix = subPrefix('fault-c');

  beforeAll(async () => {
    db = await openDatabase();
    probe = new QueueProbe(process.env.REDIS_URL!, prefix);
    sinks = [await startSmtpSink(), await startSmtpSink()];
    workers = await Promise.all(sinks.map((sink, i) => spawnWorker(`worker-${i + 1}`, { SMTP_URL: sink.url, QUEUE_PREFIX: prefix })));
    await Promise.all(workers.map((w) => w.waitReady()));
  });
  afterAll(async () => {
    await stopAllProcesses();
    await probe?.close();
    await Promise.all(sinks.map((s) => s.close()));
    await db?.destroy();
  });

  it(`handles each of ${EVENTS} events once: ${EVENTS} notifications, ${EVENTS} emails, both workers busy`, async () => {
    const started = Date.now();
    // Ten transactions of 50 events: every commit NOTIFYs both relays at once, so they race for the same rows.
    const batches = await Promise.all(Array.from({ length: BATCHES }, () => insertMembersWithEvents(db, EVENTS / BATCHES)));
    const eventIds = batches.flatMap((b) => b.eventIds);
    const userIds = batches.flatMap((b) => b.userIds);
    const emails = batches.flatMap((b) => b.emails.map((e) => e.toLowerCase()));

    const allMessages = () => sinks.flatMap((s) => s.messages);
    await waitFor(
      async () =>
        (await db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE id = ANY($1::uuid[]) AND processed_at IS NOT NULL`, [eventIds]))[0].n === EVENTS &&
        new Set(allMessages().flatMap((m) => m.to.map((t) => t.toLowerCase()))).size >= EVENTS &&
        (await probe.idle()),
      { timeoutMs: 120_000, intervalMs: 200, what: 'every event processed and emailed' },
    );

    const rows: { recipient_id: string; event_id: string; email_sent_at: Date | null }[] = await db.query(
      `SELECT recipient_id, event_id, email_sent_at FROM notification WHERE event_id = ANY($1::text[])`,
      [eventIds],
    );
    expect(rows).toHaveLength(EVENTS);
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(EVENTS);
    expect(new Set(rows.map((r) => r.recipient_id))).toEqual(new Set(userIds));
    expect(rows.every((r) => r.email_sent_at !== null)).toBe(true);

    const received = emailsByRecipient(allMessages());
    expect(allMessages()).toHaveLength(EVENTS); // no graceful or crash path here: not one copy
    expect(emails.filter((e) => received.get(e)?.raw !== 1)).toEqual([]);

    // Both workers were alive and both did work.
    const perWorker = sinks.map((s) => s.messages.length);
    expect(perWorker.every((n) => n > 0)).toBe(true);
    expect(workers.every((w) => w.isRunning())).toBe(true);
    expect(await Promise.all(workers.map((w) => w.readyStatus()))).toEqual([200, 200]);
    const states = await Promise.all(eventIds.map((id) => probe.queues.events.getJobState(id)));
    expect(states.filter((s) => s !== 'completed')).toEqual([]);
    expect((await probe.counts('events')).failed).toBe(0);
    console.log(`fault-c: ${EVENTS} events in ${BATCHES} transactions, emails per worker ${perWorker.join(' + ')}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 300_000);
});
