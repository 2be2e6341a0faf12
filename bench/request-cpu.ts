/**
 * The API's CPU per authenticated request, for the three requests whose fixed cost keeps two goals out of reach: the
 * juror's assignments page and the student's team page (bench/signed-in-pages.bench.ts) and castPublicVote
 * (bench/reports.bench.ts). On a shared machine throughput moves with everyone else's load; the API child's own CPU
 * time (`process.cpuUsage()`, user + system) divided by the requests it served does much less, so this is the figure
 * to compare two versions of the request path by.
 *
 * Run: npm run build && node dist/bench/request-cpu.js (REQUESTS per kind, default 3000; ONLY=juror,team
 * picks kinds by name; REQUEST_CPU_PROFILE_DIR=<dir> writes a V8 CPU profile of each kind's measured requests there,
 * which make the figure a little larger)
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { migrateDatabase } from '#platform/database/data-source.js';
import { issueSessions } from './bench-sessions.js';
import { benchDatabaseUrl, dropDatabase, removeRedisKeys, startChildServer } from './leaderboard.bench.js';
import { loadNow } from './scale.js';
import { ASSIGNMENTS_QUERY, TEAM_QUERY, seedSignedInPages } from './signed-in-pages.bench.js';

const VOTERS = 1000;
const VOTE_IDEAS = 50;
const VOTE_MUTATION = `mutation Vote($idea: ID!) { castPublicVote(ideaId: $idea) { updatedAt } }`;

async function serveApi(): Promise<void> {
  const { createApiApp } = await import('../apps/api/src/bootstrap.js');
  const app = await createApiApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as { port: number };
  const profiler = new Session();
  profiler.connect();
  await profiler.post('Profiler.enable');
  process.on('message', (message: string) => {
    if (message === 'stop') void app.close().finally(() => process.exit(0));
    if (message === 'cpu') process.send!({ cpu: process.cpuUsage() });
    // Profiles only the measured requests (not the start-up), one file per kind.
    if (message === 'profile:start') void profiler.post('Profiler.start').then(() => process.send!({ started: true }));
    if (message.startsWith('profile:stop:'))
      void profiler.post('Profiler.stop').then(({ profile }) => {
        writeFileSync(join(process.env.REQUEST_CPU_PROFILE_DIR!, `${message.slice(13).replace(/\W+/g, '-')}.cpuprofile`), JSON.stringify(profile));
        process.send!({ stopped: true });
      });
  });
  process.send!({ port });
}

/** A second challenge whose results are published and whose public vote is open, with VOTE_IDEAS ideas and VOTERS verified voters in no team. */
async function seedVote(url: string): Promise<{ ideaIds: string[]; voterIds: string[] }> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const [org] = (await db.query<{ id: string }>(`SELECT id FROM organization WHERE kind = 'PROMOTER' LIMIT 1`)).rows;
    const [challenge] = (
      await db.query<{ id: string }>(
        `INSERT INTO challenge (organizer_id, slug, title, description, format, status, submission_opens_at, submission_closes_at, judging_closes_at, reviews_per_idea, max_team_size,
                                public_voting_opens_at, public_voting_closes_at)
         VALUES ($1, 'voto-pubblico-cpu', 'Voto pubblico', 'Edizione chiusa.', 'SCHOOL_CLIMATHON', 'RESULTS_PUBLISHED', now() - interval '40 days', now() - interval '20 days',
                 now() - interval '2 days', 2, 10, now() - interval '1 day', now() + interval '7 days')
         RETURNING id`,
        [org.id],
      )
    ).rows;
    const [theme] = (await db.query<{ id: string }>(`INSERT INTO theme (challenge_id, name, position) VALUES ($1, 'Acqua', 0) RETURNING id`, [challenge.id])).rows;
    await db.query(`INSERT INTO team (challenge_id, name, class_name, join_code) SELECT $1, 'Voto ' || g, '1A', 'V' || lpad(g::text, 9, '0') FROM generate_series(1, $2::int) g`, [
      challenge.id,
      VOTE_IDEAS,
    ]);
    const ideaIds = (
      await db.query<{ id: string }>(
        `INSERT INTO idea (team_id, challenge_id, theme_id, title, summary, problem, solution, status, submitted_at, version)
         SELECT t.id, $1, $2, 'Idea ' || t.name, 'Sintesi', 'Problema', 'Soluzione', 'SUBMITTED', now() - interval '21 days', 1 FROM team t WHERE t.challenge_id = $1 RETURNING id`,
        [challenge.id, theme.id],
      )
    ).rows.map((r) => r.id);
    const voterIds = (
      await db.query<{ id: string }>(
        `INSERT INTO app_user (email, password_hash, display_name, locale, email_verified_at)
         SELECT 'votante' || g || '@cpu.bench.test', 'x', 'Votante ' || g, 'it', now() FROM generate_series(1, $1::int) g RETURNING id`,
        [VOTERS],
      )
    ).rows.map((r) => r.id);
    await db.query('ANALYZE');
    return { ideaIds, voterIds };
  } finally {
    await db.end();
  }
}

