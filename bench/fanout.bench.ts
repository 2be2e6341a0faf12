/**
 * RESULTS_PUBLISHED to 10,000 recipients (9,500 team members and 500 jurors): the time from the commit of the
 * publishing transaction (status change + outbox event, as JudgingService.publishResults writes them) until every
 * in-app notification is stored, through the real worker (outbox relay -> BullMQ -> EventsProcessor -> the
 * RESULTS_PUBLISHED rule's one set-based recipient query -> NotificationDelivery's batches of 2,500), running in its
 * own child process. Baseline, in the same run: a bare BullMQ worker that reads the same recipients with the same
 * query and inserts the same number of rows into a scratch table in batches of 1,000 (INSERT ... ON CONFLICT DO
 * NOTHING), timed from `queue.add` to the job's completion. Goal: our rate >= 0.5 x the baseline's. Both first
 * publish a 200-recipient warm-up edition, unmeasured, so that neither is measured cold.
 *
 * The bench creates its own database `climathon_bench_fanout_<pid>` and Redis prefix, and removes both at the end.
 *
 * Run: npm run build && node dist/bench/fanout.bench.js
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { RESULTS_PUBLISHED, type ResultsPublishedPayload } from '#domain/judging/judging-events.js';
import { createDataSource, migrateDatabase } from '#platform/database/data-source.js';
import { recordEvents } from '#platform/outbox/outbox.js';
import { QUEUES } from '#platform/queues/job-registry.js';
import { createRedis } from '#platform/redis/redis.js';
import type { BenchResult } from './assignment.bench.js';
import { benchDatabaseUrl, dropDatabase, removeRedisKeys, startChildServer } from './leaderboard.bench.js';
import { loadNow, scaled } from './scale.js';

const TEAMS = scaled(950, 20);
const MEMBERS_PER_TEAM = 10;
const JURORS = scaled(500, 10);
const RECIPIENTS = TEAMS * MEMBERS_PER_TEAM + JURORS; // 10,000
const BATCH = 1000;
const WARM_UP_RECIPIENTS = 200;
const TIMEOUT_MS = 120_000;
const RECIPIENTS_SQL = `SELECT user_id FROM team_member WHERE challenge_id = $1 UNION SELECT user_id FROM juror WHERE challenge_id = $1`;

/** An OPEN_HACKATHON in JUDGING, organized by `promoterId`. */
async function judgingChallenge(client: pg.Client, promoterId: string, slug: string, title: string): Promise<{ id: string }> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO challenge (organizer_id, slug, title, description, format, status, submission_opens_at, submission_closes_at, judging_closes_at, reviews_per_idea, max_team_size)
     VALUES ($1, $2, $3, 'Edizione di prova.', 'OPEN_HACKATHON', 'JUDGING', now() - interval '30 days', now() - interval '1 day', now() + interval '10 days', 3, 30)
     RETURNING id`,
    [promoterId, slug, title],
  );
  return rows[0];
}

/** A JUDGING challenge with `teams` teams of 10 students and `jurors` jurors (10,000 distinct users by default), half of them English. */
export async function seed(url: string, teams = TEAMS, jurors = JURORS): Promise<{ challengeId: string; warmUpChallengeId: string; organizerId: string }> {
  const recipients = teams * MEMBERS_PER_TEAM + jurors;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const organizer = (
      await client.query<{ id: string }>(
        `INSERT INTO app_user (email, password_hash, display_name, email_verified_at) VALUES ('organizzatore@bench.test', 'x', 'Organizzatore', now()) RETURNING id`,
      )
    ).rows[0];
    const promoter = (await client.query<{ id: string }>(`INSERT INTO organization (name, kind) VALUES ('Camera di Commercio di Modena', 'PROMOTER') RETURNING id`)).rows[0];
    await client.query(`INSERT INTO organization_member (organization_id, user_id, role) VALUES ($1, $2, 'OWNER')`, [promoter.id, organizer.id]);
    const challenge = await judgingChallenge(client, promoter.id, 'climathon-fanout-bench', 'Climathon Fanout Bench');
    await client.query(
      `INSERT INTO app_user (email, password_hash, display_name, locale, email_verified_at)
       SELECT 'utente' || g || '@bench.test', 'x', 'Utente ' || g, CASE WHEN g % 2 = 0 THEN 'en' ELSE 'it' END, now() FROM generate_series(1, $1::int) g`,
      [recipients],
    );
    await client.query(`INSERT INTO team (challenge_id, name, join_code) SELECT $1, 'Squadra ' || g, 'F' || lpad(g::text, 9, '0') FROM generate_series(1, $2::int) g`, [
      challenge.id,
      teams,
    ]);
    await client.query(
      `INSERT INTO team_member (team_id, user_id, challenge_id, role)
       SELECT t.id, u.id, $1, 'STUDENT'
         FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM team WHERE challenge_id = $1) t
         JOIN (SELECT id, row_number() OVER (ORDER BY email) - 1 AS m FROM app_user WHERE email LIKE 'utente%@bench.test') u ON u.m / $2::int = t.n`,
      [challenge.id, MEMBERS_PER_TEAM],
    );
    await client.query(
      `INSERT INTO juror (challenge_id, user_id)
       SELECT $1, id FROM app_user u WHERE email LIKE 'utente%@bench.test' AND NOT EXISTS (SELECT 1 FROM team_member tm WHERE tm.user_id = u.id)`,
      [challenge.id],
    );
    // A small edition published first, by both the worker and the baselines, so that neither is measured cold
    // (JIT, pool connections, BullMQ scripts): a long-running worker is what publishes results in production.
    const warmUp = await judgingChallenge(client, promoter.id, 'climathon-fanout-warm-up', 'Climathon Warm-up');
    await client.query(`INSERT INTO juror (challenge_id, user_id) SELECT $1, id FROM app_user WHERE email LIKE 'utente%@bench.test' ORDER BY email LIMIT $2`, [
      warmUp.id,
      WARM_UP_RECIPIENTS,
    ]);
    await client.query(`CREATE TABLE bench_scratch (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), recipient_id uuid NOT NULL, event_id text NOT NULL, kind text NOT NULL,
                         title text NOT NULL, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT clock_timestamp(), UNIQUE (event_id, recipient_id))`);
    // The same rows into a table shaped like `notification` (its indexes, its unique key, its foreign key): what the
    // product's storage costs by itself, so that the ratio measures the pipeline (outbox, relay, rule, rendering, push).
    await client.query(`CREATE TABLE bench_scratch_notification (LIKE notification INCLUDING ALL)`);
    await client.query(`ALTER TABLE bench_scratch_notification ADD FOREIGN KEY (recipient_id) REFERENCES app_user (id) ON DELETE CASCADE`);
    await client.query('COMMIT');
    await client.query('ANALYZE');
    const [{ n }] = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${RECIPIENTS_SQL}) r`, [challenge.id])).rows;
    if (n !== recipients) throw new Error(`the seed has ${n} recipients instead of ${recipients}`);
    return { challengeId: challenge.id, warmUpChallengeId: warmUp.id, organizerId: organizer.id };
  } finally {
    await client.end();
  }
}

