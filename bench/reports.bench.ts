/**
 * Reports, exports and public voting (issue 14), through the API as deployed (a child process, production bootstrap,
 * NODE_ENV=production, logs silent), on a promoter's history: 10 editions of 5,000 SUBMITTED ideas each (teams of a
 * captain and two students from 250 schools in 8 districts, a coach per school, 500 jurors, 25,000 reviews on three
 * criteria per edition; the past nine with awards, adoptions, mini-companies and milestones), inserted in bulk. The
 * newest edition is JUDGING; the organizer (who signed up through the API) asks for:
 * - `results.csv` (GET of the signed link createExportLink makes): the whole file streamed, goal <= 1 s; and the API
 *   process's peak resident set growth during the download (VmHWM after resetting it, /proc/<pid>/clear_refs, minus
 *   VmRSS before; sampled VmRSS where the reset is refused), goal <= 50 MB: the rows stream from a cursor, so memory
 *   stays flat whatever the size of the file;
 * - `Challenge.juryReport` (alpha over the totals and each criterion, every juror's leniency, the 10 most disputed
 *   ideas), goal <= 0.5 s;
 * - `impactReport` over the 10 editions (overall, per district, per school), goal <= 1 s;
 * then publishes the results and opens the public vote through the API, and 1,000 voters (verified accounts outside
 * the teams, sessions issued in bulk) cast `castPublicVote` from 50 connections. The baseline is a bare node:http + pg
 * server (its own child process) running the same upsert for the same 1,000 (voter, idea) rows from the same 50
 * connections; the table is emptied before each round, rounds take turns and each side keeps its best.
 * Goal: API votes/s >= 0.5 x baseline.
 *
 * Each figure's row names the 1-minute load average when it was measured (the machine is shared). BENCH_SCALE (0, 1]
 * scales the data set and the votes down while developing. The bench creates its own database
 * `climathon_bench_reports_<pid>` (built migrations) and Redis prefix, and drops both at the end.
 *
 * Run: npm run build && node dist/bench/reports.bench.js
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { JwtService } from '@nestjs/jwt';
import pg from 'pg';
import { migrateDatabase } from '#platform/database/data-source.js';
import type { BenchResult } from './bench-result.js';
import { benchDatabaseUrl, dropDatabase, graphql, percentile, removeRedisKeys, startChildServer, type ChildServer } from './leaderboard.bench.js';

// ------------------------------------------------------------------------------------------------ sizes

/** BENCH_SCALE (default 1): the share of the full size to run, e.g. 0.1 while developing on the shared machine. */
export function benchScale(): number {
  const value = process.env.BENCH_SCALE;
  if (value === undefined || value === '') return 1;
  const scale = Number(value);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1) throw new Error(`BENCH_SCALE must be a number in (0, 1], not "${value}"`);
  return scale;
}

/** `full` at BENCH_SCALE, rounded, never below `min`. */
export const scaled = (full: number, min = 1): number => Math.max(min, Math.round(full * benchScale()));

/** The 1-minute load average now, printed beside each figure. */
export const loadNow = (): string => os.loadavg()[0].toFixed(2);

const EDITIONS = 10;
const IDEAS = scaled(5000, 50); // per edition
const JURORS = scaled(500, 10);
const REVIEWS_PER_IDEA = 5;
const SCHOOLS = scaled(250, 8);
const DISTRICTS = ['Trento', 'Rovereto', 'Pergine Valsugana', 'Riva del Garda', 'Cles', 'Borgo Valsugana', 'Tione di Trento', 'Cavalese'];
const COMPANIES = 20;
const VOTERS = scaled(1000, 20);
const VOTE_CONNECTIONS = Math.min(VOTERS, scaled(50, 5));

const WARM_UPS = 2;
const DOWNLOADS = 5;
const REPORT_RUNS = 10;
const VOTE_ROUNDS = 3;

const GOAL_CSV_MS = 1000;
const GOAL_CSV_RSS_MB = 50;
const GOAL_JURY_MS = 500;
const GOAL_IMPACT_MS = 1000;
const GOAL_VOTE_RATIO = 0.5;

const CRITERIA = [
  { name: 'Impatto ambientale', weight: 3 },
  { name: 'Fattibilità', weight: 2 },
  { name: 'Originalità', weight: 1 },
];
const MAX_SCORE = 10;

export const JURY_REPORT_QUERY = `query JuryReport($id: ID!) {
  challenge(id: $id) { id juryReport {
    reviewCount ideaCount agreement { alpha pairableIdeas pairableReviews }
    criteria { criterion { id name } agreement { alpha pairableIdeas pairableReviews } mean }
    jurors { juror { id user { id displayName } } pseudonym reviewCount meanTotal leniency meanDeviation comparedReviews }
    disputedIdeas(first: 10) { idea { id title } reviewCount spread minTotal maxTotal meanTotal standardDeviation }
  } }
}`;

const FIGURES = `editions schools classes teams students teachers ideasSubmitted ideasByTheme { theme count } reviews awards adoptionsProposed adoptionsAccepted
  daysToFirstAdoption medianDaysToAdoption miniCompaniesFounded miniCompaniesLaunched milestonesApprovedOnTime milestonesApprovedLate`;

