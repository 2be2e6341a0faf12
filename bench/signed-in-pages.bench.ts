/**
 * Signed-in pages of a national edition in JUDGING, which no cache may answer (they depend on who asks):
 *
 * - a juror's assignments page: `myAssignments(challengeId)` with 50 assignments, each with its idea (title, summary),
 *   the idea's theme and the juror's progress on it (status, and the review's total once submitted);
 * - a student's team page: `team(id)` with its school, member count, members (role, name), its idea with theme, and the
 *   student's unread notifications count (`myNotifications(unreadOnly: true) { unreadCount }`, the bell's query).
 *
 * Each is measured on the real API (production bootstrap in a child process, the student's and the juror's own
 * access tokens) with autocannon, against a bare node:http + pg server answering the same rows in the same JSON
 * shape from ONE SQL query (it checks the token's signature, nothing else: no session check, no access rules).
 * Goal: API throughput >= 0.5 x baseline. Also measured and printed: the SQL statements the API sends to PostgreSQL
 * for one request (counted at the pg driver in the API process) at two page sizes (5 and 50 assignments; a team of 3
 * and of 10), which must be equal.
 *
 * The bench creates its own database `climathon_bench_pages_<pid>` and drops it at the end.
 *
 * Run: npm run build && node dist/bench/signed-in-pages.bench.js (BENCH_SCALE shortens the load runs)
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { migrateDatabase } from '#platform/database/data-source.js';
import type { BenchResult } from './bench-result.js';
import { issueSessions } from './bench-sessions.js';
import { benchDatabaseUrl, dropDatabase, removeRedisKeys, startChildServer, type ChildServer } from './leaderboard.bench.js';
import { loadNow, scaled } from './scale.js';

const TEAMS = 1000;
const JURORS = 40;
const PAGE = 50; // the measured juror's assignments
const SMALL_PAGE = 5; // the juror whose page only counts statements
const TEAM_SIZE = 10; // the measured student's team
const SMALL_TEAM = 3; // every other team
const NOTIFICATIONS = 40;
const UNREAD = 12;
const CONNECTIONS = 10;
const WARM_UP_SECONDS = scaled(3, 1);
const SECONDS = scaled(10, 2);
const ROUNDS = 2;
const GOAL_RATIO = 0.5;

export const ASSIGNMENTS_QUERY = `query MyAssignments($challengeId: ID!) {
  myAssignments(challengeId: $challengeId) { id status dueAt idea { id title summary theme { name } } review { total submittedAt } }
}`;

export const TEAM_QUERY = `query TeamPage($id: ID!) {
  team(id: $id) { id name className memberCount school { name } members { role user { id displayName } } idea { id title status version theme { name } } }
  myNotifications(first: 1, unreadOnly: true) { unreadCount }
}`;

const BASELINE_ASSIGNMENTS_SQL = `
  SELECT ra.id, ra.status, ra.due_at, i.id AS idea_id, i.title, i.summary, th.name AS theme_name, r.total, r.submitted_at
    FROM review_assignment ra
    JOIN juror j ON j.id = ra.juror_id
    JOIN idea i ON i.id = ra.idea_id
    JOIN theme th ON th.id = i.theme_id
    LEFT JOIN review r ON r.assignment_id = ra.id
   WHERE ra.challenge_id = $1 AND j.user_id = $2
   ORDER BY ra.created_at, ra.id`;

const BASELINE_TEAM_SQL = `
  SELECT t.id, t.name, t.class_name, s.name AS school_name,
         (SELECT count(*)::int FROM team_member WHERE team_id = t.id) AS member_count,
         (SELECT json_agg(json_build_object('role', tm.role, 'user', json_build_object('id', u.id, 'displayName', u.display_name)) ORDER BY tm.created_at, tm.user_id)
            FROM team_member tm JOIN app_user u ON u.id = tm.user_id WHERE tm.team_id = t.id) AS members,
         (SELECT json_build_object('id', i.id, 'title', i.title, 'status', i.status, 'version', i.version, 'theme', json_build_object('name', th.name))
            FROM idea i JOIN theme th ON th.id = i.theme_id WHERE i.team_id = t.id) AS idea,
         (SELECT count(*)::int FROM notification n WHERE n.recipient_id = $2 AND n.read_at IS NULL) AS unread
    FROM team t LEFT JOIN organization s ON s.id = t.school_id
   WHERE t.id = $1`;

// ------------------------------------------------------------------------------------------------ database

interface Fixture {
  challengeId: string;
  juror: string;
  smallJuror: string;
  student: string;
  smallStudent: string;
  teamId: string;
  smallTeamId: string;
}

/** A SCHOOL_CLIMATHON in JUDGING: 1,000 teams of 3 (one of 10) with their ideas, 40 jurors, 50 assignments for the juror measured. */
export async function seedSignedInPages(url: string): Promise<Fixture> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT setseed(0.15)');
    const [promoter] = (await client.query<{ id: string }>(`INSERT INTO organization (name, kind) VALUES ('Junior Achievement Italia', 'PROMOTER') RETURNING id`)).rows;
    const schools = (
      await client.query<{ id: string }>(
        `INSERT INTO organization (name, kind, city, district) SELECT 'Istituto Tecnico n. ' || g, 'SCHOOL', 'Bologna', 'Bologna' FROM generate_series(1, 50) g RETURNING id`,
      )
    ).rows.map((r) => r.id);
    const [challenge] = (
      await client.query<{ id: string }>(
        `INSERT INTO challenge (organizer_id, slug, title, description, format, status, submission_opens_at, submission_closes_at, judging_closes_at, reviews_per_idea, max_team_size)
         VALUES ($1, 'climathon-nazionale-pages', 'Climathon Nazionale', 'Edizione nazionale.', 'SCHOOL_CLIMATHON', 'JUDGING',
                 now() - interval '40 days', now() - interval '2 days', now() + interval '12 days', 2, 10)
         RETURNING id`,
        [promoter.id],
      )
    ).rows;
    const themes = (
      await client.query<{ id: string }>(
        `INSERT INTO theme (challenge_id, name, position) VALUES ($1, 'Acqua', 0), ($1, 'Energia', 1), ($1, 'Mobilità', 2), ($1, 'Cibo', 3) RETURNING id`,
        [challenge.id],
      )
    ).rows.map((r) => r.id);
    await client.query(
      `INSERT INTO team (challenge_id, name, school_id, class_name, join_code, created_at)
       SELECT $1, 'Squadra ' || g, ($2::uuid[])[1 + g % cardinality($2::uuid[])], (1 + g % 5) || chr(65 + g % 4), 'P' || lpad(g::text, 9, '0'), now() - interval '30 days' + g * interval '1 second'
         FROM generate_series(1, $3::int) g`,
      [challenge.id, schools, TEAMS],
    );
    const teams = (await client.query<{ id: string }>(`SELECT id FROM team WHERE challenge_id = $1 ORDER BY created_at`, [challenge.id])).rows.map((r) => r.id);
    // Team 1 has TEAM_SIZE members, every other team SMALL_TEAM; then the jurors.
    const students = TEAM_SIZE + (TEAMS - 1) * SMALL_TEAM;
    const users = (
      await client.query<{ id: string }>(
        `INSERT INTO app_user (email, password_hash, display_name, locale, email_verified_at)
         SELECT 'persona' || g || '@pages.bench.test', 'x', 'Persona ' || g, CASE WHEN g % 2 = 0 THEN 'en' ELSE 'it' END, now() FROM generate_series(1, $1::int) g
         RETURNING id`,
        [students + JURORS + 1],
      )
    ).rows.map((r) => r.id);
    const memberTeams = users.slice(0, students).map((_, k) => (k < TEAM_SIZE ? teams[0] : teams[1 + Math.floor((k - TEAM_SIZE) / SMALL_TEAM)]));
    await client.query(
      `INSERT INTO team_member (team_id, user_id, challenge_id, role, created_at)
       SELECT t, u, $3, (CASE WHEN o = 1 OR lag(t) OVER (ORDER BY o) IS DISTINCT FROM t THEN 'CAPTAIN' ELSE 'STUDENT' END)::team_role, now() - interval '29 days' + o * interval '1 second'
         FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS x(t, u, o)`,
      [memberTeams, users.slice(0, students), challenge.id],
    );
    await client.query(
      `INSERT INTO idea (team_id, challenge_id, theme_id, title, summary, problem, solution, status, submitted_at, version)
       SELECT t.id, $1, ($2::uuid[])[1 + t.n % cardinality($2::uuid[])], 'Idea verde ' || t.n, 'Una proposta della squadra ' || t.n || ' per la scuola.',
              'Il problema ' || t.n, 'La soluzione ' || t.n, 'SUBMITTED', now() - interval '3 days' + t.n * interval '1 second', 1 + t.n % 7
         FROM (SELECT id, row_number() OVER (ORDER BY created_at) AS n FROM team WHERE challenge_id = $1) t`,
      [challenge.id, themes],
    );
    const jurorUsers = users.slice(students, students + JURORS);
    await client.query(`INSERT INTO juror (challenge_id, user_id) SELECT $1, u FROM unnest($2::uuid[]) u`, [challenge.id, jurorUsers]);
    // Juror k reviews ideas k*25 .. k*25 + 49 (mod 1000): two reviews per idea, 50 per juror; the last juror only 5.
    await client.query(
      `INSERT INTO review_assignment (challenge_id, idea_id, juror_id, status, due_at, created_at)
       SELECT $1, i.id, j.id, 'PENDING', now() + interval '12 days', now() - interval '2 days' + k * interval '1 second'
         FROM (SELECT id, row_number() OVER (ORDER BY user_id) - 1 AS m FROM juror WHERE challenge_id = $1) j
        CROSS JOIN generate_series(0, $2::int - 1) k
         JOIN (SELECT id, row_number() OVER (ORDER BY created_at) - 1 AS n FROM idea WHERE challenge_id = $1) i ON i.n = (j.m * 25 + k) % $3::int
        WHERE j.m < $4::int - 1 OR k < $5::int`,
      [challenge.id, PAGE, TEAMS, JURORS, SMALL_PAGE],
    );
    // Progress: about half of each juror's assignments are reviewed.
    await client.query(`UPDATE review_assignment SET status = 'SUBMITTED' WHERE challenge_id = $1 AND random() < 0.5`, [challenge.id]);
    const [criterion] = (
      await client.query<{ id: string }>(`INSERT INTO criterion (challenge_id, name, weight, max_score, position) VALUES ($1, 'Impatto', 1, 10, 0) RETURNING id`, [challenge.id])
    ).rows;
    await client.query(
      `INSERT INTO review (assignment_id, challenge_id, idea_id, juror_id, scores, total, version, submitted_at, updated_at)
       SELECT id, challenge_id, idea_id, juror_id, jsonb_build_array(jsonb_build_object('criterionId', $2::text, 'value', v)), v * 10, 1, now() - interval '1 day', now() - interval '1 day'
         FROM (SELECT ra.*, floor(random() * 11)::int AS v FROM review_assignment ra WHERE ra.challenge_id = $1 AND ra.status = 'SUBMITTED') s`,
      [challenge.id, criterion.id],
    );
    // Every student has NOTIFICATIONS notifications, UNREAD of them unread.
    await client.query(
      `INSERT INTO notification (recipient_id, event_id, kind, title, body, subject_id, path, locale, created_at, read_at, email_sent_at)
       SELECT u, 'bench-' || g, 'IDEA_SUBMITTED', 'Idea inviata', 'La vostra idea è stata inviata.', $2::uuid, '/challenges/climathon-nazionale-pages', 'it',
              now() - g * interval '1 hour', CASE WHEN g > $4::int THEN now() ELSE NULL END, now()
         FROM unnest($1::uuid[]) u CROSS JOIN generate_series(1, $3::int) g`,
      [users.slice(0, students), challenge.id, NOTIFICATIONS, UNREAD],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');
    const jurorIds = (await client.query<{ user_id: string }>(`SELECT user_id FROM juror WHERE challenge_id = $1 ORDER BY user_id`, [challenge.id])).rows.map((r) => r.user_id);
    return {
      challengeId: challenge.id,
      juror: jurorIds[0],
      smallJuror: jurorIds[JURORS - 1],
      student: users[0],
      smallStudent: users[TEAM_SIZE],
      teamId: teams[0],
      smallTeamId: teams[1],
    };
  } finally {
    await client.end();
  }
}

