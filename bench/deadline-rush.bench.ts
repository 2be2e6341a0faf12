/**
 * The deadline rush of a national edition: 800 teams, 2,000 `saveIdea` from 100 connections within one minute, a
 * third of them deliberately stale (an `expectedVersion` the team already moved past). Through the API as deployed
 * (a child process, production mode). Checked in the database afterwards: every team's idea has exactly one
 * version per accepted save (none lost, none doubled) and holds the text of its last accepted save; every stale
 * save answered CONFLICT. Reported: p50/p99 latency (goal p99 <= 300 ms) and the outcome counts.
 *
 * The captains' sessions are issued in bulk (bench-sessions.ts) after one real sign-in; every save still verifies its
 * access token and session as in production.
 *
 * Run: npm run build && node dist/bench/deadline-rush.bench.js (BENCH_SCALE=0.1 for a tenth of the size)
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { migrateDatabase } from '#platform/database/data-source.js';
import type { BenchResult } from './bench-result.js';
import { benchDatabaseUrl, dropDatabase, graphql, percentile, removeRedisKeys, startChildServer, type ChildServer } from './leaderboard.bench.js';
import { hashPassword } from '#platform/crypto/passwords.js';
import { issueSessions } from './bench-sessions.js';
import { loadNow, scaled } from './scale.js';

const TEAMS = scaled(800, 20);
const SAVES = scaled(2000, 50);
const CONNECTIONS = scaled(100, 10);
const WINDOW_MS = scaled(60_000, 5000);
const STALE_EVERY = 3; // every third save is stale
const GOAL_P99_MS = 300;
const PASSWORD = 'rush-password-2026';

const SIGN_IN = `mutation SignIn($i: SignInInput!) { signIn(input: $i) { accessToken } }`;
const SAVE = `mutation Save($input: SaveIdeaInput!) { saveIdea(input: $input) { id version } }`;

interface Team {
  id: string;
  themeId: string;
  email: string;
  userId: string;
  token?: string;
  /** The version the client last saw accepted (what an editor open in a browser holds). */
  knownVersion: number;
  initialVersion: number;
  accepted: { version: number; marker: string }[];
}

