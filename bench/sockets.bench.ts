/**
 * Live sockets of a national edition: 5,000 authenticated `graphql-ws` connections on one API process, each
 * subscribed to `notificationAdded`. Reported: the API's resident memory per connection (RSS after the 5,000 are
 * subscribed minus RSS before, divided by 5,000; goal <= 40 KB) and, after RESULTS_PUBLISHED to all 5,000 (the
 * publishing transaction committed by this process, delivered by the real worker through Redis pub/sub), the time
 * from the commit until the last subscriber has its notification (goal <= 3 s).
 *
 * What limits sockets per process: memory (the figure below), the file-descriptor limit (`ulimit -n`, raised by
 * the operator) and the per-address and per-user socket caps of the API (raised for this bench, as an operator
 * would for a load balancer's address).
 *
 * Run: npm run build && node dist/bench/sockets.bench.js
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { migrateDatabase } from '#platform/database/data-source.js';
import type { BenchResult } from './bench-result.js';
import { realFanout, removeQueues, seed, startDroppingSmtpServer } from './fanout.bench.js';
import { benchDatabaseUrl, dropDatabase, graphql, removeRedisKeys, startChildServer, type ChildServer } from './leaderboard.bench.js';
import { hashPassword } from '#platform/crypto/passwords.js';

const TEAMS = 450; // x 10 students + 500 jurors = 5,000 recipients
const CONNECTIONS = TEAMS * 10 + 500;
const PASSWORD = 'socket-password-2026';
const GOAL_KB = 40;
const GOAL_DELIVERY_MS = 3000;

async function rssKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
}

async function pool<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await run(items[next++]);
    }),
  );
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export async function benchSockets(): Promise<BenchResult[]> {
  const name = `climathon_bench_sockets_${process.pid}`;
  const url = benchDatabaseUrl(name);
  const prefix = `bench_sockets_${process.pid}`;
  await dropDatabase(name);
  const smtp = await startDroppingSmtpServer();
  let api: ChildServer | undefined;
  let worker: ChildServer | undefined;
  const clients: Client[] = [];
  try {
    await migrateDatabase({ DATABASE_URL: url });
    const { challengeId, organizerId } = await seed(url, TEAMS);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    await db.query(`UPDATE app_user SET password_hash = $1 WHERE email LIKE 'utente%@bench.test'`, [await hashPassword(PASSWORD)]);
    const emails = (await db.query<{ email: string }>(`SELECT email FROM app_user WHERE email LIKE 'utente%@bench.test' ORDER BY email`)).rows.map((r) => r.email);
    await db.end();

    const env = {
      ...process.env,
      NODE_ENV: 'production' as const,
      JWT_SECRET: randomBytes(32).toString('hex'),
      PUBLIC_URL: 'https://climathon.example.org',
      DATABASE_URL: url,
      DB_MIGRATE_ON_BOOT: 'false',
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      SMTP_URL: smtp.url,
      // Every connection comes from this one address, as through a load balancer.
      RATE_LIMIT_SIGN_IN_PER_ADDRESS: '100000',
      WS_MAX_SOCKETS_PER_ADDRESS: String(CONNECTIONS * 2),
    };
    api = await startChildServer(fileURLToPath(new URL('./leaderboard.bench.js', import.meta.url)), ['--serve'], env);
    worker = await startChildServer(fileURLToPath(new URL('./fanout.bench.js', import.meta.url)), ['--serve-worker'], env);
    const port = api.port;

    const tokens: string[] = [];
    await pool(emails, 8, async (email) => {
      const result = await graphql<{ signIn: { accessToken: string } }>(
        port,
        `
          mutation ($i: SignInInput!) {
            signIn(input: $i) {
              accessToken
            }
          }
        `,
        { i: { email, password: PASSWORD } },
      );
      if (!result.data) throw new Error(`sign-in failed: ${JSON.stringify(result.errors)}`);
      tokens.push(result.data.signIn.accessToken);
    });

    const before = await rssKb(api.pid);
    let received = 0;
    let lastAt = 0;
    let subscribed = 0;
    const errors: string[] = [];
    await pool(tokens, 50, async (token) => {
      const client = createClient({
        url: `ws://127.0.0.1:${port}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
        lazy: true,
      });
      clients.push(client);
      await new Promise<void>((resolve, reject) => {
        client.subscribe(
          { query: 'subscription { notificationAdded { id kind } }' },
          {
            next: () => {
              received++;
              lastAt = performance.now();
            },
            error: (error) => {
              errors.push(String(error instanceof Error ? error.message : JSON.stringify(error)).slice(0, 200));
              reject(new Error('subscription failed'));
            },
            complete: () => undefined,
          },
        );
        client.on('connected', () => {
          subscribed++;
          resolve();
        });
      });
    });
    // The API subscribes each socket to its Redis channel after connection_ack; give it a moment, then measure.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    global.gc?.();
    const after = await rssKb(api.pid);
    const perConnectionKb = (after - before) / CONNECTIONS;

    const commitAt = performance.now();
    await realFanout(url, challengeId, organizerId, CONNECTIONS);
    const deadline = performance.now() + 60_000;
    while (received < CONNECTIONS && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    const deliveryMs = lastAt - commitAt;
    const allDelivered = received === CONNECTIONS && errors.length === 0;
    if (!allDelivered) console.error({ received, subscribed, errors: errors.slice(0, 5) });

    const label = `${CONNECTIONS} authenticated graphql-ws connections on one API process, each subscribed to notificationAdded`;
    return [
      {
        name: `${label}: API RSS per connection (${round(before / 1024)} MB before, ${round(after / 1024)} MB after)`,
        value: round(perConnectionKb),
        unit: 'KB',
        goal: `<= ${GOAL_KB} KB`,
        ok: perConnectionKb <= GOAL_KB,
      },
      {
        name: `${label}: RESULTS_PUBLISHED commit -> last subscriber notified (${received}/${CONNECTIONS} received)`,
        value: round(deliveryMs),
        unit: 'ms',
        goal: `<= ${GOAL_DELIVERY_MS} ms`,
        ok: allDelivered && deliveryMs <= GOAL_DELIVERY_MS,
      },
    ];
  } finally {
    for (const client of clients) void client.dispose();
    await worker?.stop();
    await api?.stop();
    await smtp.close();
    await removeQueues(prefix);
    await removeRedisKeys(prefix);
    await dropDatabase(name);
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const results = await benchSockets();
  console.table(results);
  if (results.some((result) => !result.ok)) process.exitCode = 1;
}