// ------------------------------------------------------------------------------------------------ servers (children)

/**
 * The real API, with every statement the pg driver sends counted (`pg.Client.prototype.query`, which TypeORM's pool
 * and the prepared-statement readers all go through); 'statements' answers the count since the last asking.
 */
async function serveApi(): Promise<void> {
  let statements = 0;
  const prototype = pg.Client.prototype as unknown as { query: (this: pg.Client, ...args: unknown[]) => unknown };
  const query = prototype.query;
  prototype.query = function (this: pg.Client, ...args: unknown[]) {
    statements++;
    // BENCH_PRINT_STATEMENTS=1 prints each statement, to see what a page costs.
    if (!process.env.BENCH_PRINT_STATEMENTS) return query.apply(this, args);
    const started = performance.now();
    const result = query.apply(this, args);
    const text = JSON.stringify(args[0]).slice(0, 300);
    if (result instanceof Promise) void result.finally(() => console.error('SQL', (performance.now() - started).toFixed(2), 'ms', text));
    else console.error('SQL', text);
    return result;
  };
  const { createApiApp } = await import('../apps/api/src/bootstrap.js');
  const app = await createApiApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as { port: number };
  process.on('message', (message) => {
    if (message === 'stop') void app.close().finally(() => process.exit(0));
    if (message === 'statements') {
      process.send!({ statements });
      statements = 0;
    }
  });
  process.send!({ port });
}