export const IMPACT_REPORT_QUERY = `query ImpactReport($org: ID!, $from: DateTime!, $to: DateTime!) {
  impactReport(organizerId: $org, from: $from, to: $to) {
    from to csvPath editions { id title } overall { ${FIGURES} }
    byDistrict { district figures { ${FIGURES} } }
    bySchool { school { id name district } figures { ${FIGURES} } }
  }
}`;

const VOTE_MUTATION = `mutation Vote($idea: ID!) { castPublicVote(ideaId: $idea) { updatedAt } }`;

/** The upsert of VotingService.cast, word for word: what the baseline runs for each vote. */
const VOTE_UPSERT = `INSERT INTO public_vote (challenge_id, voter_id, idea_id, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT ON CONSTRAINT pk_public_vote_challenge_voter DO UPDATE SET idea_id = EXCLUDED.idea_id, updated_at = EXCLUDED.updated_at
         RETURNING challenge_id AS "challengeId", voter_id AS "voterId", idea_id AS "ideaId", created_at AS "createdAt", updated_at AS "updatedAt"`;

// ------------------------------------------------------------------------------------------------ data set

export interface DataSet {
  promoterId: string;
  /** The newest edition (JUDGING). */
  challengeId: string;
  /** Its SUBMITTED ideas. */
  ideaIds: string[];
  voterIds: string[];
  /** Every review of the 10 editions. */
  reviews: number;
  from: Date;
  to: Date;
}

/**
 * The promoter's 10 editions, one statement per table for all of them. Edition 0 is the newest (JUDGING, submissions
 * opened 40 days ago); edition e opened e years earlier and is CLOSED with its results published. Team g of an
 * edition has the students 3(g-1)..3(g-1)+2 of one pool, shifted per edition (so students come back in later years),
 * and the coach of its school; every 20th team has no school. Idea n is reviewed by jurors 5n..5n+4 (mod the jury),
 * with scores around a quality of its own, so the jury mostly agrees.
 */
