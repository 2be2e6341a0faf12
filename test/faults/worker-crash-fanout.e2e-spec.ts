// Fault (a): kill -9 of the worker process in the middle of a 2,000-recipient fan-out, twice, then restarts.
// Every recipient ends with exactly one stored notification and one email (one Message-ID); raw SMTP deliveries
// are counted too: a crash between the server's "250 OK" and the "sent" mark may deliver a copy with the same Message-ID.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../helpers/db.js';
import { spawnWorker, stopAllProcesses, type NodeService } from '../helpers/processes.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';
import { waitFor } from '../helpers/wait.js';
import { emailsByRecipient, insertBigTeam, QueueProbe, recordIdeaSubmitted, subPrefix } from './fault-fixtures.js';

const RECIPIENTS = 2000;
/** BullMQ runs 8 email jobs at once per worker (JobDispatcher): at most that many can be caught between send and mark. */
const EMAIL_CONCURRENCY = 8;

describe('fault: worker killed (SIGKILL) during a 2,000-recipient fan-out', () => {
  let db: DataSource;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let probe: QueueProbe;
  const prefix = subPrefix('fault-a');
  const workers: NodeService[] = [];

  const worker = async (name: string) => {
    const w = await spawnWorker(name, { SMTP_URL: smtp.url, QUEUE_PREFIX: prefix });
    workers.push(w);
    return w.waitReady();
  };

  beforeAll(async () => {
    db = await openDatabase();
    smtp = await startSmtpSink();
    probe = new QueueProbe(process.env.REDIS_URL!, prefix);
  });
  afterAll(async () => {
    await stopAllProcesses();
    await probe?.close();
    await smtp?.close();
    await db?.destroy();
  });

  it('stores one notification and sends one email per recipient after two kills and restarts', async () => {
    const started = Date.now();
    const team = await insertBigTeam(db, RECIPIENTS);
    const stored = async (eventId: string) => (await db.query(`SELECT count(*)::int AS n FROM notification WHERE event_id = $1`, [eventId]))[0].n as number;
    const processed = async (eventId: string) => (await db.query(`SELECT processed_at FROM outbox_event WHERE id = $1`, [eventId]))[0].processed_at !== null;
    const distinctRecipientsEmailed = () => {
      const wanted = new Set(team.emails.map((e) => e.toLowerCase()));
      return [...emailsByRecipient(smtp.messages).keys()].filter((e) => wanted.has(e)).length;
    };

    const first = await worker('worker-1');
    const eventId = await recordIdeaSubmitted(db, team);

    // Kill 1: as soon as the first notifications are stored, the fan-out job is running.
    await waitFor(async () => (await stored(eventId)) > 0, { timeoutMs: 60_000, intervalMs: 5, what: 'the first stored notifications' });
    await first.kill();
    const atKill1 = { stored: await stored(eventId), emails: smtp.messages.length, processed: await processed(eventId) };

    // Kill 2: in the middle of the emails. The events job stalled with worker-1 comes back once its lock expires (~30 s).
    const second = await worker('worker-2');
    await waitFor(() => distinctRecipientsEmailed() >= 600, { timeoutMs: 180_000, intervalMs: 5, what: '600 emails' });
    await second.kill();
    const atKill2 = { stored: await stored(eventId), emails: smtp.messages.length, processed: await processed(eventId) };
    expect(atKill2.emails).toBeLessThan(RECIPIENTS); // it really was in the middle

    await worker('worker-3');
    await waitFor(async () => distinctRecipientsEmailed() === RECIPIENTS && (await processed(eventId)) && (await probe.idle()), {
      timeoutMs: 180_000,
      intervalMs: 200,
      what: `every recipient emailed and the queues idle (emailed ${distinctRecipientsEmailed()})`,
    });

    // Stored: exactly one notification per team member, all marked emailed.
    const rows: { recipient_id: string; id: string; email_sent_at: Date | null }[] = await db.query(
      `SELECT recipient_id, id, email_sent_at FROM notification WHERE event_id = $1`,
      [eventId],
    );
    expect(rows).toHaveLength(RECIPIENTS);
    expect(new Set(rows.map((r) => r.recipient_id))).toEqual(new Set(team.userIds));
    expect(rows.filter((r) => r.email_sent_at === null)).toHaveLength(0);

    // Emailed: every recipient got the email of their own notification, one Message-ID each.
    const notificationOf = new Map(rows.map((r) => [r.recipient_id, r.id]));
    const received = emailsByRecipient(smtp.messages);
    const problems: string[] = [];
    team.userIds.forEach((userId, i) => {
      const got = received.get(team.emails[i]!.toLowerCase());
      const expected = `<${notificationOf.get(userId)}@notifications.climathon>`;
      if (!got || got.messageIds.size !== 1 || !got.messageIds.has(expected)) problems.push(`${team.emails[i]}: ${got ? [...got.messageIds].join(',') : 'none'}`);
    });
    expect(problems).toEqual([]);
    const kinds = new Set(smtp.messages.map((m) => m.headers['x-notification-kind']));
    expect(kinds).toEqual(new Set(['IDEA_SUBMITTED']));

    // Raw SMTP deliveries: a copy is possible only for a job caught between "250 OK" and the mark, at most the jobs in flight per kill.
    const duplicates = smtp.messages.length - RECIPIENTS;
    expect(duplicates).toBeGreaterThanOrEqual(0);
    expect(duplicates).toBeLessThanOrEqual(2 * EMAIL_CONCURRENCY);

    // BullMQ: nothing failed.
    expect((await probe.counts('events')).failed).toBe(0);
    expect((await probe.counts('email')).failed).toBe(0);
    console.log(
      `fault-a: ${RECIPIENTS} recipients, 1 event, kills survived: 2 (at kill 1 ${JSON.stringify(atKill1)}, at kill 2 ${JSON.stringify(atKill2)}), ` +
        `SMTP deliveries ${smtp.messages.length} (duplicates with the same Message-ID: ${duplicates}), ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 600_000);
});
