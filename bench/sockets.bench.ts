/**
 * Live sockets of a national edition: 5,000 authenticated `graphql-ws` connections on one API process, each a
 * distinct user (a team member or a juror of the edition) subscribed to `notificationAdded`. Reported: the API's
 * resident memory per connection (RSS with the 5,000 subscribed minus RSS before, each after a full garbage
 * collection in the API, divided by 5,000; goal <= 40 KB) and, after RESULTS_PUBLISHED to all 5,000 (the publishing
 * transaction committed here, relayed and fanned out by the real worker, pushed through Redis pub/sub), the time from
 * the commit until the last subscriber has its notification (goal <= 3 s). Every subscriber must get exactly one.
 *
 * What limits sockets per process: memory (the figure below), the file-descriptor limit (`ulimit -n`: one descriptor
 * per socket) and the API's per-address and per-user caps (WS_MAX_SOCKETS_PER_ADDRESS is raised here as an operator
 * would behind a load balancer whose address every socket shares; docs/operator-guide.md "Scaling out").
 *
 * The sessions are issued in bulk (bench-sessions.ts) rather than by 5,000 argon2id sign-ins; every socket still
 * presents its access token in connection_init and is checked as in production.
 *
 * Run: npm run build && node dist/bench/sockets.bench.js (BENCH_SCALE=0.1 for a tenth of the size)
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { migrateDatabase } from '#platform/database/data-source.js';
import type { BenchResult } from './bench-result.js';
import { issueSessions } from './bench-sessions.js';
import { realFanout, removeQueues, seed, startDroppingSmtpServer } from './fanout.bench.js';
import { benchDatabaseUrl, dropDatabase, removeRedisKeys, startChildServer, type ChildServer } from './leaderboard.bench.js';
import { loadNow, scaled } from './scale.js';

const TEAMS = scaled(450, 20); // x 10 students + 500 jurors = 5,000 recipients
const JURORS = scaled(500, 10);
const CONNECTIONS = TEAMS * 10 + JURORS;
const WARM_UP_CONNECTIONS = Math.min(200, CONNECTIONS);
const OPENING = 50; // sockets being opened at once
const GOAL_KB = 40;
const GOAL_DELIVERY_MS = 3000;

const SUBSCRIPTION = 'subscription NotificationAdded { notificationAdded { id kind title createdAt } }';

async function pool<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await run(items[next++]);
    }),
  );
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Subscriber {
  client: Client;
  received: number;
  lastAt: number;
}

/** Opens one graphql-ws socket with `token` and subscribes it; resolves once the server acknowledged the connection. */
function subscribe(port: number, token: string, errors: string[]): Promise<Subscriber> {
  const client = createClient({
    url: `ws://127.0.0.1:${port}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: true,
  });
  const subscriber: Subscriber = { client, received: 0, lastAt: 0 };
  return new Promise<Subscriber>((resolve, reject) => {
    client.on('connected', () => resolve(subscriber));
    client.subscribe(
      { query: SUBSCRIPTION },
      {
        next: () => {
          subscriber.received++;
          subscriber.lastAt = performance.now();
        },
        error: (error) => {
          errors.push(String(error instanceof Error ? error.message : JSON.stringify(error)).slice(0, 200));
          reject(new Error('subscription failed'));
        },
        complete: () => undefined,
      },
    );
  });
}

/** The API's resident set after a full collection, twice a second apart (the smaller: a collection in flight inflates one). */
async function settledRssKb(api: ChildServer): Promise<number> {
  const first = await api.memory();
  await sleep(1000);
  const second = await api.memory();
  return Math.min(first.rss, second.rss) / 1024;
}

export async function benchSockets(): Promise<BenchResult[]> {
  const name = `climathon_bench_sockets_${process.pid}`;
  const url = benchDatabaseUrl(name);
  const prefix = `bench_sockets_${process.pid}`;
  await dropDatabase(name);
  const smtp = await startDroppingSmtpServer();
  let api: ChildServer | undefined;
  let worker: ChildServer | undefined;
  const subscribers: Subscriber[] = [];
  try {
    await migrateDatabase({ DATABASE_URL: url });
    const { challengeId, warmUpChallengeId, organizerId } = await seed(url, TEAMS, JURORS);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    // Every recipient of the edition (its team members and jurors), one socket each.
    const userIds = (
      await db.query<{ id: string }>(`SELECT user_id AS id FROM team_member WHERE challenge_id = $1 UNION SELECT user_id FROM juror WHERE challenge_id = $1 ORDER BY id`, [
        challengeId,
      ])
    ).rows.map((r) => r.id);
    await db.end();
    if (userIds.length !== CONNECTIONS) throw new Error(`the seed has ${userIds.length} recipients instead of ${CONNECTIONS}`);

    const jwtSecret = randomBytes(32).toString('hex');
    const env = {
      ...process.env,
      NODE_ENV: 'production' as const,
      JWT_SECRET: jwtSecret,
      PUBLIC_URL: 'https://climathon.example.org',
      DATABASE_URL: url,
      DB_MIGRATE_ON_BOOT: 'false',
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'silent' as const,
      SMTP_URL: smtp.url,
      // Every socket comes from this one address, as through a load balancer: the operator raises the per-address cap.
      WS_MAX_SOCKETS_PER_ADDRESS: String(CONNECTIONS + WARM_UP_CONNECTIONS),
    };
    api = await startChildServer(fileURLToPath(new URL('./leaderboard.bench.js', import.meta.url)), ['--serve'], env, ['--expose-gc']);
    worker = await startChildServer(fileURLToPath(new URL('./fanout.bench.js', import.meta.url)), ['--serve-worker'], env);
    const port = api.port;
    const tokens = await issueSessions(url, userIds, jwtSecret);
    const errors: string[] = [];

    // Warm-up, unmeasured: sockets opened, notified and closed, so that the code paths are compiled and the pools
    // are open before the "before" reading (a long-running API has been through all of this).
    const warmUp: Subscriber[] = [];
    await pool(tokens.slice(0, WARM_UP_CONNECTIONS), OPENING, async (token) => void warmUp.push(await subscribe(port, token, errors)));
    await realFanout(url, warmUpChallengeId, organizerId, Math.min(200, CONNECTIONS));
    await Promise.all(warmUp.map(async (s) => s.client.dispose()));
    await sleep(1000);

    const before = await settledRssKb(api);
    const openStarted = performance.now();
    await pool(tokens, OPENING, async (token) => void subscribers.push(await subscribe(port, token, errors)));
    const openMs = performance.now() - openStarted;
    // connection_ack comes before the subscription is registered with Redis: let the last ones settle.
    await sleep(2000);
    const after = await settledRssKb(api);
    const perConnectionKb = (after - before) / CONNECTIONS;
    const memoryLoad = loadNow();

    const storedMs = await realFanout(url, challengeId, organizerId, CONNECTIONS);
    const committedAt = performance.now() - storedMs; // realFanout times from the commit until every row is stored
    const deadline = performance.now() + 60_000;
    while (subscribers.some((s) => s.received === 0) && performance.now() < deadline) await sleep(5);
    await sleep(500); // a duplicate would arrive by now
    const deliveryLoad = loadNow();
    const notified = subscribers.filter((s) => s.received > 0).length;
    const doubled = subscribers.filter((s) => s.received > 1).length;
    const lastAt = Math.max(...subscribers.map((s) => s.lastAt));
    const deliveryMs = lastAt - committedAt;
    const allDelivered = notified === CONNECTIONS && doubled === 0 && errors.length === 0;
    if (!allDelivered) console.error({ notified, doubled, errors: errors.slice(0, 5) });

    const label = `${CONNECTIONS} authenticated graphql-ws connections (distinct users) on one API process, each subscribed to notificationAdded`;
    return [
      {
        name: `${label}: API RSS per connection (${round(before / 1024)} MB before, ${round(after / 1024)} MB after, opened in ${round(openMs / 1000)} s)`,
        value: round(perConnectionKb),
        unit: 'KB',
        goal: `<= ${GOAL_KB} KB`,
        ok: perConnectionKb <= GOAL_KB,
        load: memoryLoad,
      },
      {
        name: `${label}: RESULTS_PUBLISHED commit -> last subscriber notified (${notified}/${CONNECTIONS} notified, ${doubled} twice; every notification stored after ${round(storedMs)} ms)`,
        value: round(deliveryMs),
        unit: 'ms',
        goal: `<= ${GOAL_DELIVERY_MS} ms`,
        ok: allDelivered && deliveryMs <= GOAL_DELIVERY_MS,
        load: deliveryLoad,
      },
    ];
  } finally {
    await Promise.all(subscribers.map(async (s) => s.client.dispose()));
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