export async function seedReports(url: string): Promise<DataSet> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const q = async <T extends pg.QueryResultRow = Record<string, unknown>>(text: string, values: unknown[] = []) => (await client.query<T>(text, values)).rows;
  try {
    await client.query('BEGIN');
    await client.query('SELECT setseed(0.14)');
    const [promoter] = await q<{ id: string }>(
      `INSERT INTO organization (name, kind, city, district) VALUES ('Provincia autonoma di Trento - Climathon', 'PROMOTER', 'Trento', 'Trento') RETURNING id`,
    );
    const schools = (
      await q<{ id: string }>(
        `INSERT INTO organization (name, kind, city, district)
         SELECT 'Istituto ' || g, 'SCHOOL', d, d FROM generate_series(1, $1::int) g, LATERAL (SELECT ($2::text[])[1 + g % cardinality($2::text[])] AS d) x
         RETURNING id`,
        [SCHOOLS, DISTRICTS],
      )
    ).map((r) => r.id);
    const companies = (
      await q<{ id: string }>(
        `INSERT INTO organization (name, kind, city, sector) SELECT 'Azienda ' || g, 'COMPANY', 'Trento', 'Energia' FROM generate_series(1, $1::int) g RETURNING id`,
        [COMPANIES],
      )
    ).map((r) => r.id);
    const [tutor] = await q<{ id: string }>(
      `INSERT INTO app_user (email, password_hash, display_name, email_verified_at) VALUES ('tutor@bench.test', 'x', 'Tutor', now()) RETURNING id`,
    );

    // Users: the student pool, a coach per school, the jury, the voters (verified, in no team).
    const students = 3 * IDEAS;
    await client.query(
      `INSERT INTO app_user (email, password_hash, display_name, email_verified_at)
       SELECT 'studente' || g || '@bench.test', 'x', 'Studente ' || g, now() FROM generate_series(0, $1::int - 1) g`,
      [students],
    );
    await client.query(`CREATE TEMP TABLE pool ON COMMIT DROP AS SELECT id, substring(email from '^studente(\\d+)@')::int AS i FROM app_user WHERE email LIKE 'studente%'`);
    await client.query(`CREATE INDEX ON pool (i)`);
    const coaches = (
      await q<{ id: string }>(
        `INSERT INTO app_user (email, password_hash, display_name, email_verified_at) SELECT 'docente' || g || '@bench.test', 'x', 'Docente ' || g, now() FROM generate_series(1, $1::int) g RETURNING id`,
        [SCHOOLS],
      )
    ).map((r) => r.id);
    const jurors = (
      await q<{ id: string }>(
        `INSERT INTO app_user (email, password_hash, display_name, email_verified_at) SELECT 'giurato' || g || '@bench.test', 'x', 'Giurato ' || g, now() FROM generate_series(1, $1::int) g RETURNING id`,
        [JURORS],
      )
    ).map((r) => r.id);
    const voterIds = (
      await q<{ id: string }>(
        `INSERT INTO app_user (email, password_hash, display_name, email_verified_at) SELECT 'votante' || g || '@bench.test', 'x', 'Votante ' || g, now() FROM generate_series(1, $1::int) g RETURNING id`,
        [VOTERS],
      )
    ).map((r) => r.id);

    // The editions.
    const editions = await q<{ id: string; e: number }>(
      `INSERT INTO challenge (organizer_id, slug, title, description, format, status, submission_opens_at, submission_closes_at, judging_closes_at, reviews_per_idea, max_team_size,
                             results_published_at)
       SELECT $1, 'climathon-trentino-' || (2026 - e), 'Climathon Trentino ' || (2026 - e), 'Edizione ' || (2026 - e) || ' per il benchmark dei report.', 'SCHOOL_CLIMATHON',
              CASE WHEN e = 0 THEN 'JUDGING' ELSE 'CLOSED' END::challenge_status,
              now() - interval '40 days' - e * interval '1 year', now() - interval '10 days' - e * interval '1 year', now() + interval '10 days' - e * interval '1 year', $2, 30,
              CASE WHEN e = 0 THEN NULL ELSE now() + interval '15 days' - e * interval '1 year' END
         FROM generate_series(0, $3::int - 1) e ORDER BY e
       RETURNING id, substring(slug from '\\d+$')::int AS e`,
      [promoter.id, REVIEWS_PER_IDEA, EDITIONS],
    );
    for (const edition of editions) edition.e = 2026 - edition.e;
    editions.sort((a, b) => a.e - b.e);
    const editionIds = editions.map((e) => e.id);
    await client.query(`CREATE TEMP TABLE ed ON COMMIT DROP AS SELECT id, (e - 1)::int AS e FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, e)`, [editionIds]);
    await client.query(
      `INSERT INTO theme (challenge_id, name, description, position)
       SELECT ed.id, t.name, 'Tema ' || t.name, t.p - 1 FROM ed, unnest(ARRAY['Acqua', 'Energia', 'Mobilità', 'Spreco alimentare']) WITH ORDINALITY AS t(name, p)`,
    );
    await client.query(
      `INSERT INTO criterion (challenge_id, name, weight, max_score, position)
       SELECT ed.id, c.name, c.weight, $3, c.p - 1 FROM ed, unnest($1::text[], $2::float8[]) WITH ORDINALITY AS c(name, weight, p)`,
      [CRITERIA.map((c) => c.name), CRITERIA.map((c) => c.weight), MAX_SCORE],
    );

    // Teams, with their edition and number in a temp table for the statements that follow.
    await client.query(
      `INSERT INTO team (challenge_id, name, school_id, class_name, join_code, created_at)
       SELECT ed.id, 'Squadra ' || g, CASE WHEN g % 20 = 0 THEN NULL ELSE ($1::uuid[])[1 + (g * 7 + ed.e) % cardinality($1::uuid[])] END,
              (1 + g % 5) || chr(65 + g % 4), chr(65 + ed.e) || lpad(g::text, 9, '0'), now() - interval '45 days' - ed.e * interval '1 year' + g * interval '1 second'
         FROM ed, generate_series(1, $2::int) g`,
      [schools, IDEAS],
    );
    await client.query(
      `CREATE TEMP TABLE tm ON COMMIT DROP AS
       SELECT t.id, t.challenge_id, t.school_id, ed.e, substring(t.join_code from 2)::int AS g FROM team t JOIN ed ON ed.id = t.challenge_id`,
    );
    await client.query(`CREATE INDEX ON tm (challenge_id, g)`);
    await client.query(
      `INSERT INTO team_member (team_id, user_id, challenge_id, role)
       SELECT tm.id, pool.id, tm.challenge_id, CASE WHEN k = 0 THEN 'CAPTAIN' ELSE 'STUDENT' END::team_role
         FROM tm CROSS JOIN generate_series(0, 2) k JOIN pool ON pool.i = (3 * (tm.g - 1) + k + tm.e * 3 * ($1::int / 10)) % $2::int`,
      [IDEAS, students],
    );
    await client.query(
      `INSERT INTO team_member (team_id, user_id, challenge_id, role)
       SELECT tm.id, c.coach, tm.challenge_id, 'COACH' FROM tm JOIN unnest($1::uuid[], $2::uuid[]) AS c(school, coach) ON c.school = tm.school_id`,
      [schools, coaches],
    );
    // Ideas: every one SUBMITTED in the newest edition; in the past, one in 25 stayed a draft.
    await client.query(
      `INSERT INTO idea (team_id, challenge_id, theme_id, title, summary, problem, solution, impact, tags, status, submitted_at, created_at, updated_at)
       SELECT tm.id, tm.challenge_id, th.id, 'Idea ' || tm.g || ', edizione ' || (2026 - tm.e), 'Una proposta della squadra ' || tm.g || ' per ridurre sprechi ed emissioni.',
              'Il problema, misurato dagli studenti.', 'La soluzione, passo per passo.', 'Meno emissioni.', ARRAY['clima', 'scuola'],
              CASE WHEN tm.e > 0 AND tm.g % 25 = 7 THEN 'DRAFT' ELSE 'SUBMITTED' END::idea_status,
              CASE WHEN tm.e > 0 AND tm.g % 25 = 7 THEN NULL ELSE now() - interval '12 days' - tm.e * interval '1 year' + tm.g * interval '1 second' END,
              now() - interval '30 days' - tm.e * interval '1 year', now() - interval '12 days' - tm.e * interval '1 year'
         FROM tm JOIN theme th ON th.challenge_id = tm.challenge_id AND th.position = tm.g % 4`,
    );
    await client.query(
      `CREATE TEMP TABLE ti ON COMMIT DROP AS
       SELECT i.id, i.challenge_id, i.team_id, tm.e, tm.g, row_number() OVER (PARTITION BY i.challenge_id ORDER BY tm.g) - 1 AS n
         FROM idea i JOIN tm ON tm.id = i.team_id WHERE i.status = 'SUBMITTED'`,
    );

    // The jury of each edition (numbered J1... by the trigger, in this order), assignments and reviews.
    await client.query(`INSERT INTO juror (challenge_id, user_id) SELECT ed.id, j.u FROM ed CROSS JOIN unnest($1::uuid[]) WITH ORDINALITY AS j(u, m) ORDER BY ed.e, j.m`, [jurors]);
    await client.query(
      `INSERT INTO review_assignment (challenge_id, idea_id, juror_id, status, due_at)
       SELECT ti.challenge_id, ti.id, j.id, 'SUBMITTED', now() + interval '10 days'
         FROM ti CROSS JOIN generate_series(0, $1::int - 1) k JOIN juror j ON j.challenge_id = ti.challenge_id AND j.number = 1 + (ti.n * $1::int + k) % $2::int`,
      [REVIEWS_PER_IDEA, JURORS],
    );
    await client.query(
      `INSERT INTO review (assignment_id, challenge_id, idea_id, juror_id, scores, total, version, submitted_at, updated_at)
       SELECT s.id, s.challenge_id, s.idea_id, s.juror_id,
              jsonb_build_array(jsonb_build_object('criterionId', c.ids[1], 'value', s.v1), jsonb_build_object('criterionId', c.ids[2], 'value', s.v2),
                                jsonb_build_object('criterionId', c.ids[3], 'value', s.v3)),
              100.0 * ($1::float8 * s.v1 + $2::float8 * s.v2 + $3::float8 * s.v3) / ($4::float8 * ($1::float8 + $2::float8 + $3::float8)), 1,
              now() - interval '2 days', now() - interval '2 days'
         FROM (SELECT ra.*, q + d1 AS v1, q + d2 AS v2, q + d3 AS v3 FROM (
                 SELECT ra.*, 1 + (hashtext(ra.idea_id::text) & 2147483647) % 7 AS q,
                        floor(random() * 4)::int - 1 AS d1, floor(random() * 4)::int - 1 AS d2, floor(random() * 4)::int - 1 AS d3
                   FROM review_assignment ra) ra) s
         JOIN (SELECT challenge_id, array_agg(id::text ORDER BY position) AS ids FROM criterion GROUP BY challenge_id) c ON c.challenge_id = s.challenge_id`,
      [...CRITERIA.map((c) => c.weight), MAX_SCORE],
    );

    // The past editions' awards, adoptions (2% accepted, then proposed and declined ones), mini-companies (1%) and milestones.
    await client.query(
      `INSERT INTO award (challenge_id, idea_id, title, place, position)
       SELECT ti.challenge_id, ti.id, 'Premio ' || ti.n + 1, ti.n + 1, ti.n FROM ti WHERE ti.e > 0 AND ti.n < 3`,
    );
    await client.query(
      `INSERT INTO adoption (idea_id, company_id, proposed_by_id, message, status, created_at, decided_at)
       SELECT ti.id, ($1::uuid[])[1 + ti.g % cardinality($1::uuid[])], $2, 'Vorremmo adottare la vostra idea.',
              CASE WHEN ti.g % 50 = 0 THEN 'ACCEPTED' WHEN ti.g % 50 = 25 THEN 'PROPOSED' ELSE 'DECLINED' END::adoption_status,
              c.results_published_at + interval '5 days', CASE WHEN ti.g % 50 = 25 THEN NULL ELSE c.results_published_at + (10 + ti.g % 90) * interval '1 day' END
         FROM ti JOIN challenge c ON c.id = ti.challenge_id WHERE ti.e > 0 AND (ti.g % 50 IN (0, 25) OR ti.g % 100 = 10)`,
      [companies, tutor.id],
    );
    await client.query(
      `INSERT INTO mini_company (team_id, idea_id, adoption_id, name, status, founded_at)
       SELECT ti.team_id, ti.id, a.id, 'Mini impresa ' || ti.g, CASE WHEN ti.g % 200 = 0 THEN 'LAUNCHED' ELSE 'ACTIVE' END::mini_company_status, a.decided_at + interval '7 days'
         FROM ti JOIN adoption a ON a.idea_id = ti.id AND a.status = 'ACCEPTED' WHERE ti.g % 100 = 0`,
    );
    await client.query(
      `INSERT INTO milestone (mini_company_id, position, kind, title, due_at, status, submitted_at)
       SELECT mc.id, m.p, m.kind::milestone_kind, m.kind, mc.founded_at + m.p * interval '30 days',
              CASE WHEN m.p < 2 OR mc.status = 'LAUNCHED' THEN 'APPROVED' ELSE 'PLANNED' END::milestone_status,
              CASE WHEN m.p < 2 OR mc.status = 'LAUNCHED' THEN mc.founded_at + m.p * interval '30 days' + (m.p - 1) * interval '3 days' END
         FROM mini_company mc CROSS JOIN unnest(ARRAY['CONCEPT', 'BUSINESS_PLAN', 'MARKET_LAUNCH']) WITH ORDINALITY AS m(kind, p)`,
    );
    const ideaIds = (await q<{ id: string }>(`SELECT id FROM ti WHERE e = 0 ORDER BY n`)).map((r) => r.id);
    const [{ reviews }] = await q<{ reviews: number }>(`SELECT count(*)::int AS reviews FROM review`);
    await client.query('COMMIT');
    await client.query('ANALYZE');
    return {
      promoterId: promoter.id,
      challengeId: editionIds[0],
      ideaIds,
      voterIds,
      reviews,
      from: new Date(Date.now() - (EDITIONS + 1) * 366 * 86_400_000),
      to: new Date(Date.now() + 86_400_000),
    };
  } finally {
    await client.end();
  }
}