/** The baseline: one BullMQ job that reads the recipients and inserts a row each, in batches of 1,000. */
async function baseline(
  url: string,
  { challengeId, warmUpChallengeId }: { challengeId: string; warmUpChallengeId: string },
  prefix: string,
  table: 'bench_scratch' | 'bench_scratch_notification',
): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const connection = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const workerConnection = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const eventsConnection = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const queue = new Queue('baseline', { connection, prefix });
  const events = new QueueEvents('baseline', { connection: eventsConnection, prefix });
  const worker = new Worker(
    'baseline',
    async (job: Job<{ challengeId: string }>) => {
      const eventId = job.id!;
      const { rows } = await pool.query<{ user_id: string }>(RECIPIENTS_SQL, [job.data.challengeId]);
      for (let start = 0; start < rows.length; start += BATCH) {
        const ids = rows.slice(start, start + BATCH).map((r) => r.user_id);
        await pool.query(
          table === 'bench_scratch'
            ? `INSERT INTO bench_scratch (recipient_id, event_id, kind, title, body)
               SELECT r, $2, 'RESULTS_PUBLISHED', 'Risultati pubblicati', 'I risultati della sfida sono stati pubblicati.' FROM unnest($1::uuid[]) r
               ON CONFLICT DO NOTHING`
            : `INSERT INTO bench_scratch_notification (recipient_id, event_id, kind, title, body, subject_id, path, locale)
               SELECT r, $2, 'RESULTS_PUBLISHED', 'Risultati pubblicati', 'I risultati della sfida sono stati pubblicati.', $3::uuid, '/challenges/' || $3::text, 'it' FROM unnest($1::uuid[]) r
               ON CONFLICT DO NOTHING`,
          table === 'bench_scratch' ? [ids, eventId] : [ids, eventId, job.data.challengeId],
        );
      }
      return rows.length;
    },
    { connection: workerConnection, prefix, concurrency: 1 },
  );
  try {
    await Promise.all([worker.waitUntilReady(), events.waitUntilReady()]);
    await (await queue.add('insert', { challengeId: warmUpChallengeId }, { jobId: randomUUID() })).waitUntilFinished(events, TIMEOUT_MS);
    const started = performance.now();
    const job = await queue.add('insert', { challengeId }, { jobId: randomUUID() });
    await job.waitUntilFinished(events, TIMEOUT_MS);
    const elapsed = performance.now() - started;
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE event_id = $1`, [job.id]);
    if (rows[0].n !== RECIPIENTS) throw new Error(`the baseline stored ${rows[0].n} rows`);
    return elapsed;
  } finally {
    await worker.close();
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await pool.end();
    for (const c of [connection, workerConnection, eventsConnection]) await c.quit().catch(() => c.disconnect());
  }
}

/** The real path: commit status + outbox event, then wait until the worker stored a notification per recipient. */
export async function realFanout(url: string, challengeId: string, organizerId: string, recipients = RECIPIENTS): Promise<number> {
  const dataSource = createDataSource({ DATABASE_URL: url }, { extra: { max: 2 } });
  await dataSource.initialize();
  try {
    const eventId = await dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE challenge SET status = 'RESULTS_PUBLISHED' WHERE id = $1`, [challengeId]);
      const payload: ResultsPublishedPayload = { challengeId, by: organizerId };
      const [event] = await recordEvents(manager, [{ type: RESULTS_PUBLISHED, payload: { ...payload } }]);
      return event.id;
    });
    const started = performance.now();
    for (;;) {
      const [{ n }] = await dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM notification WHERE event_id = $1`, [eventId]);
      if (n >= recipients) break;
      if (performance.now() - started > TIMEOUT_MS) throw new Error(`only ${n} notifications stored after ${TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return performance.now() - started;
  } finally {
    await dataSource.destroy();
  }
}

