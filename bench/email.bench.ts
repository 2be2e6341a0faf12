/**
 * RESULTS_PUBLISHED to 20,000 recipients, by email: from the commit of the publishing transaction until every one
 * of the 20,000 emails has been accepted by a local SMTP sink, through the real worker in a child process (outbox
 * relay -> fan-out -> one `email.send` job per notification -> nodemailer's pooled SMTP connections). Reported as
 * emails per second over the whole path and over the email phase alone (from the last notification stored).
 * Goal: >= 300 emails/s. The worker runs with the defaults (SMTP_POOL_CONNECTIONS=5, SMTP_MAX_PER_SECOND=0). Then, with
 * SMTP_MAX_PER_SECOND=50, 200 more emails must take at least 3 s (the limit held, one fixed window of slack).
 *
 * Run: npm run build && node dist/bench/email.bench.js
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './bench-result.js';
import { emailsSent, realFanout, removeQueues, seed, startDroppingSmtpServer } from './fanout.bench.js';
import { benchDatabaseUrl, dropDatabase, removeRedisKeys, startChildServer } from './leaderboard.bench.js';
import { loadNow, scaled } from './scale.js';

const TEAMS = scaled(1950, 20); // x 10 students + 500 jurors = 20,000 recipients
const JURORS = scaled(500, 10);
const RECIPIENTS = TEAMS * 10 + JURORS;
const WARM_UP_RECIPIENTS = 200;
const GOAL_PER_SECOND = 300;
const LIMITED_PER_SECOND = 50;

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export async function benchEmail(): Promise<BenchResult[]> {
  const name = `climathon_bench_email_${process.pid}`;
  const url = benchDatabaseUrl(name);
  const prefix = `bench_email_${process.pid}`;
  await dropDatabase(name);
  const smtp = await startDroppingSmtpServer();
  let worker: Awaited<ReturnType<typeof startChildServer>> | undefined;
  try {
    const { migrateDatabase } = await import('#platform/database/data-source.js');
    await migrateDatabase({ DATABASE_URL: url });
    const { challengeId, warmUpChallengeId, organizerId } = await seed(url, TEAMS, JURORS);
    const workerEnv = {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: randomUUID() + randomUUID(),
      PUBLIC_URL: 'https://climathon.example.org',
      DATABASE_URL: url,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      SMTP_URL: smtp.url,
    };
    const workerFile = fileURLToPath(new URL('./fanout.bench.js', import.meta.url));
    worker = await startChildServer(workerFile, ['--serve-worker'], workerEnv);
    await realFanout(url, warmUpChallengeId, organizerId, WARM_UP_RECIPIENTS);
    await emailsSent(url, WARM_UP_RECIPIENTS);

    const started = performance.now();
    const storedMs = await realFanout(url, challengeId, organizerId, RECIPIENTS);
    await emailsSent(url, WARM_UP_RECIPIENTS + RECIPIENTS, 600_000);
    const totalMs = performance.now() - started;
    const load = loadNow();
    const rate = RECIPIENTS / (totalMs / 1000);
    const emailPhaseRate = RECIPIENTS / ((totalMs - storedMs) / 1000);

    // The relay's limit: the same worker with SMTP_MAX_PER_SECOND (BullMQ's limiter, counted in Redis for all
    // workers), publishing the warm-up edition's results again: WARM_UP_RECIPIENTS new emails.
    await worker.stop();
    worker = await startChildServer(workerFile, ['--serve-worker'], { ...workerEnv, SMTP_MAX_PER_SECOND: String(LIMITED_PER_SECOND) });
    const limitedStarted = performance.now();
    await realFanout(url, warmUpChallengeId, organizerId, WARM_UP_RECIPIENTS);
    await emailsSent(url, 2 * WARM_UP_RECIPIENTS + RECIPIENTS);
    const limitedMs = performance.now() - limitedStarted;
    const limitedRate = WARM_UP_RECIPIENTS / (limitedMs / 1000);
    // Fixed one-second windows: the first may be partly spent, so the run takes at least one window less than N / limit.
    const limitHeld = limitedMs >= (WARM_UP_RECIPIENTS / LIMITED_PER_SECOND - 1) * 1000;
    const limitLoad = loadNow();

    const label = `RESULTS_PUBLISHED to ${RECIPIENTS} recipients by email (worker, pooled SMTP to a local sink)`;
    return [
      { name: `${label}: commit -> last email accepted, rate`, value: round(rate), unit: 'emails/s', goal: `>= ${GOAL_PER_SECOND} emails/s`, ok: rate >= GOAL_PER_SECOND, load },
      { name: `${label}: email phase only (after every notification was stored), rate`, value: round(emailPhaseRate), unit: 'emails/s', goal: 'information', ok: true, load },
      { name: `${label}: elapsed`, value: round(totalMs), unit: 'ms', goal: 'information', ok: true, load },
      {
        name: `${WARM_UP_RECIPIENTS} emails with SMTP_MAX_PER_SECOND=${LIMITED_PER_SECOND} (BullMQ's limiter): rate from the commit to the last email, ${round(limitedMs)} ms`,
        value: round(limitedRate),
        unit: 'emails/s',
        goal: `<= ${LIMITED_PER_SECOND} emails/s (one 1-second window of slack)`,
        ok: limitHeld,
        load: limitLoad,
      },
    ];
  } finally {
    await worker?.stop();
    await smtp.close();
    await removeQueues(prefix);
    await removeRedisKeys(prefix);
    await dropDatabase(name);
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const results = await benchEmail();
  console.table(results);
  if (results.some((result) => !result.ok)) process.exitCode = 1;
}
