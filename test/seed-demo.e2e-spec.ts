import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { startApi, type RunningApi } from './helpers/api.js';
import { createTeam, ideaInput, publishedChallenge, saveIdea, school, student } from './helpers/challenge-factories.js';
import { openDatabase } from './helpers/db.js';
import { signUp } from './helpers/factories.js';
import { gqlOk } from './helpers/graphql.js';

const run = promisify(execFile);

/** The built script (npm test builds first), against the run's database, as `npm run seed:demo [-- --reset]` runs it. */
async function seed(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['dist/scripts/seed-demo.js', ...args], { env: { ...process.env }, timeout: 240_000 });
  return stdout;
}

// ------------------------------------------------------------------------------------------------ the printed guide

interface Entry {
  phase: number;
  role: string;
  login: string;
  code?: string;
  try: string;
  url: string;
}
interface Phase {
  number: number;
  name: string;
  title: string;
  status: string;
  entries: Entry[];
}

/** Reads the guide as scripts/seed-demo-guide.ts formats it (header, then three lines per login). */
function parseGuide(out: string): { password: string; phases: Phase[] } {
  const password = /^Password di tutti gli account demo: (\S+)$/m.exec(out)?.[1];
  if (!password) throw new Error(`No password in:\n${out}`);
  const phases: Phase[] = [];
  const lines = out.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const header = /^(\d+) · (.+?) — «(.+)» \((.+)\)$/.exec(lines[i]);
    if (header) {
      phases.push({ number: Number(header[1]), name: header[2], title: header[3], status: header[4], entries: [] });
      continue;
    }
    const entry = /^ {2}(\S.*?)\s{2,}(\S+)(?: {2}codice (\S+))?$/.exec(lines[i]);
    if (entry) {
      const tryLine = /^ {6}prova {2}(.+)$/.exec(lines[i + 1] ?? '');
      const urlLine = /^ {6}apri {3}(\S+)$/.exec(lines[i + 2] ?? '');
      if (!tryLine || !urlLine) throw new Error(`Malformed entry at line ${i}:\n${lines.slice(i, i + 3).join('\n')}`);
      phases.at(-1)!.entries.push({ phase: phases.at(-1)!.number, role: entry[1], login: entry[2], code: entry[3], try: tryLine[1], url: urlLine[1] });
      i += 2;
    }
  }
  return { password, phases };
}

/** The id after `segment` in a page's URL (e.g. "ideas" in http://localhost:3000/ideas/<id>). */
function idIn(url: string, segment: string): string {
  const id = new RegExp(`/${segment}/([0-9a-f-]{36})(?:/|$)`).exec(url)?.[1];
  if (!id) throw new Error(`No ${segment} id in ${url}`);
  return id;
}

// ------------------------------------------------------------------------------------------------ database snapshots