/**
 * Signed-in sessions for many users at once, as IdentityService.issueTokens makes them: a refresh family per user (a
 * refresh_token row, its hash only) and an HS256 access token naming the user and the family. Signing 1,000 voters in
 * through the API would spend half a minute of argon2id before anything is measured; every vote still verifies its
 * token and asks whether its family is active, as in production.
 */
async function issueSessions(url: string, userIds: readonly string[], jwtSecret: string): Promise<string[]> {
  const families = userIds.map(() => randomUUID());
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO refresh_token (user_id, family_id, token_hash, expires_at)
       SELECT u, f, h, now() + interval '30 days' FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS x(u, f, h)`,
      [userIds, families, userIds.map(() => createHash('sha256').update(randomBytes(32).toString('base64url')).digest('hex'))],
    );
  } finally {
    await client.end();
  }
  const jwt = new JwtService();
  return Promise.all(userIds.map((sub, i) => jwt.signAsync({ sub, adm: false, sid: families[i] }, { secret: jwtSecret, algorithm: 'HS256', expiresIn: 3600 })));
}

// ------------------------------------------------------------------------------------------------ the baseline (child)

/** A bare node:http server running VotingService's upsert for the voter and idea in the body, one pool like the API's. */
async function serveBaseline(): Promise<void> {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 }); // the API's pool size (data-source.ts)
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { challengeId: string; voterId: string; ideaId: string };
          const { rows } = await pool.query<{ updatedAt: Date }>(VOTE_UPSERT, [body.challengeId, body.voterId, body.ideaId, new Date()]);
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify({ data: { castPublicVote: { updatedAt: rows[0].updatedAt.toISOString() } } }));
        } catch (error) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ errors: [{ message: String(error) }] }));
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.on('message', (message) => {
    if (message === 'stop') server.close(() => void pool.end().finally(() => process.exit(0)));
  });
  process.send!({ port: (server.address() as { port: number }).port });
}

// ------------------------------------------------------------------------------------------------ measuring

/** The resident set of a process from /proc (kB): now, and its peak since the last reset. */
function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Resets the peak resident set (VmHWM) of a process to its current one; false when the kernel refuses. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return memoryOf(pid).hwm <= memoryOf(pid).rss + 1024;
  } catch {
    return false;
  }
}

interface Download {
  ms: number;
  bytes: number;
  lines: number;
  /** Peak resident set growth of the API process during the download, kB. */
  rssGrowthKb: number;
  /** How the growth was read: the kernel's peak (VmHWM after a reset) or VmRSS sampled every 5 ms. */
  method: 'VmHWM' | 'sampled VmRSS';
  head: string;
}

/** GETs `path` from the API and reads the body to its end, watching the API process's memory meanwhile. */
async function download(api: ChildServer, path: string): Promise<Download> {
  const before = memoryOf(api.pid).rss;
  const peakReset = resetPeak(api.pid);
  let sampledPeak = before;
  const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, memoryOf(api.pid).rss)), 5);
  const started = performance.now();
  let bytes = 0;
  let lines = 0;
  let head = '';
  try {
    const response = await fetch(`http://127.0.0.1:${api.port}${path}`);
    if (response.status !== 200 || !response.body) throw new Error(`GET ${path.split('?')[0]} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      if (head.length < 400) head += Buffer.from(chunk).toString('utf8', 0, 400);
      bytes += chunk.length;
      const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      for (let at = buffer.indexOf(10); at !== -1; at = buffer.indexOf(10, at + 1)) lines++;
    }
  } finally {
    clearInterval(sampler);
  }
  const ms = performance.now() - started;
  const after = memoryOf(api.pid);
  sampledPeak = Math.max(sampledPeak, after.rss);
  return {
    ms,
    bytes,
    lines,
    rssGrowthKb: Math.max(0, (peakReset ? after.hwm : sampledPeak) - before),
    method: peakReset ? 'VmHWM' : 'sampled VmRSS',
    head,
  };
}

/** Runs `run` WARM_UPS times, then `runs` times measured; sorted latencies. */
async function timed(runs: number, run: () => Promise<void>): Promise<number[]> {
  for (let i = 0; i < WARM_UPS; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

interface VoteRound {
  votesPerSecond: number;
  p99: number;
  elapsedMs: number;
  /** CPU time per vote (ms) of the server process and of the database's PostgreSQL backends, from /proc. */
  cpuMs?: { server: number; postgres: number };
}

/** CPU time (user + system) of a process so far, ms (/proc/<pid>/stat, clock ticks of 10 ms). */
function cpuTimeMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0; // a backend that ended meanwhile
  }
}

/** POSTs every body through `connections` keep-alive sockets, each request after the previous one on its socket. */
async function voteRound(port: number, path: string, requests: { body: string; token?: string }[], connections: number): Promise<VoteRound> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  const failures: string[] = [];
  const post = (body: string, token?: string) =>
    new Promise<void>((resolve, reject) => {
      const t0 = performance.now();
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            latencies.push(performance.now() - t0);
            const text = Buffer.concat(chunks).toString('utf8');
            const answer = JSON.parse(text) as { data?: { castPublicVote?: { updatedAt?: string } }; errors?: unknown };
            if (res.statusCode !== 200 || !answer.data?.castPublicVote?.updatedAt) failures.push(text.slice(0, 200));
            resolve();
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < requests.length) {
        const request = requests[next++];
        await post(request.body, request.token);
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  agent.destroy();
  if (failures.length > 0) throw new Error(`${failures.length} votes failed, e.g. ${failures[0]}`);
  latencies.sort((a, b) => a - b);
  return { votesPerSecond: (requests.length * 1000) / elapsedMs, p99: percentile(latencies, 99), elapsedMs };
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

// ------------------------------------------------------------------------------------------------ the bench

export async function benchReports(): Promise<BenchResult[]> {
  const name = `climathon_bench_reports_${process.pid}`;
  const url = benchDatabaseUrl(name);
  const prefix = `bench_reports_${process.pid}`;
  await dropDatabase(name);
  const children: ChildServer[] = [];
  try {
    await migrateDatabase({ DATABASE_URL: url });
    const seedStarted = performance.now();
    const data = await seedReports(url);
    process.stderr.write(`  reports: data set of ${EDITIONS} x ${IDEAS} ideas seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s\n`);
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
    const api = await startChildServer(fileURLToPath(new URL('./leaderboard.bench.js', import.meta.url)), ['--serve'], env);
    children.push(api);
    const baseline = await startChildServer(fileURLToPath(import.meta.url), ['--serve-baseline'], env);
    children.push(baseline);

    // The organizer signs up through the API and owns the promoter.
    const signUp = await graphql<{ signUp: { accessToken: string; user: { id: string } } }>(
      api.port,
      `
        mutation ($i: SignUpInput!) {
          signUp(input: $i) {
            accessToken
            user {
              id
            }
          }
        }
      `,
      { i: { email: 'organizzatrice@bench.test', password: 'correct horse battery', displayName: 'Organizzatrice' } },
    );
    if (!signUp.data) throw new Error(`sign-up failed: ${JSON.stringify(signUp.errors)}`);
    const token = signUp.data.signUp.accessToken;
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      await db.query(`INSERT INTO organization_member (organization_id, user_id, role) VALUES ($1, $2, 'OWNER')`, [data.promoterId, signUp.data.signUp.user.id]);
      const ask = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
        const result = await graphql<T>(api.port, query, variables, token);
        if (!result.data || result.errors) throw new Error(`unexpected answer: ${JSON.stringify(result).slice(0, 500)}`);
        return result.data;
      };
      const rows: BenchResult[] = [];
      const sizes = `${IDEAS} ideas, ${IDEAS * REVIEWS_PER_IDEA} reviews, ${JURORS} jurors`;

      // ---- results.csv while judging (the live ranking), through a signed link.
      const csvPath = `/exports/challenges/${data.challengeId}/results.csv`;
      const link = await ask<{ createExportLink: { url: string } }>(`mutation ($p: String!) { createExportLink(path: $p) { url } }`, { p: csvPath });
      const check = (d: Download) => {
        if (d.lines !== IDEAS + 1 || !d.head.startsWith('\uFEFFrank,idea_id,idea,'))
          throw new Error(`unexpected results.csv: ${d.lines} lines, starting ${JSON.stringify(d.head.slice(0, 80))}`);
        return d;
      };
      const cold = check(await download(api, link.createExportLink.url));
      for (let i = 1; i < WARM_UPS; i++) check(await download(api, link.createExportLink.url));
      const downloads: Download[] = [];
      for (let i = 0; i < DOWNLOADS; i++) downloads.push(check(await download(api, link.createExportLink.url)));
      const csvLoad = loadNow();
      const csvTimes = downloads.map((d) => d.ms).sort((a, b) => a - b);
      const csvMedian = percentile(csvTimes, 50);
      const peakGrowthMb = Math.max(...downloads.map((d) => d.rssGrowthKb)) / 1024;
      const csvLabel = `results.csv (JUDGING, live ranking; ${sizes}; ${round(cold.bytes / 1e6, 2)} MB) GET of a signed link, whole body read`;
      rows.push(
        {
          name: `${csvLabel}: median of ${DOWNLOADS} after ${WARM_UPS} warm-ups [load ${csvLoad}]`,
          value: round(csvMedian),
          unit: 'ms',
          goal: `<= ${GOAL_CSV_MS} ms`,
          ok: csvMedian <= GOAL_CSV_MS,
        },
        { name: `${csvLabel}: slowest of ${DOWNLOADS} [load ${csvLoad}]`, value: round(csvTimes[csvTimes.length - 1]), unit: 'ms', goal: 'information', ok: true },
        {
          name: `${csvLabel}: API process peak RSS growth during a download (largest of ${DOWNLOADS}, ${downloads[0].method} from /proc) [load ${csvLoad}]`,
          value: round(peakGrowthMb),
          unit: 'MB',
          goal: `<= ${GOAL_CSV_RSS_MB} MB`,
          ok: peakGrowthMb <= GOAL_CSV_RSS_MB,
        },
        {
          name: `${csvLabel}: the same, first download after start (modules and pools warming up) [load ${csvLoad}]`,
          value: round(cold.rssGrowthKb / 1024),
          unit: 'MB',
          goal: 'information',
          ok: true,
        },
      );

      // ---- Challenge.juryReport.
      const jury = await timed(REPORT_RUNS, async () => {
        const answer = await ask<{ challenge: { juryReport: { reviewCount: number; jurors: unknown[]; disputedIdeas: unknown[] } } }>(JURY_REPORT_QUERY, { id: data.challengeId });
        const report = answer.challenge.juryReport;
        if (report.reviewCount !== IDEAS * REVIEWS_PER_IDEA || report.jurors.length !== JURORS || report.disputedIdeas.length !== 10) {
          throw new Error(`unexpected jury report: ${JSON.stringify(report).slice(0, 300)}`);
        }
      });
      const juryLoad = loadNow();
      const juryLabel = `Challenge.juryReport, organizer (${sizes}, 3 criteria; alpha, leniency of every juror, 10 disputed ideas)`;
      rows.push(
        {
          name: `${juryLabel}: median of ${REPORT_RUNS} [load ${juryLoad}]`,
          value: round(percentile(jury, 50)),
          unit: 'ms',
          goal: `<= ${GOAL_JURY_MS} ms`,
          ok: percentile(jury, 50) <= GOAL_JURY_MS,
        },
        { name: `${juryLabel}: slowest of ${REPORT_RUNS} [load ${juryLoad}]`, value: round(jury[jury.length - 1]), unit: 'ms', goal: 'information', ok: true },
      );

      // ---- impactReport over the 10 editions.
      let groups = '';
      const impact = await timed(REPORT_RUNS, async () => {
        const answer = await ask<{ impactReport: { editions: unknown[]; overall: { ideasSubmitted: number; reviews: number }; byDistrict: unknown[]; bySchool: unknown[] } }>(
          IMPACT_REPORT_QUERY,
          { org: data.promoterId, from: data.from.toISOString(), to: data.to.toISOString() },
        );
        const report = answer.impactReport;
        if (report.editions.length !== EDITIONS || report.overall.reviews !== data.reviews) {
          throw new Error(`unexpected impact report: ${JSON.stringify(report).slice(0, 300)}`);
        }
        groups = `${report.byDistrict.length} districts, ${report.bySchool.length} schools`;
      });
      const impactLoad = loadNow();
      const impactLabel = `impactReport, organizer member (${EDITIONS} editions x ${IDEAS} ideas, ${data.reviews} reviews; overall, ${groups})`;
      rows.push(
        {
          name: `${impactLabel}: median of ${REPORT_RUNS} [load ${impactLoad}]`,
          value: round(percentile(impact, 50)),
          unit: 'ms',
          goal: `<= ${GOAL_IMPACT_MS} ms`,
          ok: percentile(impact, 50) <= GOAL_IMPACT_MS,
        },
        { name: `${impactLabel}: slowest of ${REPORT_RUNS} [load ${impactLoad}]`, value: round(impact[impact.length - 1]), unit: 'ms', goal: 'information', ok: true },
      );

      // ---- Publish the results and open the public vote, through the API.
      await ask(`mutation ($i: PublishResultsInput!) { publishResults(input: $i) { id status } }`, {
        i: { challengeId: data.challengeId, awards: data.ideaIds.slice(0, 3).map((ideaId, i) => ({ ideaId, place: i + 1, title: `Premio ${i + 1}` })) },
      });
      await ask(`mutation ($i: OpenPublicVotingInput!) { openPublicVoting(input: $i) { id } }`, {
        i: { challengeId: data.challengeId, closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString() },
      });

      // results.csv once published (the frozen ranking), for information.
      const frozenDownloads: Download[] = [];
      for (let i = 0; i < WARM_UPS + DOWNLOADS; i++) frozenDownloads.push(check(await download(api, link.createExportLink.url)));
      const frozen = frozenDownloads
        .slice(WARM_UPS)
        .map((d) => d.ms)
        .sort((a, b) => a - b);
      rows.push({
        name: `results.csv (RESULTS_PUBLISHED, frozen ranking; ${sizes}): median of ${DOWNLOADS} [load ${loadNow()}]`,
        value: round(percentile(frozen, 50)),
        unit: 'ms',
        goal: 'information',
        ok: true,
      });

      // ---- Public votes: the API against node:http + pg, the same rows from the same connections.
      const tokens = await issueSessions(url, data.voterIds, jwtSecret);
      const plan = data.voterIds.map((voterId, i) => ({ voterId, ideaId: data.ideaIds[(i * 7919) % data.ideaIds.length] }));
      const apiRequests = plan.map((p, i) => ({ body: JSON.stringify({ operationName: 'Vote', query: VOTE_MUTATION, variables: { idea: p.ideaId } }), token: tokens[i] }));
      const baselineRequests = plan.map((p) => ({ body: JSON.stringify({ challengeId: data.challengeId, voterId: p.voterId, ideaId: p.ideaId }) }));
      const expected = new Map(plan.map((p) => [p.voterId, p.ideaId]));
      // Where the CPU of a round goes: the server's process and the database's backends (only one side is under load at a time).
      const backends = async () =>
        (await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)).rows.map((r) => r.pid);
      const runVotes = async (side: 'api' | 'baseline'): Promise<VoteRound> => {
        await db.query(`DELETE FROM public_vote`);
        const server = side === 'api' ? api : baseline;
        const pids = await backends();
        const before = { server: cpuTimeMs(server.pid), postgres: pids.reduce((sum, pid) => sum + cpuTimeMs(pid), 0) };
        const result =
          side === 'api' ? await voteRound(api.port, '/graphql', apiRequests, VOTE_CONNECTIONS) : await voteRound(baseline.port, '/', baselineRequests, VOTE_CONNECTIONS);
        result.cpuMs = {
          server: (cpuTimeMs(server.pid) - before.server) / plan.length,
          postgres: (pids.reduce((sum, pid) => sum + cpuTimeMs(pid), 0) - before.postgres) / plan.length,
        };
        const stored = (await db.query<{ voter_id: string; idea_id: string }>(`SELECT voter_id, idea_id FROM public_vote WHERE challenge_id = $1`, [data.challengeId])).rows;
        if (stored.length !== plan.length || stored.some((r) => expected.get(r.voter_id) !== r.idea_id)) {
          throw new Error(`${side}: ${stored.length} votes stored for ${plan.length} cast, or not the ideas voted for`);
        }
        return result;
      };
      // Warm both up (JIT, pools, each voter's session cached as after their first request), then take turns.
      await runVotes('api');
      await runVotes('baseline');
      const best = (a: VoteRound | undefined, b: VoteRound) => (a && a.votesPerSecond >= b.votesPerSecond ? a : b);
      let apiVotes: VoteRound | undefined;
      let baselineVotes: VoteRound | undefined;
      for (let r = 0; r < VOTE_ROUNDS; r++) {
        apiVotes = best(apiVotes, await runVotes('api'));
        baselineVotes = best(baselineVotes, await runVotes('baseline'));
      }
      const voteLoad = loadNow();
      if (!apiVotes || !baselineVotes) throw new Error('no vote was measured');
      const ratio = apiVotes.votesPerSecond / baselineVotes.votesPerSecond;
      const voteLabel = `castPublicVote: ${VOTERS} voters, one vote each, from ${VOTE_CONNECTIONS} connections (best of ${VOTE_ROUNDS} rounds, votes emptied before each)`;
      rows.push(
        {
          name: `${voteLabel}: votes/s vs node:http + pg running the same upsert [load ${voteLoad}]`,
          value: round(apiVotes.votesPerSecond),
          unit: 'votes/s',
          baseline: round(baselineVotes.votesPerSecond),
          ratio: round(ratio, 2),
          goal: `>= ${GOAL_VOTE_RATIO} x baseline`,
          ok: ratio >= GOAL_VOTE_RATIO,
        },
        {
          name: `${voteLabel}: p99 latency vs node:http + pg [load ${voteLoad}]`,
          value: round(apiVotes.p99),
          unit: 'ms',
          baseline: round(baselineVotes.p99),
          ratio: round(apiVotes.p99 / Math.max(baselineVotes.p99, 1), 2),
          goal: 'information',
          ok: true,
        },
        {
          name: `${voteLabel}: CPU per vote, server process + PostgreSQL backends (${round(apiVotes.cpuMs!.server, 2)} + ${round(apiVotes.cpuMs!.postgres, 2)} ms vs ${round(baselineVotes.cpuMs!.server, 2)} + ${round(baselineVotes.cpuMs!.postgres, 2)} ms; Redis not counted) [load ${voteLoad}]`,
          value: round(apiVotes.cpuMs!.server + apiVotes.cpuMs!.postgres, 2),
          unit: 'ms',
          baseline: round(baselineVotes.cpuMs!.server + baselineVotes.cpuMs!.postgres, 2),
          ratio: round((baselineVotes.cpuMs!.server + baselineVotes.cpuMs!.postgres) / Math.max(apiVotes.cpuMs!.server + apiVotes.cpuMs!.postgres, 0.01), 2),
          goal: 'information',
          ok: true,
        },
      );
      return rows;
    } finally {
      await db.end();
    }
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await removeRedisKeys(prefix);
    await dropDatabase(name);
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain && process.argv.includes('--serve-baseline')) {
  await serveBaseline();
} else if (isMain) {
  const results = await benchReports();
  console.table(results);
  if (results.some((result) => !result.ok)) process.exitCode = 1;
}