/** The user id of a valid HS256 access token (signature and expiry checked, nothing else), or null. */
function verifiedSubject(authorization: string | undefined, secret: string): string | null {
  const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  const [header, payload, signature] = token?.split('.') ?? [];
  if (!header || !payload || !signature) return null;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: string; exp?: number };
  return typeof claims.sub === 'string' && (claims.exp ?? 0) * 1000 > Date.now() ? claims.sub : null;
}

interface AssignmentRow {
  id: string;
  status: string;
  due_at: Date;
  idea_id: string;
  title: string;
  summary: string;
  theme_name: string;
  total: number | null;
  submitted_at: Date | null;
}

interface TeamRow {
  id: string;
  name: string;
  class_name: string | null;
  school_name: string | null;
  member_count: number;
  members: { role: string; user: { id: string; displayName: string } }[] | null;
  idea: { id: string; title: string; status: string; version: number; theme: { name: string } } | null;
  unread: number;
}

/** The baseline: a bare node:http handler, one SQL query per page through pg, the GraphQL response's JSON shape. */
async function serveBaseline(): Promise<void> {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 }); // the API's pool size (data-source.ts)
  const secret = process.env.JWT_SECRET!;
  const answer = async (body: { operationName?: string; variables?: Record<string, string> }, userId: string): Promise<unknown> => {
    if (body.operationName === 'MyAssignments') {
      const { rows } = await pool.query<AssignmentRow>(BASELINE_ASSIGNMENTS_SQL, [body.variables?.challengeId, userId]);
      const myAssignments = rows.map((r) => ({
        id: r.id,
        status: r.status,
        dueAt: r.due_at.toISOString(),
        idea: { id: r.idea_id, title: r.title, summary: r.summary, theme: { name: r.theme_name } },
        review: r.submitted_at === null ? null : { total: Math.round(r.total! * 100) / 100, submittedAt: r.submitted_at.toISOString() }, // two decimals, as the API
      }));
      return { data: { myAssignments } };
    }
    const {
      rows: [t],
    } = await pool.query<TeamRow>(BASELINE_TEAM_SQL, [body.variables?.id, userId]);
    const team = t && {
      id: t.id,
      name: t.name,
      className: t.class_name,
      memberCount: t.member_count,
      school: t.school_name === null ? null : { name: t.school_name },
      members: t.members ?? [],
      idea: t.idea,
    };
    return { data: { team: team ?? null, myNotifications: { unreadCount: t?.unread ?? 0 } } };
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        try {
          const userId = verifiedSubject(req.headers.authorization, secret);
          if (!userId) {
            res.writeHead(401, { 'content-type': 'application/json' });
            return res.end(JSON.stringify({ errors: [{ message: 'unauthenticated' }] }));
          }
          const result = await answer(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { operationName?: string; variables?: Record<string, string> }, userId);
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify(result));
        } catch (error) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ errors: [{ message: String(error) }] }));
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  process.on('message', (message) => {
    if (message === 'stop') void new Promise<void>((resolve) => server.close(() => resolve())).then(() => pool.end()).finally(() => process.exit(0));
  });
  process.send!({ port });
}