/** Every table's rows as JSON (TypeORM's bookkeeping aside). */
async function dump(db: DataSource): Promise<Map<string, Record<string, unknown>[]>> {
  const tables: { name: string }[] = await db.query(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT IN ('schema_migration', 'typeorm_metadata') ORDER BY tablename`,
  );
  const result = new Map<string, Record<string, unknown>[]>();
  for (const { name } of tables)
    result.set(
      name,
      (await db.query(`SELECT to_jsonb(t) AS row FROM "${name}" t`)).map((r: { row: Record<string, unknown> }) => r.row),
    );
  return result;
}

/** Columns a rebuild legitimately changes: ids and references, timestamps, JSON payloads (they carry ids), random secrets and codes. */
const RANDOM_COLUMNS = ['join_code', 'password_hash', 'token_hash', 'code_hash', 'username', 'slug', 'event_id', 'job_id', 'search_vector'];
async function volatileColumns(db: DataSource): Promise<Set<string>> {
  const rows: { key: string }[] = await db.query(
    `SELECT table_name || '.' || column_name AS key FROM information_schema.columns
      WHERE table_schema = current_schema() AND (data_type IN ('uuid', 'jsonb', 'timestamp with time zone', 'timestamp without time zone') OR column_name = ANY($1))`,
    [RANDOM_COLUMNS],
  );
  return new Set(rows.map((r) => r.key));
}

/**
 * Per table, its rows without the volatile columns, sorted: equal when two databases hold the same rows but for ids and
 * times. Scores are compared to 9 decimals (z-scores summed in another order differ in the last bits).
 */
function fingerprint(tables: Map<string, Record<string, unknown>[]>, volatile: Set<string>): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  const value = (v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(9)) : v);
  for (const [table, rows] of tables) {
    result[table] = rows
      .map((row) =>
        JSON.stringify(
          Object.entries(row)
            .filter(([column]) => !volatile.has(`${table}.${column}`))
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([column, v]) => [column, value(v)]),
        ),
      )
      .sort();
  }
  return result;
}

const counts = (tables: Map<string, unknown[]>) => Object.fromEntries([...tables].map(([table, rows]) => [table, rows.length]));

describe('npm run seed:demo', () => {
  let db: DataSource;
  let api: RunningApi;
  let first: string;
  let guide: ReturnType<typeof parseGuide>;
  let afterFirst: Map<string, Record<string, unknown>[]>;

  const phase = (n: number) => guide.phases.find((p) => p.number === n)!;
  const entry = (n: number, role: string) => {
    const found = phase(n).entries.find((e) => e.role.startsWith(role));
    if (!found) throw new Error(`No "${role}" in phase ${n}: ${JSON.stringify(phase(n).entries.map((e) => e.role))}`);
    return found;
  };
  const tokens = new Map<string, string>();
  /** Signs in as the printed login: email and the shared password, or a roster student's username and code. */
  async function signIn(e: Entry): Promise<string> {
    const known = tokens.get(e.login);
    if (known) return known;
    const token = e.code
      ? (await gqlOk(api.url, `mutation($u: String!, $c: String!) { signInWithCode(username: $u, code: $c) { accessToken } }`, { u: e.login, c: e.code })).signInWithCode
          .accessToken
      : (await gqlOk(api.url, `mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }`, { i: { email: e.login, password: guide.password } })).signIn.accessToken;
    tokens.set(e.login, token);
    return token;
  }

  beforeAll(async () => {
    db = await openDatabase();
    first = await seed();
    guide = parseGuide(first);
    afterFirst = await dump(db);
    api = await startApi();
  }, 300_000);

  afterAll(async () => {
    await api?.close();
    await db?.destroy();
  });

  it('prints one section per phase, each with logins, something to try and a page under the public address', () => {
    expect(first).toMatch(/^Demo pronta: una edizione per fase, \d+ righe create\./);
    expect(guide.phases.map((p) => [p.number, p.status])).toEqual([
      [1, 'pubblicata'],
      [2, 'in valutazione'],
      [3, 'risultati pubblicati'],
      [4, 'chiusa'],
      [5, 'pubblicata'],
      [6, 'chiusa'],
    ]);
    for (const p of guide.phases) {
      expect(p.entries.length).toBeGreaterThanOrEqual(2);
      for (const e of p.entries) {
        expect(e.url).toMatch(/^http:\/\/localhost:3000\//);
        expect(e.try.length).toBeGreaterThan(10);
      }
    }
    // The roster class: every student with a code.
    const roster = phase(5).entries.filter((e) => e.code);
    expect(roster).toHaveLength(4);
    expect(roster.every((e) => !e.login.includes('@'))).toBe(true);
  });

  it('builds the current edition in Italian with the shape of the brief', async () => {
    const challengeId = idIn(entry(1, 'chi organizza').url, 'challenges');
    const { challenge } = await gqlOk(api.url, `query($id: ID!) { challenge(id: $id) { status format themes { name description } criteria { name weight } } }`, {
      id: challengeId,
    });
    expect(challenge.status).toBe('PUBLISHED');
    expect(challenge.format).toBe('SCHOOL_CLIMATHON');
    expect(challenge.themes.map((t: { name: string }) => t.name)).toEqual(['Acqua', 'Spreco alimentare', 'Mobilità']);
    expect(challenge.themes.every((t: { description: string | null }) => (t.description ?? '').length > 10)).toBe(true);
    expect(challenge.criteria).toEqual([
      { name: 'Impatto ambientale', weight: 3 },
      { name: 'Fattibilità', weight: 2 },
      { name: 'Originalità', weight: 1 },
    ]);
    const [schools] = await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT district)::int AS districts FROM organization WHERE kind = 'SCHOOL' AND id IN (SELECT school_id FROM team WHERE challenge_id = $1)`,
      [challengeId],
    );
    expect(schools).toEqual({ n: 6, districts: 2 });
    const teams: { n: number; roster: number }[] = await db.query(
      `SELECT count(*) FILTER (WHERE tm.role = 'STUDENT')::int AS n, count(r.user_id)::int AS roster
         FROM team t JOIN team_member tm ON tm.team_id = t.id LEFT JOIN roster_student r ON r.user_id = tm.user_id WHERE t.challenge_id = $1 GROUP BY t.id`,
      [challengeId],
    );
    // Ten classes with email accounts, and the roster class.
    expect(teams).toHaveLength(11);
    expect(teams.every((t) => t.n >= 3 && t.n <= 5)).toBe(true);
    expect(teams.filter((t) => t.roster > 0)).toEqual([{ n: 4, roster: 4 }]);
    const [ideas] = await db.query(
      `SELECT count(*) FILTER (WHERE status = 'SUBMITTED')::int AS submitted, count(*) FILTER (WHERE status = 'DRAFT')::int AS drafts FROM idea WHERE challenge_id = $1`,
      [challengeId],
    );
    expect(ideas).toEqual({ submitted: 8, drafts: 3 });
    const [jurors] = await db.query(`SELECT count(*)::int AS n FROM juror WHERE challenge_id = $1`, [challengeId]);
    expect(jurors.n).toBe(2);
    // Through the services: the outbox holds the events of joins and submissions of every edition.
    const [events] = await db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE type IN ('team.member_joined', 'idea.submitted')`);
    expect(events.n).toBeGreaterThanOrEqual(40 + 8 + 3 * (12 + 4));
  });

  it('says so and changes nothing when run a second time, printing the same guide without the codes', async () => {
    const second = await seed();
    expect(second).toMatch(/^Demo già presente: nulla da creare\./);
    expect(fingerprint(await dump(db), new Set())).toEqual(fingerprint(afterFirst, new Set()));
    const again = parseGuide(second);
    // The roster students' lines differ only by their code (and what the guide says about it).
    const withoutCodes = (g: typeof guide) => g.phases.map((p) => ({ ...p, entries: p.entries.map((e) => ({ ...e, code: undefined, try: e.login.includes('@') ? e.try : '' })) }));
    expect(withoutCodes(again)).toEqual(withoutCodes(guide));
    expect(again.phases.flatMap((p) => p.entries).some((e) => e.code)).toBe(false);
  }, 300_000);

  it('walks the phases: every printed login signs in and sees what its phase is about', async () => {
    for (const e of guide.phases.flatMap((p) => p.entries)) expect(await signIn(e)).toEqual(expect.any(String));

    // 1 · submissions open: the student edits the draft, the coach sees it and may submit it.
    const student = entry(1, 'membro della squadra');
    const draftId = idIn(student.url, 'ideas');
    const IDEA = `query($id: ID!) { idea(id: $id) { status version title challenge { status submissionClosesAt } } }`;
    const draft = (await gqlOk(api.url, IDEA, { id: draftId }, await signIn(student))).idea;
    expect(draft).toMatchObject({ status: 'DRAFT', challenge: { status: 'PUBLISHED' } });
    expect(new Date(draft.challenge.submissionClosesAt).getTime()).toBeGreaterThan(Date.now());
    const { teamId, themeId } = (await db.query(`SELECT team_id AS "teamId", theme_id AS "themeId" FROM idea WHERE id = $1`, [draftId]))[0];
    const saved = await gqlOk(
      api.url,
      `mutation($input: SaveIdeaInput!) { saveIdea(input: $input) { status version title } }`,
      { input: { ...ideaInput(teamId, themeId, { title: `${draft.title} (rivista)` }), expectedVersion: draft.version } },
      await signIn(student),
    );
    expect(saved.saveIdea).toMatchObject({ status: 'DRAFT', version: draft.version + 1 });
    expect((await gqlOk(api.url, IDEA, { id: draftId }, await signIn(entry(1, 'docente coach')))).idea.status).toBe('DRAFT');

    // 2 · judging: each juror has assignments still to review, as the guide counts them; the organizer follows.
    const judgingId = idIn(entry(2, 'in giuria').url, 'challenges');
    const ASSIGNMENTS = `query($c: ID!, $s: AssignmentStatus) { myAssignments(challengeId: $c, status: $s) { id status idea { id title team { id } } } }`;
    for (const juror of phase(2).entries.filter((e) => e.role.startsWith('in giuria'))) {
      const token = await signIn(juror);
      const pending = (await gqlOk(api.url, ASSIGNMENTS, { c: judgingId, s: 'PENDING' }, token)).myAssignments;
      const submitted = (await gqlOk(api.url, ASSIGNMENTS, { c: judgingId, s: 'SUBMITTED' }, token)).myAssignments;
      expect(pending.length).toBeGreaterThan(0);
      // Blind judging: the juror never sees the team.
      expect(pending.every((a: { idea: { team: unknown } }) => a.idea.team === null)).toBe(true);
      expect(juror.try).toContain(`${pending.length} idee da valutare`);
      if (submitted.length > 0) expect(juror.try).toContain(`${submitted.length} valutazioni inviate`);
    }
    const [firstJuror, secondJuror] = phase(2).entries.filter((e) => e.role.startsWith('in giuria'));
    expect((await gqlOk(api.url, ASSIGNMENTS, { c: judgingId, s: 'SUBMITTED' }, await signIn(firstJuror))).myAssignments).toHaveLength(0);
    expect((await gqlOk(api.url, ASSIGNMENTS, { c: judgingId, s: 'SUBMITTED' }, await signIn(secondJuror))).myAssignments.length).toBeGreaterThan(0);
    const progress = await gqlOk(
      api.url,
      `query($id: ID!) { challenge(id: $id) { status leaderboard { rank reviewCount } } }`,
      { id: idIn(entry(2, 'chi organizza').url, 'challenges') },
      await signIn(entry(2, 'chi organizza')),
    );
    expect(progress.challenge.status).toBe('JUDGING');
    expect(progress.challenge.leaderboard.some((l: { reviewCount: number }) => l.reviewCount > 0)).toBe(true);

    // 3 · results published: the leaderboard is public; the sponsor sees the published ideas and its open proposal; the coach may answer it.
    const resultsId = idIn(entry(3, 'chi organizza').url, 'challenges');
    const board = await gqlOk(api.url, `query($id: ID!) { challenge(id: $id) { status leaderboard { rank idea { id } } awards { title } } }`, { id: resultsId });
    expect(board.challenge.status).toBe('RESULTS_PUBLISHED');
    expect(board.challenge.leaderboard.length).toBeGreaterThan(0);
    expect(board.challenge.leaderboard[0].rank).toBe(1);
    expect(board.challenge.awards.length).toBeGreaterThan(0);
    const sponsor = await signIn(entry(3, 'impresa madrina'));
    const published = await gqlOk(api.url, `query($id: ID!) { challenge(id: $id) { ideas(first: 50) { edges { node { id status } } } } }`, { id: resultsId }, sponsor);
    expect(published.challenge.ideas.edges.length).toBe(board.challenge.leaderboard.length);
    expect(published.challenge.ideas.edges.every((e: { node: { status: string } }) => e.node.status === 'SUBMITTED')).toBe(true);
    const [company] = (await gqlOk(api.url, `query { myOrganizations(kind: COMPANY) { id } }`, {}, sponsor)).myOrganizations;
    const proposals = (
      await gqlOk(
        api.url,
        `query($c: ID!) { companyAdoptions(companyId: $c, status: PROPOSED) { id status idea { id challenge { id } adoptionProposals { status } } } }`,
        { c: company.id },
        sponsor,
      )
    ).companyAdoptions;
    expect(proposals).toHaveLength(1);
    expect(proposals[0].idea.challenge.id).toBe(resultsId);
    expect(proposals[0].idea.adoptionProposals).toEqual([{ status: 'PROPOSED' }]);
    const coachTeam = await gqlOk(
      api.url,
      `query($id: ID!) { team(id: $id) { idea { id adoptionProposals { status } } } }`,
      { id: idIn(entry(3, 'docente coach').url, 'teams') },
      await signIn(entry(3, 'docente coach')),
    );
    expect(coachTeam.team.idea).toEqual({ id: proposals[0].idea.id, adoptionProposals: [{ status: 'PROPOSED' }] });

    // 4 · the mini-company, half-way: some milestones approved, the others still ahead (one waiting for its review).
    const MINI = `query($id: ID!) { miniCompany(id: $id) { status progress milestones { kind status } team { tutors { id } } } }`;
    for (const role of ['membro della squadra', 'tutor aziendale', 'docente coach']) {
      const e = entry(4, role);
      const { miniCompany } = await gqlOk(api.url, MINI, { id: idIn(e.url, 'mini-companies') }, await signIn(e));
      const statuses = miniCompany.milestones.map((m: { status: string }) => m.status);
      expect(statuses.filter((s: string) => s === 'APPROVED').length).toBeGreaterThan(0);
      expect(statuses.filter((s: string) => s !== 'APPROVED').length).toBeGreaterThan(0);
      expect(statuses).toContain('SUBMITTED');
      expect(miniCompany.progress).toBeGreaterThan(0);
      expect(miniCompany.progress).toBeLessThan(1);
      expect(miniCompany.team.tutors).toHaveLength(1);
    }

    // 5 · the roster class: each printed code signs its student in (no email), into the class of the coach's page.
    const rosterTeamId = idIn(entry(5, 'docente coach').url, 'teams');
    for (const e of phase(5).entries.filter((x) => x.code)) {
      const mine = await gqlOk(api.url, `query { me { email username } myTeams { id } }`, {}, await signIn(e));
      expect(mine.me).toEqual({ email: null, username: e.login });
      expect(mine.myTeams.map((t: { id: string }) => t.id)).toEqual([rosterTeamId]);
    }
    const coached = await gqlOk(api.url, `query($id: ID!) { team(id: $id) { members { role } } }`, { id: rosterTeamId }, await signIn(entry(5, 'docente coach')));
    expect(coached.team.members.filter((m: { role: string }) => m.role === 'STUDENT')).toHaveLength(4);

    // 6 · last year's edition, closed; the admin.
    const past = await gqlOk(api.url, `query($id: ID!) { challenge(id: $id) { status } }`, { id: idIn(entry(6, 'chi organizza').url, 'challenges') });
    expect(past.challenge.status).toBe('CLOSED');
    expect((await gqlOk(api.url, `query { me { isAdmin } }`, {}, await signIn(entry(6, 'amministrazione')))).me.isAdmin).toBe(true);
  });

  it('gives the promoter an impact report worth looking at: every edition, last year judged, adopted and closed', async () => {
    const organizer = await signIn(entry(1, 'chi organizza'));
    const [promoter] = await db.query(`SELECT id FROM organization WHERE kind = 'PROMOTER' AND name = 'Camera di Commercio di Trento'`);
    const now = Date.now();
    const { impactReport } = await gqlOk(
      api.url,
      `query($org: ID!, $from: DateTime!, $to: DateTime!) { impactReport(organizerId: $org, from: $from, to: $to) {
         editions { status } overall { schools classes students ideasSubmitted reviews awards adoptionsProposed adoptionsAccepted daysToFirstAdoption miniCompaniesFounded miniCompaniesLaunched milestonesApprovedOnTime milestonesApprovedLate }
         byDistrict { district } bySchool { school { name } } } }`,
      { org: promoter.id, from: new Date(now - 2 * 365 * 86_400_000).toISOString(), to: new Date(now + 86_400_000).toISOString() },
      organizer,
    );
    expect(impactReport.editions.map((e: { status: string }) => e.status).sort()).toEqual(['CLOSED', 'CLOSED', 'JUDGING', 'PUBLISHED', 'RESULTS_PUBLISHED']);
    expect(impactReport.overall).toMatchObject({
      schools: 6,
      // Last year: two proposals, one accepted; the mini-company edition: one accepted; the results edition: one open.
      adoptionsProposed: 4,
      adoptionsAccepted: 2,
      daysToFirstAdoption: 12,
      miniCompaniesFounded: 2,
      miniCompaniesLaunched: 1,
      milestonesApprovedLate: 1,
    });
    expect(impactReport.overall.reviews).toBeGreaterThan(0);
    expect(impactReport.overall.awards).toBeGreaterThan(0);
    expect(impactReport.overall.milestonesApprovedOnTime).toBeGreaterThan(0);
    expect(impactReport.byDistrict.map((d: { district: string }) => d.district)).toEqual(['Rovereto', 'Trento']);
    expect(impactReport.bySchool).toHaveLength(6);
  });

  it('says so and changes nothing when only part of the demo is there (an older seed, an interrupted run)', async () => {
    await db.query(`DELETE FROM mini_company WHERE name = 'Sole in Cattedra Impresa Studentesca'`);
    const before = await dump(db);
    const out = await seed();
    expect(out).toContain('non tutta la demo');
    expect(out).toContain('npm run seed:demo -- --reset');
    expect(fingerprint(await dump(db), new Set())).toEqual(fingerprint(before, new Set()));
  }, 300_000);

  it('--reset removes exactly the demo and builds it again: twice gives the same rows, and everyone else’s rows stay', async () => {
    // Someone else's edition in the same database: a promoter, a school, a class, an idea.
    const other = await publishedChallenge(api.url, { title: 'Climathon Scuole Bologna' });
    const { teacher, schoolId } = await school(api.url, { name: 'ITIS Aldini Valeriani' });
    const team = await createTeam(api.url, teacher, { challengeId: other.challenge.id, schoolId, name: 'I Riciclatori' });
    const pupil = await student(api.url, team.joinCode);
    const idea = await saveIdea(api.url, pupil, ideaInput(team.id, other.challenge.themes[0].id));
    const otherIds = [other.organizer.id, other.promoterId, other.challenge.id, teacher.id, schoolId, team.id, pupil.id, idea.id];
    // And someone who joined a demo class: their account stays, their seat in the demo's class goes with it.
    const visitor = await signUp(api.url, { label: 'visitor' });
    const [demoTeam] = await db.query(`SELECT t.id, t.join_code AS "joinCode" FROM team t WHERE t.challenge_id = $1 AND t.name = 'Zero Avanzi'`, [
      idIn(entry(1, 'chi organizza').url, 'challenges'),
    ]);
    await gqlOk(api.url, `mutation($code: String!) { joinTeam(joinCode: $code) { id } }`, { code: demoTeam.joinCode }, visitor.token);

    const before = await dump(db);
    const mentionsOther = (row: Record<string, unknown>) => {
      const text = JSON.stringify(row);
      return otherIds.some((id) => text.includes(id)) && !text.includes(visitor.id);
    };
    const othersRows = [...before].flatMap(([table, rows]) => rows.filter(mentionsOther).map((row) => `${table} ${JSON.stringify(row)}`));
    expect(othersRows.length).toBeGreaterThanOrEqual(12);
    const demoUsersBefore = new Set<string>((await db.query(`SELECT id FROM app_user WHERE email LIKE '%@climathon.test'`)).map((r: { id: string }) => r.id));

    const out1 = await seed('--reset');
    expect(out1).toMatch(/^Demo precedente rimossa \(\d+ righe\)\.\nDemo pronta/);
    const once = await dump(db);
    const out2 = await seed('--reset');
    const twice = await dump(db);

    // The same rows, table by table, but for ids, times and random codes.
    const volatile = await volatileColumns(db);
    expect(counts(twice)).toEqual(counts(once));
    expect(fingerprint(twice, volatile)).toEqual(fingerprint(once, volatile));
    // The demo was rebuilt (new accounts, new codes), not left in place; the printed counts agree.
    const demoUsersAfter = (await db.query(`SELECT id FROM app_user WHERE email LIKE '%@climathon.test'`)).map((r: { id: string }) => r.id);
    expect(demoUsersAfter.length).toBe(demoUsersBefore.size);
    expect(demoUsersAfter.some((id: string) => demoUsersBefore.has(id))).toBe(false);
    expect(/rimossa \((\d+) righe\)/.exec(out2)?.[1]).toBe(/(\d+) righe create/.exec(out1)?.[1]);
    expect(parseGuide(out2).phases.flatMap((p) => p.entries.filter((e) => e.code))).toHaveLength(4);

    // Everyone else's rows are all there, unchanged, after both resets.
    for (const state of [once, twice]) {
      const rows = new Set([...state].flatMap(([table, list]) => list.map((row) => `${table} ${JSON.stringify(row)}`)));
      expect(othersRows.filter((row) => !rows.has(row))).toEqual([]);
    }
    // The visitor's account stays; only their membership of the demo's class went with the class.
    const [visitorRow] = await db.query(`SELECT email FROM app_user WHERE id = $1`, [visitor.id]);
    expect(visitorRow.email).toBe(visitor.email);
    expect(await db.query(`SELECT team_id FROM team_member WHERE user_id = $1`, [visitor.id])).toEqual([]);
    await gqlOk(api.url, `query { me { id } }`, {}, visitor.token);
  }, 600_000);
});