async function seed(url: string): Promise<Team[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const hash = await hashPassword(PASSWORD);
    await client.query('BEGIN');
    const [promoter] = (await client.query<{ id: string }>(`INSERT INTO organization (name, kind) VALUES ('Junior Achievement Bench', 'PROMOTER') RETURNING id`)).rows;
    const [challenge] = (
      await client.query<{ id: string }>(
        `INSERT INTO challenge (organizer_id, slug, title, description, format, status, submission_opens_at, submission_closes_at, judging_closes_at, reviews_per_idea, max_team_size)
         VALUES ($1, 'rush-bench', 'Climathon Nazionale', 'Corsa alla scadenza.', 'OPEN_HACKATHON', 'PUBLISHED', now() - interval '30 days', now() + interval '1 hour', now() + interval '10 days', 3, 10)
         RETURNING id`,
        [promoter.id],
      )
    ).rows;
    const [theme] = (await client.query<{ id: string }>(`INSERT INTO theme (challenge_id, name, position) VALUES ($1, 'Acqua', 0) RETURNING id`, [challenge.id])).rows;
    const users = (
      await client.query<{ id: string; email: string }>(
        `INSERT INTO app_user (email, password_hash, display_name, locale)
         SELECT 'capitano' || g || '@rush.bench.test', $1, 'Capitano ' || g, 'it' FROM generate_series(1, $2::int) g RETURNING id, email`,
        [hash, TEAMS],
      )
    ).rows;
    const teams = (
      await client.query<{ id: string }>(
        `INSERT INTO team (challenge_id, name, join_code) SELECT $1, 'Squadra ' || g, 'R' || lpad(g::text, 9, '0') FROM generate_series(1, $2::int) g RETURNING id`,
        [challenge.id, TEAMS],
      )
    ).rows;
    await client.query(`INSERT INTO team_member (team_id, user_id, challenge_id, role) SELECT t, u, $3, 'CAPTAIN' FROM unnest($1::uuid[], $2::uuid[]) AS x(t, u)`, [
      teams.map((t) => t.id),
      users.map((u) => u.id),
      challenge.id,
    ]);
    await client.query(
      `INSERT INTO idea (team_id, challenge_id, theme_id, title, summary, problem, solution)
       SELECT t, $2, $3, 'Idea in corso', 'bozza iniziale', 'Il problema', 'La soluzione' FROM unnest($1::uuid[]) t`,
      [teams.map((t) => t.id), challenge.id, theme.id],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');
    const versions = (await client.query<{ team_id: string; version: number }>(`SELECT team_id, version FROM idea`)).rows;
    const versionOf = new Map(versions.map((v) => [v.team_id, v.version]));
    return teams.map((t, i) => ({
      id: t.id,
      themeId: theme.id,
      email: users[i].email,
      userId: users[i].id,
      knownVersion: versionOf.get(t.id)!,
      initialVersion: versionOf.get(t.id)!,
      accepted: [],
    }));
  } finally {
    await client.end();
  }
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await run(items[next++]);
    }),
  );
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export async function benchDeadlineRush(): Promise<BenchResult[]> {
  const name = `climathon_bench_rush_${process.pid}`;
  const url = benchDatabaseUrl(name);
  const prefix = `bench_rush_${process.pid}`;
  await dropDatabase(name);
  let api: ChildServer | undefined;
  try {
    await migrateDatabase({ DATABASE_URL: url });
    const teams = await seed(url);
    const jwtSecret = randomBytes(32).toString('hex');
    api = await startChildServer(fileURLToPath(new URL('./leaderboard.bench.js', import.meta.url)), ['--serve'], {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: jwtSecret,
      PUBLIC_URL: 'https://climathon.example.org',
      DATABASE_URL: url,
      DB_MIGRATE_ON_BOOT: 'false',
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'silent',
    });
    const port = api.port;
    // One captain signs in through the API (argon2id and all); the other sessions are issued in bulk, unmeasured.
    const first = await graphql<{ signIn: { accessToken: string } }>(port, SIGN_IN, { i: { email: teams[0].email, password: PASSWORD } });
    if (!first.data) throw new Error(`sign-in failed: ${JSON.stringify(first.errors)}`);
    const tokens = await issueSessions(
      url,
      teams.map((t) => t.userId),
      jwtSecret,
    );
    teams.forEach((team, i) => (team.token = i === 0 ? first.data!.signIn.accessToken : tokens[i]));

    // 2,000 saves spread over one minute: save i is due at i * 30 ms; every third is stale on purpose.
    const plan = Array.from({ length: SAVES }, (_, i) => ({
      i,
      team: teams[Math.floor(Math.random() * TEAMS)],
      stale: i % STALE_EVERY === STALE_EVERY - 1,
      dueAt: (i * WINDOW_MS) / SAVES,
    }));
    const latencies: number[] = [];
    const outcome = { accepted: 0, staleConflicts: 0, staleAccepted: 0, freshConflicts: 0, errors: [] as string[] };
    const started = performance.now();
    await pool(plan, CONNECTIONS, async ({ i, team, stale, dueAt }) => {
      const wait = started + dueAt - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const marker = `salvataggio ${i}`;
      const expectedVersion = stale ? team.knownVersion - 1 : team.knownVersion;
      const input = { teamId: team.id, themeId: team.themeId, title: 'Idea in corso', summary: marker, problem: 'Il problema', solution: `Soluzione ${i}`, expectedVersion };
      const t0 = performance.now();
      const result = await graphql<{ saveIdea: { version: number } }>(port, SAVE, { input }, team.token);
      latencies.push(performance.now() - t0);
      const code = (result.errors?.[0] as { extensions?: { code?: string } } | undefined)?.extensions?.code;
      if (result.data?.saveIdea) {
        if (stale) outcome.staleAccepted++;
        outcome.accepted++;
        team.accepted.push({ version: result.data.saveIdea.version, marker });
        team.knownVersion = Math.max(team.knownVersion, result.data.saveIdea.version);
      } else if (code === 'CONFLICT') {
        if (stale) outcome.staleConflicts++;
        else outcome.freshConflicts++; // another connection saved the same team first: the editor reloads
      } else {
        outcome.errors.push(JSON.stringify(result.errors).slice(0, 200));
      }
    });
    const elapsedMs = performance.now() - started;
    const load = loadNow();

    // The database: one version per accepted save, and the text of the last one.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const rows = (await client.query<{ team_id: string; version: number; summary: string }>(`SELECT team_id, version, summary FROM idea`)).rows;
    await client.end();
    const byTeam = new Map(rows.map((r) => [r.team_id, r]));
    const problems: string[] = [];
    for (const team of teams) {
      const row = byTeam.get(team.id)!;
      if (row.version !== team.initialVersion + team.accepted.length) problems.push(`team ${team.id}: version ${row.version}, ${team.accepted.length} accepted saves`);
      const last = team.accepted.sort((a, b) => b.version - a.version)[0];
      if (last && row.summary !== last.marker) problems.push(`team ${team.id}: holds "${row.summary}", last accepted "${last.marker}"`);
      if (new Set(team.accepted.map((a) => a.version)).size !== team.accepted.length) problems.push(`team ${team.id}: two saves got one version`);
    }
    const staleTotal = plan.filter((p) => p.stale).length;
    const correct = problems.length === 0 && outcome.errors.length === 0 && outcome.staleAccepted === 0 && outcome.staleConflicts === staleTotal;
    if (!correct) console.error({ problems: problems.slice(0, 5), errors: outcome.errors.slice(0, 5), outcome });

    latencies.sort((a, b) => a - b);
    const p99 = percentile(latencies, 99);
    const label = `deadline rush: ${SAVES} saveIdea over ${TEAMS} teams from ${CONNECTIONS} connections in ${round(elapsedMs / 1000)} s, ${staleTotal} stale`;
    return [
      { name: `${label}: p99 latency`, value: round(p99), unit: 'ms', goal: `<= ${GOAL_P99_MS} ms`, ok: p99 <= GOAL_P99_MS, load },
      { name: `${label}: p50 latency`, value: round(percentile(latencies, 50)), unit: 'ms', goal: 'information', ok: true, load },
      {
        name: `${label}: accepted ${outcome.accepted}, stale answered CONFLICT ${outcome.staleConflicts}/${staleTotal}, fresh saves beaten by a concurrent one ${outcome.freshConflicts}; saves lost or doubled in the database`,
        value: problems.length + outcome.errors.length + outcome.staleAccepted,
        unit: 'saves',
        goal: '0',
        ok: correct,
        load,
      },
    ];
  } finally {
    await api?.stop();
    await removeRedisKeys(prefix);
    await dropDatabase(name);
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const results = await benchDeadlineRush();
  console.table(results);
  if (results.some((result) => !result.ok)) process.exitCode = 1;
}