const startChild = (kind: 'api' | 'baseline', env: NodeJS.ProcessEnv): Promise<ChildServer> => startChildServer(fileURLToPath(import.meta.url), ['--serve', kind], env);

// ------------------------------------------------------------------------------------------------ measuring

interface Target {
  port: number;
  token: string;
}

async function post(target: Target, body: string): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${target.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${target.token}` },
    body,
  });
  return response.json();
}

interface Load {
  rps: number;
  p99: number;
}

async function load(target: Target, body: string, seconds: number): Promise<Load> {
  const result = await autocannon({
    url: `http://127.0.0.1:${target.port}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${target.token}` },
    body,
    connections: CONNECTIONS,
    duration: seconds,
  });
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
    throw new Error(`the load run failed: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx responses`);
  }
  return { rps: result.requests.average, p99: result.latency.p99 };
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export async function benchSignedInPages(): Promise<BenchResult[]> {
  const name = `climathon_bench_pages_${process.pid}`;
  const url = benchDatabaseUrl(name);
  const prefix = `bench_pages_${process.pid}`;
  await dropDatabase(name);
  const children: ChildServer[] = [];
  try {
    await migrateDatabase({ DATABASE_URL: url });
    const fx = await seedSignedInPages(url);
    const jwtSecret = randomBytes(32).toString('hex');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://climathon.example.org',
      JWT_SECRET: jwtSecret,
      DATABASE_URL: url,
      DB_MIGRATE_ON_BOOT: 'false',
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'silent',
    };
    const api = await startChild('api', env);
    children.push(api);
    const baseline = await startChild('baseline', env);
    children.push(baseline);
    const [jurorToken, smallJurorToken, studentToken, smallStudentToken] = await issueSessions(url, [fx.juror, fx.smallJuror, fx.student, fx.smallStudent], jwtSecret);

    const pages = [
      {
        what: `juror's assignments page: myAssignments with ${PAGE} assignments, each with idea, theme and progress`,
        body: JSON.stringify({ operationName: 'MyAssignments', query: ASSIGNMENTS_QUERY, variables: { challengeId: fx.challengeId } }),
        smallBody: JSON.stringify({ operationName: 'MyAssignments', query: ASSIGNMENTS_QUERY, variables: { challengeId: fx.challengeId } }),
        token: jurorToken,
        smallToken: smallJurorToken,
        sizes: `${SMALL_PAGE} and ${PAGE} assignments`,
        check: (answer: unknown) => (answer as { data?: { myAssignments?: unknown[] } }).data?.myAssignments?.length === PAGE,
      },
      {
        what: `student's team page: team with school, ${TEAM_SIZE} members, idea and theme, and the unread notifications count`,
        body: JSON.stringify({ operationName: 'TeamPage', query: TEAM_QUERY, variables: { id: fx.teamId } }),
        smallBody: JSON.stringify({ operationName: 'TeamPage', query: TEAM_QUERY, variables: { id: fx.smallTeamId } }),
        token: studentToken,
        smallToken: smallStudentToken,
        sizes: `a team of ${SMALL_TEAM} and of ${TEAM_SIZE}`,
        check: (answer: unknown) => {
          const data = (answer as { data?: { team?: { members?: unknown[] }; myNotifications?: { unreadCount?: number } } }).data;
          return data?.team?.members?.length === TEAM_SIZE && data.myNotifications?.unreadCount === UNREAD;
        },
      },
    ];

    /** Statements the API sends for one request (after a warm one, so that nothing is counted for first use). */
    const statements = async (target: Target, body: string): Promise<number> => {
      await post(target, body);
      await askStatements(api);
      await post(target, body);
      return askStatements(api);
    };

    const results: BenchResult[] = [];
    for (const page of pages) {
      const apiTarget = { port: api.port, token: page.token };
      const baselineTarget = { port: baseline.port, token: page.token };
      const apiAnswer = await post(apiTarget, page.body);
      const baselineAnswer = await post(baselineTarget, page.body);
      if (!page.check(apiAnswer)) throw new Error(`the API answered unexpectedly: ${JSON.stringify(apiAnswer).slice(0, 500)}`);
      if (!isDeepStrictEqual(apiAnswer, baselineAnswer)) {
        throw new Error(`the baseline does not answer the same JSON as the API:\n${JSON.stringify(apiAnswer).slice(0, 800)}\n${JSON.stringify(baselineAnswer).slice(0, 800)}`);
      }
      const small = await statements({ port: api.port, token: page.smallToken }, page.smallBody);
      const large = await statements(apiTarget, page.body);

      for (const target of [apiTarget, baselineTarget]) await load(target, page.body, WARM_UP_SECONDS);
      const best = (a: Load | undefined, b: Load) => (a && a.rps >= b.rps ? a : b);
      let apiLoad: Load | undefined;
      let baselineLoad: Load | undefined;
      for (let r = 0; r < ROUNDS; r++) {
        apiLoad = best(apiLoad, await load(apiTarget, page.body, SECONDS));
        baselineLoad = best(baselineLoad, await load(baselineTarget, page.body, SECONDS));
      }
      const measuredLoad = loadNow();
      if (!apiLoad || !baselineLoad) throw new Error('nothing was measured');
      const label = `${page.what} (${CONNECTIONS} connections, best of ${ROUNDS} x ${SECONDS} s)`;
      const ratio = apiLoad.rps / baselineLoad.rps;
      results.push(
        {
          name: `${label}: API req/s vs node:http + pg`,
          value: round(apiLoad.rps),
          unit: 'req/s',
          baseline: round(baselineLoad.rps),
          ratio: round(ratio, 2),
          goal: `>= ${GOAL_RATIO} x baseline`,
          ok: ratio >= GOAL_RATIO,
          load: measuredLoad,
        },
        {
          name: `${label}: API p99 latency vs node:http + pg`,
          value: round(apiLoad.p99),
          unit: 'ms',
          baseline: round(baselineLoad.p99),
          ratio: round(apiLoad.p99 / Math.max(baselineLoad.p99, 1), 2),
          goal: 'information',
          ok: true,
          load: measuredLoad,
        },
        {
          name: `${page.what}: SQL statements per request for ${page.sizes} (${small} and ${large}; the baseline sends 1)`,
          value: large,
          unit: 'statements',
          baseline: 1,
          goal: `the same for both sizes`,
          ok: small === large,
          load: measuredLoad,
        },
      );
    }
    return results;
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await removeRedisKeys(prefix);
    await dropDatabase(name);
  }
}

/** The statements the API child counted since it was last asked. */
function askStatements(api: ChildServer): Promise<number> {
  return api.request<{ statements?: number }>('statements').then((answer) => answer.statements ?? NaN);
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
const serveIndex = process.argv.indexOf('--serve');
if (isMain && serveIndex !== -1) {
  await (process.argv[serveIndex + 1] === 'api' ? serveApi() : serveBaseline());
} else if (isMain) {
  const results = await benchSignedInPages();
  console.table(results);
  if (results.some((result) => !result.ok)) process.exitCode = 1;
}