interface Kind {
  name: string;
  /** One token and body per request, used round-robin. */
  requests: { token: string; body: string }[];
}

async function main(): Promise<void> {
  const total = Number(process.env.REQUESTS ?? 3000);
  const name = `climathon_bench_cpu_${process.pid}`;
  const url = benchDatabaseUrl(name);
  const prefix = `bench_cpu_${process.pid}`;
  await dropDatabase(name);
  await migrateDatabase({ DATABASE_URL: url });
  const fx = await seedSignedInPages(url);
  const vote = await seedVote(url);
  const jwtSecret = randomBytes(32).toString('hex');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PUBLIC_URL: 'https://climathon.example.org',
    JWT_SECRET: jwtSecret,
    DATABASE_URL: url,
    DB_MIGRATE_ON_BOOT: 'false',
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
  };
  const api = await startChildServer(fileURLToPath(import.meta.url), ['--serve'], env);
  try {
    const [juror, student] = await issueSessions(url, [fx.juror, fx.student], jwtSecret);
    const voters = await issueSessions(url, vote.voterIds, jwtSecret);
    const kinds: Kind[] = [
      { name: 'anonymous __typename', requests: [{ token: '', body: JSON.stringify({ query: '{ __typename }' }) }] },
      { name: 'signed-in __typename', requests: [{ token: juror, body: JSON.stringify({ query: '{ __typename }' }) }] },
      { name: 'signed-in me', requests: [{ token: juror, body: JSON.stringify({ query: '{ me { id } }' }) }] },
      {
        name: 'juror page',
        requests: [{ token: juror, body: JSON.stringify({ operationName: 'MyAssignments', query: ASSIGNMENTS_QUERY, variables: { challengeId: fx.challengeId } }) }],
      },
      { name: 'team page', requests: [{ token: student, body: JSON.stringify({ operationName: 'TeamPage', query: TEAM_QUERY, variables: { id: fx.teamId } }) }] },
      {
        name: 'castPublicVote',
        requests: voters.map((token, i) => ({
          token,
          body: JSON.stringify({ operationName: 'Vote', query: VOTE_MUTATION, variables: { idea: vote.ideaIds[i % vote.ideaIds.length] } }),
        })),
      },
    ];
    const only = (process.env.ONLY ?? 'juror,team,Vote').split(',');
    for (const kind of kinds) {
      if (!only.some((o) => kind.name.includes(o))) continue;
      const probe = await fetch(`http://127.0.0.1:${api.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(kind.requests[0].token ? { authorization: `Bearer ${kind.requests[0].token}` } : {}) },
        body: kind.requests[0].body,
      });
      const answer = await probe.text();
      if (answer.includes('"errors"')) throw new Error(`${kind.name}: ${answer.slice(0, 500)}`);
      const run = async (amount: number) => {
        let next = 0;
        const before = await api.request<{ cpu: NodeJS.CpuUsage }>('cpu');
        const result = await autocannon({
          url: `http://127.0.0.1:${api.port}/graphql`,
          method: 'POST',
          connections: kind.name === 'castPublicVote' ? 50 : 10,
          amount,
          requests: [
            {
              setupRequest: (request) => {
                const r = kind.requests[next++ % kind.requests.length];
                return {
                  ...request,
                  body: r.body,
                  headers: { ...request.headers, 'content-type': 'application/json', ...(r.token ? { authorization: `Bearer ${r.token}` } : {}) },
                };
              },
            },
          ],
        });
        const after = await api.request<{ cpu: NodeJS.CpuUsage }>('cpu');
        if (result.errors || result.non2xx || result.timeouts) throw new Error(`${kind.name}: ${result.errors} errors, ${result.non2xx} non-2xx, ${result.timeouts} timeouts`);
        const micros = after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system;
        return { perRequest: micros / amount, system: (after.cpu.system - before.cpu.system) / amount, rps: result.requests.average };
      };
      await run(Math.min(1000, total));
      const profiling = process.env.REQUEST_CPU_PROFILE_DIR !== undefined;
      if (profiling) await api.request('profile:start');
      const measured = await run(total);
      if (profiling) await api.request(`profile:stop:${kind.name}`);
      console.log(
        `${kind.name}: ${measured.perRequest.toFixed(0)} µs of API CPU per request, ${measured.system.toFixed(0)} of them in the kernel (${total} requests, ${measured.rps.toFixed(0)} req/s, load ${loadNow()})`,
      );
    }
  } finally {
    await api.stop();
    await removeRedisKeys(prefix);
    await dropDatabase(name);
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain && process.argv.includes('--serve')) await serveApi();
else if (isMain) await main();
