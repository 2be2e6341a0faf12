// Fault (e): an email job that fails on every attempt (the SMTP server answers 451, try again later, to everything:
// a 5xx would fail the email at once without retries, see smtp-failures) ends failed in
// BullMQ and recorded once, with its error, in job_failure (what admins read, besides Bull Board). The retry policy
// of the registry (8 attempts, exponential from 2 s) would take minutes, so this in-process worker adds jobs with
// 3 attempts 50 ms apart; everything else is the real worker.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { JOBS, type JobName, type JobPayloads } from '#platform/queues/job-registry.js';
import { QueueProducer, type TypedJob } from '#platform/queues/queue-producer.js';
import { openDatabase } from '../helpers/db.js';
import { waitFor } from '../helpers/wait.js';
import { insertMembersWithEvents, QueueProbe, startControlledSink, subPrefix } from './fault-fixtures.js';

const ATTEMPTS = 3;

@Injectable()
class FastRetryProducer extends QueueProducer {
  override async addBulk<N extends JobName>(name: N, jobs: { data: JobPayloads[N]; opts?: TypedJob<N>['opts'] }[]): Promise<void> {
    if (jobs.length === 0) return;
    const fast = { ...JOBS[name].options, attempts: ATTEMPTS, backoff: { type: 'fixed', delay: 50 } };
    await this.queue(JOBS[name].queue).addBulk(jobs.map((j) => ({ name, data: j.data, opts: { ...fast, ...j.opts } })));
  }
}

describe('fault: a job that fails on every attempt', () => {
  let db: DataSource;
  let sink: Awaited<ReturnType<typeof startControlledSink>>;
  let worker: INestApplicationContext | undefined;
  let probe: QueueProbe;
  const prefix = subPrefix('fault-e');
  const saved = { SMTP_URL: process.env.SMTP_URL, QUEUE_PREFIX: process.env.QUEUE_PREFIX };

  beforeAll(async () => {
    db = await openDatabase();
    sink = await startControlledSink({ reject: true });
    probe = new QueueProbe(process.env.REDIS_URL!, prefix);
    process.env.SMTP_URL = sink.url;
    process.env.QUEUE_PREFIX = prefix;
    const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(QueueProducer)
      .useClass(FastRetryProducer)
      .compile();
    worker = await moduleRef.init();
  });
  afterAll(async () => {
    await worker?.close();
    Object.assign(process.env, saved);
    await probe?.close();
    await sink?.close();
    await db?.destroy();
  });

  it('ends failed in BullMQ and recorded once in job_failure with the SMTP error, the notification unsent', async () => {
    const members = await insertMembersWithEvents(db, 1);
    const [notification] = await waitFor(
      async () => {
        const rows = (await db.query(`SELECT id FROM notification WHERE event_id = $1`, [members.eventIds[0]])) as { id: string }[];
        return rows.length > 0 && rows;
      },
      { timeoutMs: 30_000, what: 'the notification' },
    );
    expect(notification).toBeDefined();
    const emailJobId = `email-${notification!.id}`;

    await waitFor(async () => (await db.query(`SELECT 1 FROM job_failure WHERE job_id = $1`, [emailJobId])).length > 0, {
      timeoutMs: 30_000,
      intervalMs: 100,
      what: 'the job_failure row',
    });
    await waitFor(async () => (await probe.queues.email.getJobState(emailJobId)) === 'failed', { timeoutMs: 10_000, what: 'the failed state' });
    const failures = await db.query(`SELECT queue, job_id, job_name, payload, error, attempts FROM job_failure WHERE job_id = $1`, [emailJobId]);
    expect(failures).toEqual([
      {
        queue: 'email',
        job_id: emailJobId,
        job_name: 'email.send',
        payload: { notificationId: notification!.id },
        error: expect.stringContaining('451'),
        attempts: ATTEMPTS,
      },
    ]);

    const job = await probe.queues.email.getJob(emailJobId);
    expect(await job!.getState()).toBe('failed');
    expect(job!.attemptsMade).toBe(ATTEMPTS);
    expect(job!.failedReason).toContain('451');
    expect(sink.messages).toHaveLength(0);
    expect((await db.query(`SELECT email_sent_at FROM notification WHERE id = $1`, [notification!.id]))[0].email_sent_at).toBeNull();
    // The event itself was handled fine: only the email failed.
    expect(await probe.queues.events.getJobState(members.eventIds[0]!)).toBe('completed');
  }, 120_000);
});