/** An SMTP server on a free local port that accepts every message and keeps none. */
export async function startDroppingSmtpServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('error', () => undefined);
      stream.on('end', () => callback());
      stream.resume();
    },
  });
  server.on('error', () => undefined); // a worker stopped mid-message
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return { url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Waits until `count` notifications have been emailed. */
export async function emailsSent(url: string, count: number, timeoutMs = TIMEOUT_MS): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    for (;;) {
      const [{ n }] = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM notification WHERE email_sent_at IS NOT NULL`)).rows;
      if (n >= count) return;
      if (performance.now() - started > timeoutMs) throw new Error(`only ${n} of ${count} emails sent after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await client.end();
  }
}

/** Child entry: the production worker (outbox relay, processors), reporting when it is up. */
async function serveWorker(): Promise<void> {
  const { createWorkerApp } = await import('../apps/worker/src/bootstrap.js');
  const app = await createWorkerApp();
  await app.init();
  process.on('message', (message) => {
    if (message === 'stop') void app.close().finally(() => process.exit(0));
  });
  process.send!({ port: 0 });
}

export async function removeQueues(prefix: string): Promise<void> {
  const connection = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    for (const name of Object.values(QUEUES)) {
      const queue = new Queue(name, { connection, prefix });
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
  } finally {
    await connection.quit().catch(() => connection.disconnect());
  }
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export async function benchFanout(): Promise<BenchResult[]> {
  const name = `climathon_bench_fanout_${process.pid}`;
  const url = benchDatabaseUrl(name);
  const prefix = `bench_fanout_${process.pid}`;
  await dropDatabase(name);
  let worker: Awaited<ReturnType<typeof startChildServer>> | undefined;
  const smtp = await startDroppingSmtpServer();
  try {
    await migrateDatabase({ DATABASE_URL: url });
    const { challengeId, warmUpChallengeId, organizerId } = await seed(url);
    const bareMs = await baseline(url, { challengeId, warmUpChallengeId }, `${prefix}_bare`, 'bench_scratch');
    const baselineMs = await baseline(url, { challengeId, warmUpChallengeId }, `${prefix}_baseline`, 'bench_scratch_notification');
    worker = await startChildServer(fileURLToPath(import.meta.url), ['--serve-worker'], {
      ...process.env,
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://climathon.example.org',
      JWT_SECRET: randomUUID() + randomUUID(),
      DATABASE_URL: url,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      SMTP_URL: smtp.url, // emails are queued after the notifications; the sink accepts and drops them
    });
    await realFanout(url, warmUpChallengeId, organizerId, WARM_UP_RECIPIENTS);
    await emailsSent(url, WARM_UP_RECIPIENTS); // the warm-up's emails must not compete with the measured fan-out
    const realMs = await realFanout(url, challengeId, organizerId);
    const load = loadNow();
    const rate = RECIPIENTS / (realMs / 1000);
    const baselineRate = RECIPIENTS / (baselineMs / 1000);
    const label = `RESULTS_PUBLISHED to ${RECIPIENTS} recipients: commit -> every in-app notification stored (worker)`;
    return [
      {
        name: `${label}, rate vs a bare BullMQ worker inserting ${RECIPIENTS} rows into a table shaped like notification`,
        value: round(rate),
        unit: 'notifications/s',
        baseline: round(baselineRate),
        ratio: round(rate / baselineRate, 2),
        goal: '>= 0.5 x baseline',
        ok: rate / baselineRate >= 0.5,
        load,
      },
      { name: `${label}, elapsed`, value: round(realMs), unit: 'ms', baseline: round(baselineMs), goal: 'information', ok: true, load },
      {
        name: `${label}, rate vs a bare BullMQ worker inserting ${RECIPIENTS} rows into a minimal table (no foreign key, one unique key)`,
        value: round(rate),
        unit: 'notifications/s',
        baseline: round(RECIPIENTS / (bareMs / 1000)),
        ratio: round(rate / (RECIPIENTS / (bareMs / 1000)), 2),
        goal: 'information',
        ok: true,
        load,
      },
    ];
  } finally {
    await worker?.stop();
    await smtp.close();
    await removeQueues(prefix);
    await removeRedisKeys(prefix);
    await removeRedisKeys(`${prefix}_baseline`);
    await dropDatabase(name);
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain && process.argv.includes('--serve-worker')) {
  await serveWorker();
} else if (isMain) {
  const results = await benchFanout();
  console.table(results);
  if (results.some((result) => !result.ok)) process.exitCode = 1;
}
