// Fault: the SMTP relay misbehaves as real ones do. A temporary refusal (4xx) for a while delays the emails and
// retries them, with none lost or doubled; a permanent refusal (5xx) of one address marks that one email failed
// without blocking or retrying the others.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../helpers/db.js';
import { spawnWorker, stopAllProcesses } from '../helpers/processes.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';
import { waitFor } from '../helpers/wait.js';
import { emailsByRecipient, insertBigTeam, QueueProbe, recordIdeaSubmitted, subPrefix } from './fault-fixtures.js';

const RECIPIENTS = 60;

interface NotificationRow {
  recipient_id: string;
  id: string;
  email_sent_at: Date | null;
  email_failed_at: Date | null;
  email_failure: string | null;
}

describe('fault: an SMTP relay that refuses for a while, and one address it refuses for good', () => {
  let db: DataSource;
  let probe: QueueProbe | undefined;
  const sinks: { close(): Promise<void> }[] = [];

  const rowsOf = (eventId: string): Promise<NotificationRow[]> =>
    db.query(`SELECT recipient_id, id, email_sent_at, email_failed_at, email_failure FROM notification WHERE event_id = $1`, [eventId]);

  beforeAll(async () => {
    db = await openDatabase();
  });
  afterAll(async () => {
    await stopAllProcesses();
    await probe?.close();
    await Promise.all(sinks.map((s) => s.close()));
    await db?.destroy();
  });

  it('a relay answering 451 for its first seconds gets every email later, each exactly once', async () => {
    // The relay refuses for 4 s from the first address it is offered, however long the worker takes to start.
    let refuseUntil: number | undefined;
    const smtp = await startSmtpSink({
      refuseRecipient: () => {
        refuseUntil ??= Date.now() + 4000;
        return Date.now() < refuseUntil ? { code: 451, message: 'Greylisted, try again later' } : undefined;
      },
    });
    sinks.push(smtp);
    const prefix = subPrefix('smtp-4xx');
    probe = new QueueProbe(process.env.REDIS_URL!, prefix);
    await (await spawnWorker('worker-smtp-4xx', { SMTP_URL: smtp.url, QUEUE_PREFIX: prefix })).waitReady();

    const team = await insertBigTeam(db, RECIPIENTS);
    const eventId = await recordIdeaSubmitted(db, team);
    await waitFor(async () => (await rowsOf(eventId)).filter((r) => r.email_sent_at).length === RECIPIENTS, {
      timeoutMs: 120_000,
      intervalMs: 200,
      what: 'every email sent after the relay stopped refusing',
    });

    expect(smtp.refused.length).toBeGreaterThan(0); // the relay really refused first
    expect(smtp.refused.every((r) => r.startsWith('451 '))).toBe(true);
    const rows = await rowsOf(eventId);
    expect(rows.filter((r) => r.email_failed_at)).toHaveLength(0);
    const received = emailsByRecipient(smtp.messages);
    for (const email of team.emails) expect(received.get(email.toLowerCase())?.messageIds.size).toBe(1);
    expect(smtp.messages).toHaveLength(RECIPIENTS);
    await waitFor(() => probe!.idle(), { timeoutMs: 30_000, what: 'queues idle' });
    expect((await probe.counts('email')).failed).toBe(0);
    await stopAllProcesses();
    await probe.close();
    probe = undefined;
  }, 180_000);

  it('a 550 for one address fails only that email, at once and for good; the others go out', async () => {
    let refusedAddress = '';
    const smtp = await startSmtpSink({ refuseRecipient: (address) => (address === refusedAddress ? { code: 550, message: 'Mailbox unavailable' } : undefined) });
    sinks.push(smtp);
    const prefix = subPrefix('smtp-5xx');
    probe = new QueueProbe(process.env.REDIS_URL!, prefix);
    await (await spawnWorker('worker-smtp-5xx', { SMTP_URL: smtp.url, QUEUE_PREFIX: prefix })).waitReady();

    const team = await insertBigTeam(db, RECIPIENTS);
    refusedAddress = team.emails[7]!.toLowerCase();
    const eventId = await recordIdeaSubmitted(db, team);
    await waitFor(async () => (await rowsOf(eventId)).filter((r) => r.email_sent_at || r.email_failed_at).length === RECIPIENTS, {
      timeoutMs: 60_000,
      intervalMs: 100,
      what: 'every email settled',
    });
    await waitFor(() => probe!.idle(), { timeoutMs: 30_000, what: 'queues idle' });

    const rows = await rowsOf(eventId);
    const failed = rows.filter((r) => r.email_failed_at);
    expect(failed.map((r) => r.recipient_id)).toEqual([team.userIds[7]]);
    expect(failed[0]!.email_sent_at).toBeNull();
    expect(failed[0]!.email_failure).toMatch(/^550 /);
    expect(rows.filter((r) => r.email_sent_at)).toHaveLength(RECIPIENTS - 1);
    expect(smtp.refused).toEqual([`550 ${refusedAddress}`]); // tried once, never retried
    expect(smtp.messages).toHaveLength(RECIPIENTS - 1);
    expect(emailsByRecipient(smtp.messages).has(refusedAddress)).toBe(false);
    expect((await probe.counts('email')).failed).toBe(0);
    // Workers share the database's outbox: the next test's events must reach only its own workers.
    await stopAllProcesses();
  }, 120_000);

  it('SMTP_MAX_PER_SECOND holds the sending rate of the workers together', async () => {
    const smtp = await startSmtpSink();
    sinks.push(smtp);
    const prefix = subPrefix('smtp-rate');
    const rate = 10;
    const env = { SMTP_URL: smtp.url, QUEUE_PREFIX: prefix, SMTP_MAX_PER_SECOND: String(rate) };
    await Promise.all([spawnWorker('worker-rate-1', env), spawnWorker('worker-rate-2', env)].map(async (w) => (await w).waitReady()));

    const count = 40;
    const team = await insertBigTeam(db, count);
    await recordIdeaSubmitted(db, team);
    await waitFor(() => smtp.messages.length >= count, { timeoutMs: 60_000, intervalMs: 100, what: `${count} emails` });

    const times = smtp.messages.map((m) => m.receivedAt).sort((a, b) => a - b);
    // BullMQ's limiter counts fixed windows, so a sliding second may straddle two of them: at most twice the rate.
    const busiestSecond = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
    expect(busiestSecond).toBeLessThanOrEqual(2 * rate);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual((count / rate - 2) * 1000);
    expect(smtp.messages).toHaveLength(count);
  }, 120_000);
});
