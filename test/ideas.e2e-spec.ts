import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startApi, type RunningApi } from './helpers/api.js';
import {
  createTeam,
  DAY,
  forceStatus,
  IDEA_FIELDS,
  ideaInput,
  makeAdmin,
  publishedChallenge,
  SAVE_IDEA,
  saveIdea,
  school,
  student,
  SUBMIT_IDEA,
  submitIdea,
  type TestChallenge,
  type TestTeam,
} from './helpers/challenge-factories.js';
import { openDatabase } from './helpers/db.js';
import { addMember, signUp, type TestUser } from './helpers/factories.js';
import { gql, gqlError, gqlOk } from './helpers/graphql.js';
import { startSmtpSink } from './helpers/smtp-sink.js';
import { sleep, waitFor } from './helpers/wait.js';
import { startWorker, type RunningWorker } from './helpers/worker.js';

const GET = `query($id: ID!) { idea(id: $id) { ${IDEA_FIELDS} } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawIdea(ideaId: $id) { id status submittedAt version } }`;
const TEAM_IDEA = `query($id: ID!) { team(id: $id) { id idea { id status } } }`;
const LIST = `query($first: Int, $after: String, $filter: IdeaFilter) {
  ideas(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title status } } }
}`;
const CHALLENGE_IDEAS = `query($id: ID!, $first: Int, $after: String, $filter: IdeaFilter) {
  challenge(id: $id) { ideas(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { node { id title } } } }
}`;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('ideas', () => {
  let api: RunningApi;
  let db: DataSource;
  let admin: TestUser;
  let organizer: TestUser;
  let challenge: TestChallenge;
  let teacher: TestUser;
  let schoolId: string;

  const row = async (id: string) => (await db.query(`SELECT title, version, status, submitted_at FROM idea WHERE id = $1`, [id]))[0];
  const ideaCount = async () => (await db.query(`SELECT count(*)::int AS n FROM idea`))[0].n as number;
  /** A team of the teacher's school in `c` with `students` students. */
  const newTeam = async (c: TestChallenge, students = 1, coach = teacher, school = schoolId): Promise<{ team: TestTeam; students: TestUser[] }> => {
    const team = await createTeam(api.url, coach, { challengeId: c.id, schoolId: school });
    const list = [];
    for (let i = 0; i < students; i++) list.push(await student(api.url, team.joinCode));
    return { team, students: list };
  };
  const ids = (data: any) => data.edges.map((e: any) => e.node.id);

  beforeAll(async () => {
    api = await startApi();
    db = await openDatabase();
    admin = await makeAdmin(api.url, db, await signUp(api.url, { label: 'admin' }));
    ({ organizer, challenge } = await publishedChallenge(api.url));
    ({ teacher, schoolId } = await school(api.url, { name: 'ITIS Belluzzi', district: 'Pianura Est' }));
  });
  afterAll(async () => {
    await api.close();
    await db.destroy();
  });

  describe('saveIdea', () => {
    it("creates the team's idea at version 1 and lets any member update it, each save incrementing the version", async () => {
      const { team, students } = await newTeam(challenge, 2);
      const input = ideaInput(team.id, challenge.themes[0]!.id, { title: '  Borracce per tutti ', tags: ['plastica', 'acqua', 'plastica'] });
      const created = (await gqlOk(api.url, SAVE_IDEA, { input }, students[0]!.token)).saveIdea;
      expect(created).toMatchObject({
        title: 'Borracce per tutti',
        status: 'DRAFT',
        version: 1,
        submittedAt: null,
        tags: ['plastica', 'acqua'],
        impact: 'Diecimila bottiglie in meno ogni anno.',
        challenge: { id: challenge.id },
        theme: { id: challenge.themes[0]!.id, name: 'Mobilità sostenibile' },
        team: { id: team.id },
      });
      const second = await saveIdea(api.url, students[1]!, { ...input, themeId: challenge.themes[1]!.id, impact: null, tags: [] });
      expect(second).toMatchObject({ id: created.id, version: 2 });
      const third = (await gqlOk(api.url, SAVE_IDEA, { input: { ...input, title: 'Terza versione', expectedVersion: 2 } }, teacher.token)).saveIdea;
      expect(third).toMatchObject({ id: created.id, version: 3, title: 'Terza versione', theme: { name: 'Mobilità sostenibile' } });
      expect(new Date(third.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(created.updatedAt).getTime());
      expect((await gqlOk(api.url, SAVE_IDEA, { input: { ...input, impact: '' } }, teacher.token)).saveIdea).toMatchObject({ impact: null, version: 4 });
    });

    it('refuses a stale expectedVersion with CONFLICT and changes nothing', async () => {
      const { team, students } = await newTeam(challenge);
      const input = ideaInput(team.id, challenge.themes[0]!.id);
      const idea = await saveIdea(api.url, students[0]!, { ...input, expectedVersion: 0 }); // 0: "I expect no idea yet"
      await saveIdea(api.url, students[0]!, input);
      expect((await gqlError(api.url, SAVE_IDEA, { input: { ...input, title: 'Sovrascrivo', expectedVersion: 1 } }, teacher.token)).code).toBe('CONFLICT');
      expect((await gqlError(api.url, SAVE_IDEA, { input: { ...input, title: 'Sovrascrivo', expectedVersion: 0 } }, teacher.token)).code).toBe('CONFLICT');
      expect(await row(idea.id)).toMatchObject({ title: 'Borracce per tutti', version: 2 });
      // Creating with a version other than 0 is stale too.
      const other = await newTeam(challenge);
      expect((await gqlError(api.url, SAVE_IDEA, { input: { ...ideaInput(other.team.id, challenge.themes[0]!.id), expectedVersion: 3 } }, teacher.token)).code).toBe('CONFLICT');
      expect((await db.query(`SELECT count(*)::int AS n FROM idea WHERE team_id = $1`, [other.team.id]))[0].n).toBe(0);
      expect(await gqlError(api.url, SAVE_IDEA, { input: { ...input, expectedVersion: -1 } }, teacher.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expectedVersion' });
    });

    it('lets exactly one of two saves with the same expectedVersion win', async () => {
      const { team, students } = await newTeam(challenge);
      const input = ideaInput(team.id, challenge.themes[0]!.id);
      const idea = await saveIdea(api.url, students[0]!, input);
      for (let round = 0; round < 5; round++) {
        const version = (await row(idea.id)).version as number;
        const results = await Promise.all(
          [students[0]!, teacher].map((u, i) => gql(api.url, SAVE_IDEA, { input: { ...input, title: `Round ${round} by ${i}`, expectedVersion: version } }, u.token)),
        );
        const winners = results.filter((r) => !r.errors?.length);
        expect(winners).toHaveLength(1);
        expect(results.find((r) => r.errors?.length)!.errors![0]!.extensions?.code).toBe('CONFLICT');
        expect(await row(idea.id)).toMatchObject({ version: version + 1, title: winners[0]!.data.saveIdea.title });
      }
    });

    it('creates one idea when the first two saves of a team race', async () => {
      const { team, students } = await newTeam(challenge);
      const input = ideaInput(team.id, challenge.themes[0]!.id);
      const results = await Promise.all([students[0]!, teacher].map((u) => gqlOk(api.url, SAVE_IDEA, { input }, u.token)));
      expect(results[0].saveIdea.id).toBe(results[1].saveIdea.id);
      expect(results.map((r) => r.saveIdea.version).sort()).toEqual([1, 2]);
    });

    const invalid: [string, Record<string, unknown>][] = [
      ['title', { title: 'ab' }],
      ['title', { title: 't'.repeat(121) }],
      ['summary', { summary: ' ' }],
      ['summary', { summary: 's'.repeat(501) }],
      ['problem', { problem: '' }],
      ['problem', { problem: 'p'.repeat(5001) }],
      ['solution', { solution: '' }],
      ['solution', { solution: 's'.repeat(5001) }],
      ['impact', { impact: 'i'.repeat(5001) }],
      ['tags', { tags: Array.from({ length: 11 }, (_, i) => `tag${i}`) }],
      ['tags', { tags: ['ok', ''] }],
      ['tags', { tags: ['t'.repeat(31)] }],
      ['themeId', { themeId: UNKNOWN }],
      ['themeId', { themeId: 'nope' }],
    ];
    it.each(invalid)('refuses an invalid %s with BAD_USER_INPUT and stores nothing', async (field, override) => {
      const { team } = await newTeam(challenge, 0);
      const before = await ideaCount();
      expect(await gqlError(api.url, SAVE_IDEA, { input: ideaInput(team.id, challenge.themes[0]!.id, override) }, teacher.token)).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await ideaCount()).toBe(before);
    });

    it('accepts the boundaries: title 3 and 120, 10 tags of 30, impact 5000', async () => {
      const { team } = await newTeam(challenge, 0);
      await saveIdea(
        api.url,
        teacher,
        ideaInput(team.id, challenge.themes[0]!.id, { title: 'abc', tags: Array.from({ length: 10 }, (_, i) => `${i}`.padEnd(30, 'x')), impact: 'i'.repeat(5000) }),
      );
      await saveIdea(
        api.url,
        teacher,
        ideaInput(team.id, challenge.themes[0]!.id, { title: 't'.repeat(120), summary: 's'.repeat(500), problem: 'p'.repeat(5000), solution: 's'.repeat(5000) }),
      );
    });

    it('refuses a theme of another challenge', async () => {
      const other = await publishedChallenge(api.url);
      const { team } = await newTeam(challenge, 0);
      expect(await gqlError(api.url, SAVE_IDEA, { input: ideaInput(team.id, other.challenge.themes[0]!.id) }, teacher.token)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'themeId',
      });
    });

    it('answers FORBIDDEN to non-members (organizers included), NOT_FOUND for unknown teams, UNAUTHENTICATED anonymously', async () => {
      const { team } = await newTeam(challenge, 0);
      const outsider = await signUp(api.url, { label: 'outsider' });
      const input = ideaInput(team.id, challenge.themes[0]!.id);
      expect((await gqlError(api.url, SAVE_IDEA, { input }, outsider.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, SAVE_IDEA, { input }, organizer.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, SAVE_IDEA, { input: { ...input, teamId: UNKNOWN } }, teacher.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, SAVE_IDEA, { input: { ...input, teamId: 'x' } }, teacher.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, SAVE_IDEA, { input })).code).toBe('UNAUTHENTICATED');
      expect((await db.query(`SELECT count(*)::int AS n FROM idea WHERE team_id = $1`, [team.id]))[0].n).toBe(0);
    });

    it('is FAILED_PRECONDITION before submissionOpensAt, from submissionClosesAt on, and once judging started', async () => {
      const run = await publishedChallenge(api.url, {}, new Date());
      const { team } = await newTeam(run.challenge, 0);
      const [{ submission_opens_at: opens, submission_closes_at: closes }] = await db.query(`SELECT submission_opens_at, submission_closes_at FROM challenge WHERE id = $1`, [
        run.challenge.id,
      ]);
      const input = ideaInput(team.id, run.challenge.themes[0]!.id);
      const realNow = api.clock.now();
      try {
        api.clock.set(new Date(new Date(opens).getTime() - 1));
        expect((await gqlError(api.url, SAVE_IDEA, { input }, teacher.token)).code).toBe('FAILED_PRECONDITION');
        api.clock.set(new Date(opens));
        const idea = await saveIdea(api.url, teacher, input);
        api.clock.set(new Date(new Date(closes).getTime() - 1));
        await saveIdea(api.url, teacher, input);
        api.clock.set(new Date(closes));
        expect((await gqlError(api.url, SAVE_IDEA, { input: { ...input, title: 'Troppo tardi' } }, teacher.token)).code).toBe('FAILED_PRECONDITION');
        expect(await row(idea.id)).toMatchObject({ version: 2, title: 'Borracce per tutti' });
      } finally {
        api.clock.set(realNow);
      }
      await forceStatus(db, run.challenge.id, 'JUDGING');
      expect((await gqlError(api.url, SAVE_IDEA, { input }, teacher.token)).code).toBe('FAILED_PRECONDITION');
    });
  });

  describe('submitIdea and withdrawIdea', () => {
    it('lets the coach submit (DRAFT -> SUBMITTED, submittedAt from the clock); saving keeps it SUBMITTED', async () => {
      const { team, students } = await newTeam(challenge);
      const idea = await saveIdea(api.url, students[0]!, ideaInput(team.id, challenge.themes[0]!.id));
      expect((await gqlError(api.url, SUBMIT_IDEA, { id: idea.id }, students[0]!.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, SUBMIT_IDEA, { id: idea.id }, organizer.token)).code).toBe('FORBIDDEN');
      const submitted = (await gqlOk(api.url, SUBMIT_IDEA, { id: idea.id }, teacher.token)).submitIdea;
      expect(submitted).toMatchObject({ status: 'SUBMITTED', submittedAt: api.clock.now().toISOString(), version: 1 });
      expect((await gqlError(api.url, SUBMIT_IDEA, { id: idea.id }, teacher.token)).code).toBe('FAILED_PRECONDITION');
      const saved = await saveIdea(api.url, students[0]!, ideaInput(team.id, challenge.themes[0]!.id, { title: 'Dopo invio' }));
      expect(saved).toMatchObject({ status: 'SUBMITTED', version: 2 });
    });

    it("lets an open hackathon's captain submit and withdraw", async () => {
      const run = await publishedChallenge(api.url, { format: 'OPEN_HACKATHON' });
      const captain = await signUp(api.url, { label: 'captain' });
      const team = await createTeam(api.url, captain, { challengeId: run.challenge.id });
      const member = await student(api.url, team.joinCode);
      const idea = await saveIdea(api.url, member, ideaInput(team.id, run.challenge.themes[0]!.id));
      expect((await gqlError(api.url, SUBMIT_IDEA, { id: idea.id }, member.token)).code).toBe('FORBIDDEN');
      await submitIdea(api.url, captain, idea.id);
      expect((await gqlError(api.url, WITHDRAW, { id: idea.id }, member.token)).code).toBe('FORBIDDEN');
      expect((await gqlOk(api.url, WITHDRAW, { id: idea.id }, captain.token)).withdrawIdea).toMatchObject({ status: 'WITHDRAWN', submittedAt: null });
      expect((await gqlOk(api.url, SUBMIT_IDEA, { id: idea.id }, captain.token)).submitIdea.status).toBe('SUBMITTED');
    });

    it('hides the idea from outsiders (NOT_FOUND) and answers UNAUTHENTICATED anonymously', async () => {
      const { team } = await newTeam(challenge, 0);
      const idea = await saveIdea(api.url, teacher, ideaInput(team.id, challenge.themes[0]!.id));
      const outsider = await signUp(api.url, { label: 'outsider' });
      expect((await gqlError(api.url, SUBMIT_IDEA, { id: idea.id }, outsider.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, WITHDRAW, { id: idea.id }, outsider.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, SUBMIT_IDEA, { id: UNKNOWN }, teacher.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, SUBMIT_IDEA, { id: 'bad' }, teacher.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, SUBMIT_IDEA, { id: idea.id })).code).toBe('UNAUTHENTICATED');
      expect((await row(idea.id)).status).toBe('DRAFT');
    });

    it('submits only inside the window', async () => {
      const run = await publishedChallenge(api.url);
      const { team } = await newTeam(run.challenge, 0);
      const idea = await saveIdea(api.url, teacher, ideaInput(team.id, run.challenge.themes[0]!.id));
      const realNow = api.clock.now();
      try {
        api.clock.advance(8 * DAY);
        expect((await gqlError(api.url, SUBMIT_IDEA, { id: idea.id }, teacher.token)).code).toBe('FAILED_PRECONDITION');
        api.clock.set(new Date(realNow.getTime() - 2 * 3600_000));
        expect((await gqlError(api.url, SUBMIT_IDEA, { id: idea.id }, teacher.token)).code).toBe('FAILED_PRECONDITION');
      } finally {
        api.clock.set(realNow);
      }
      expect((await row(idea.id)).status).toBe('DRAFT');
    });

    it('withdraws a SUBMITTED idea while PUBLISHED (even after the deadline), never a DRAFT, never once judging started', async () => {
      const run = await publishedChallenge(api.url);
      const { team, students } = await newTeam(run.challenge);
      const idea = await saveIdea(api.url, teacher, ideaInput(team.id, run.challenge.themes[0]!.id));
      expect((await gqlError(api.url, WITHDRAW, { id: idea.id }, teacher.token)).code).toBe('FAILED_PRECONDITION');
      await submitIdea(api.url, teacher, idea.id);
      expect((await gqlError(api.url, WITHDRAW, { id: idea.id }, students[0]!.token)).code).toBe('FORBIDDEN');
      const realNow = api.clock.now();
      try {
        api.clock.advance(8 * DAY);
        expect((await gqlOk(api.url, WITHDRAW, { id: idea.id }, teacher.token)).withdrawIdea.status).toBe('WITHDRAWN');
      } finally {
        api.clock.set(realNow);
      }
      await submitIdea(api.url, teacher, idea.id);
      await forceStatus(db, run.challenge.id, 'JUDGING');
      expect((await gqlError(api.url, WITHDRAW, { id: idea.id }, teacher.token)).code).toBe('FAILED_PRECONDITION');
      expect((await row(idea.id)).status).toBe('SUBMITTED');
    });
  });

  describe('who sees an idea', () => {
    it('shows it to its team, the organizers and admins; NOT_FOUND to others until results are published, then only if SUBMITTED', async () => {
      const run = await publishedChallenge(api.url);
      const a = await newTeam(run.challenge);
      const b = await newTeam(run.challenge);
      const submitted = await saveIdea(api.url, teacher, ideaInput(a.team.id, run.challenge.themes[0]!.id));
      await submitIdea(api.url, teacher, submitted.id);
      const draft = await saveIdea(api.url, teacher, ideaInput(b.team.id, run.challenge.themes[0]!.id));
      const outsider = await signUp(api.url, { label: 'outsider' });
      const sees = async (id: string, token?: string) => !(await gql(api.url, GET, { id }, token)).errors?.length;

      expect(await sees(submitted.id, a.students[0]!.token)).toBe(true);
      expect(await sees(submitted.id, teacher.token)).toBe(true);
      expect(await sees(submitted.id, run.organizer.token)).toBe(true);
      expect(await sees(submitted.id, admin.token)).toBe(true);
      expect((await gqlError(api.url, GET, { id: submitted.id }, b.students[0]!.token)).code).toBe('NOT_FOUND'); // student of another team
      expect((await gqlError(api.url, GET, { id: submitted.id }, outsider.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, GET, { id: submitted.id })).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, GET, { id: UNKNOWN }, admin.token)).code).toBe('NOT_FOUND');
      expect((await gqlOk(api.url, TEAM_IDEA, { id: a.team.id }, outsider.token)).team.idea).toBeNull();
      expect((await gqlOk(api.url, TEAM_IDEA, { id: a.team.id }, a.students[0]!.token)).team.idea).toEqual({ id: submitted.id, status: 'SUBMITTED' });

      await forceStatus(db, run.challenge.id, 'JUDGING');
      expect(await sees(submitted.id)).toBe(false);
      for (const status of ['RESULTS_PUBLISHED', 'CLOSED'] as const) {
        await forceStatus(db, run.challenge.id, status);
        expect(await sees(submitted.id)).toBe(true);
        expect(await sees(submitted.id, outsider.token)).toBe(true);
        expect(await sees(submitted.id, b.students[0]!.token)).toBe(true);
        expect(await sees(draft.id, outsider.token)).toBe(false);
        expect(await sees(draft.id)).toBe(false);
        expect(await sees(draft.id, b.students[0]!.token)).toBe(true);
        expect((await gqlOk(api.url, TEAM_IDEA, { id: a.team.id })).team.idea).toEqual({ id: submitted.id, status: 'SUBMITTED' });
      }
    });
  });

  describe('ideas lists', () => {
    /** A challenge with results published and, per idea spec, a team of one of two schools with that idea. */
    let run: Awaited<ReturnType<typeof publishedChallenge>>;
    let westSchool: { teacher: TestUser; schoolId: string };
    const created: Record<string, string> = {};
    const specs = [
      { key: 'bottiglia', school: 'east', theme: 0, submit: true, idea: { title: 'La bottiglia che torna', summary: 'Vuoto a rendere nelle mense.', tags: ['riuso'] } },
      {
        key: 'recycling',
        school: 'east',
        theme: 1,
        submit: true,
        idea: { title: 'Recycling rewards', summary: 'Students recycled cans for points.', problem: 'Waste.', solution: 'An app.', impact: null, tags: ['app'] },
      },
      {
        key: 'bici',
        school: 'west',
        theme: 0,
        submit: true,
        idea: { title: 'Bici in comune', summary: 'Biciclette condivise tra scuole.', problem: 'Traffico.', solution: 'Rastrelliere.', impact: null, tags: ['mobilità'] },
      },
      {
        key: 'orti',
        school: 'west',
        theme: 1,
        submit: false,
        idea: { title: 'Orti sui tetti', summary: 'Verde in città.', problem: 'Caldo.', solution: 'Orti.', impact: null, tags: ['verde'] },
      },
      {
        key: 'borracce',
        school: 'west',
        theme: 1,
        submit: true,
        idea: { title: 'Borracce', summary: 'Niente plastica.', problem: 'Troppe bottiglie di plastica.', solution: 'Borracce.', impact: null, tags: ['plastica'] },
      },
    ];

    beforeAll(async () => {
      run = await publishedChallenge(api.url);
      westSchool = await school(api.url, { name: 'Liceo Righi', district: 'Appennino' });
      for (const spec of specs) {
        const coach = spec.school === 'east' ? teacher : westSchool.teacher;
        const team = await createTeam(api.url, coach, { challengeId: run.challenge.id, schoolId: spec.school === 'east' ? schoolId : westSchool.schoolId });
        const idea = await saveIdea(api.url, coach, ideaInput(team.id, run.challenge.themes[spec.theme]!.id, spec.idea));
        if (spec.submit) await submitIdea(api.url, coach, idea.id);
        created[spec.key] = idea.id;
      }
      await forceStatus(db, run.challenge.id, 'RESULTS_PUBLISHED');
    });

    const list = async (filter: Record<string, unknown>, token?: string, first = 100, after?: string) =>
      (await gqlOk(api.url, LIST, { first, after, filter: { challengeId: run.challenge.id, ...filter } }, token)).ideas;
    const keys = (data: any) => ids(data).map((id: string) => Object.keys(created).find((k) => created[k] === id));

    it('lists only what the viewer may see, newest first', async () => {
      expect(keys(await list({}))).toEqual(['borracce', 'bici', 'recycling', 'bottiglia']);
      expect((await list({})).totalCount).toBe(4);
      expect(keys(await list({}, westSchool.teacher.token))).toEqual(['borracce', 'orti', 'bici', 'recycling', 'bottiglia']);
      expect(keys(await list({}, run.organizer.token))).toHaveLength(5);
      expect((await list({}, admin.token)).totalCount).toBe(5);
    });

    it('filters by theme, status, school, district and adoption, combined with AND', async () => {
      const org = run.organizer.token;
      expect(keys(await list({ themeId: run.challenge.themes[0]!.id }, org))).toEqual(['bici', 'bottiglia']);
      expect(keys(await list({ status: 'DRAFT' }, org))).toEqual(['orti']);
      expect(keys(await list({ status: 'SUBMITTED', themeId: run.challenge.themes[1]!.id }, org))).toEqual(['borracce', 'recycling']);
      expect(keys(await list({ schoolId: westSchool.schoolId }, org))).toEqual(['borracce', 'orti', 'bici']);
      expect(keys(await list({ district: 'pianura est' }, org))).toEqual(['recycling', 'bottiglia']);
      expect(keys(await list({ district: 'Appennino', status: 'SUBMITTED', themeId: run.challenge.themes[0]!.id }, org))).toEqual(['bici']);
      expect(keys(await list({ district: 'Nowhere' }, org))).toEqual([]);
      // No adoption is accepted yet: adopted:false is everything, adopted:true nothing.
      expect((await list({ adopted: false }, org)).totalCount).toBe(5);
      expect((await list({ adopted: true }, org)).totalCount).toBe(0);
      expect((await list({ schoolId: 'bad' }, org)).totalCount).toBe(0);
      expect((await list({ themeId: UNKNOWN }, org)).totalCount).toBe(0);
      expect((await gqlOk(api.url, LIST, { filter: { challengeId: 'x' } })).ideas.totalCount).toBe(0);
    });

    it('searches in Italian and English with stemming, by relevance', async () => {
      // Italian stems: 'bottiglie' finds 'bottiglia' (in the title, ranked first) and 'bottiglie' in a problem.
      expect(keys(await list({ search: 'bottiglie' }))).toEqual(['bottiglia', 'borracce']);
      expect(keys(await list({ search: 'biciclette' }))).toEqual(['bici']);
      // English stems: 'recycle' finds 'Recycling' and 'recycled'.
      expect(keys(await list({ search: 'recycle' }))).toEqual(['recycling']);
      expect(keys(await list({ search: 'rewarding' }))).toEqual(['recycling']);
      // Tags are searched too; filters still apply; hidden ideas stay hidden.
      expect(keys(await list({ search: 'verde' }))).toEqual([]);
      expect(keys(await list({ search: 'verde' }, run.organizer.token))).toEqual(['orti']);
      expect(keys(await list({ search: 'bottiglie', schoolId: westSchool.schoolId }))).toEqual(['borracce']);
      expect((await list({ search: 'bottiglie' })).totalCount).toBe(2);
      expect(keys(await list({ search: 'nessuna corrispondenza qui' }))).toEqual([]);
      expect(keys(await list({ search: '   ' }))).toHaveLength(4);
      expect(await gqlError(api.url, LIST, { filter: { search: 'x'.repeat(201) } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
    });

    it('pages with keyset cursors, also when searching', async () => {
      const p1 = await list({}, undefined, 3);
      expect(p1).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
      const p2 = await list({}, undefined, 3, p1.pageInfo.endCursor);
      expect([...keys(p1), ...keys(p2)]).toEqual(['borracce', 'bici', 'recycling', 'bottiglia']);
      expect(p2.pageInfo.hasNextPage).toBe(false);
      const s1 = await list({ search: 'bottiglie' }, undefined, 1);
      const s2 = await list({ search: 'bottiglie' }, undefined, 1, s1.pageInfo.endCursor);
      expect([...keys(s1), ...keys(s2)]).toEqual(['bottiglia', 'borracce']);
      expect(s2.pageInfo.hasNextPage).toBe(false);
      // A cursor of one ordering is not one of the other.
      expect(await gqlError(api.url, LIST, { filter: { search: 'bottiglie' }, after: p1.pageInfo.endCursor })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      expect(await gqlError(api.url, LIST, { after: s1.pageInfo.endCursor })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      expect(await gqlError(api.url, LIST, { first: 0 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      expect(await gqlError(api.url, LIST, { first: 101 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    });

    it("lists a challenge's ideas through Challenge.ideas with the same filters", async () => {
      const data = (await gqlOk(api.url, CHALLENGE_IDEAS, { id: run.challenge.id, filter: { search: 'bottiglie' } })).challenge.ideas;
      expect(keys(data)).toEqual(['bottiglia', 'borracce']);
      const other = (await gqlOk(api.url, CHALLENGE_IDEAS, { id: run.challenge.id, filter: { challengeId: challenge.id } })).challenge.ideas;
      expect(other.totalCount).toBe(0);
      expect((await gqlOk(api.url, CHALLENGE_IDEAS, { id: run.challenge.id, first: 2 }, run.organizer.token)).challenge.ideas).toMatchObject({
        totalCount: 5,
        pageInfo: { hasNextPage: true },
      });
    });

    it('lists across challenges only the ideas the viewer may see', async () => {
      const { team, students } = await newTeam(challenge);
      const mine = await saveIdea(api.url, students[0]!, ideaInput(team.id, challenge.themes[0]!.id));
      const all = (await gqlOk(api.url, LIST, { first: 100 }, students[0]!.token)).ideas;
      const visible = new Set(ids(all));
      expect(visible.has(mine.id)).toBe(true);
      expect(visible.has(created.orti!)).toBe(false);
      expect(visible.has(created.bici!)).toBe(true);
      // Nothing the student may not see: every listed idea is their own or a submitted idea with published results.
      const rows: { id: string; team_id: string; status: string; cstatus: string }[] = await db.query(
        `SELECT i.id, i.team_id, i.status, c.status AS cstatus FROM idea i JOIN challenge c ON c.id = i.challenge_id WHERE i.id = ANY($1::uuid[])`,
        [[...visible]],
      );
      for (const r of rows) expect(r.team_id === team.id || (r.status === 'SUBMITTED' && ['RESULTS_PUBLISHED', 'CLOSED'].includes(r.cstatus))).toBe(true);
    });
  });

  describe('query count', () => {
    it('runs the same number of SQL statements for ideas(first: 10) and ideas(first: 100) with team, school and theme', async () => {
      const run = await publishedChallenge(api.url);
      const schools = [];
      for (let i = 0; i < 5; i++) schools.push((await school(api.url, { name: `Scuola ${i}`, district: `Distretto ${i}` })).schoolId);
      // 120 teams with ideas, written directly: the point here is reading them.
      await db.query(
        `WITH t AS (
           INSERT INTO team (challenge_id, name, school_id, join_code)
           SELECT $1, 'Team ' || g, ($2::uuid[])[1 + g % 5], 'QC' || md5(random()::text || g) FROM generate_series(1, 120) g
           RETURNING id, name
         )
         INSERT INTO idea (team_id, challenge_id, theme_id, title, summary, problem, solution)
         SELECT t.id, $1, ($3::uuid[])[1 + (row_number() OVER ()) % 2], 'Idea of ' || t.name, 's', 'p', 's' FROM t`,
        [run.challenge.id, schools, run.challenge.themes.map((t) => t.id)],
      );
      const apiDataSource = api.app.get(DataSource);
      const statements: string[] = [];
      const logger = apiDataSource.logger;
      const original = logger.logQuery.bind(logger);
      logger.logQuery = (query, parameters, queryRunner) => {
        statements.push(query);
        original(query, parameters, queryRunner);
      };
      const QUERY = `query($first: Int, $filter: IdeaFilter) { ideas(first: $first, filter: $filter) { totalCount edges { node { id title team { name school { name district } } theme { name } } } } }`;
      const run1 = async (first: number) => {
        statements.length = 0;
        const data = (await gqlOk(api.url, QUERY, { first, filter: { challengeId: run.challenge.id } }, run.organizer.token)).ideas;
        expect(data.edges).toHaveLength(first);
        expect(data.edges.every((e: any) => e.node.team.school.district.startsWith('Distretto') && e.node.theme.name)).toBe(true);
        return [...statements];
      };
      try {
        const ten = await run1(10);
        const hundred = await run1(100);
        expect(hundred.length).toBe(ten.length);
        expect(ten.length).toBeLessThanOrEqual(8);
      } finally {
        logger.logQuery = original;
      }
    });
  });

  describe('IDEA_SUBMITTED', () => {
    let worker: RunningWorker;
    let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
    beforeAll(async () => {
      smtp = await startSmtpSink();
      process.env.SMTP_URL = smtp.url;
      worker = await startWorker();
    });
    afterAll(async () => {
      await worker.close();
      await smtp.close();
    });

    it('tells the whole team (every role), and nobody else', async () => {
      const coTeacher = await signUp(api.url, { label: 'co', locale: 'en' });
      await addMember(api.url, teacher, schoolId, coTeacher);
      const team = await createTeam(api.url, coTeacher, { challengeId: challenge.id, schoolId, name: 'Gli Ecologisti' });
      const pupil = await student(api.url, team.joinCode);
      const idea = await saveIdea(api.url, pupil, ideaInput(team.id, challenge.themes[0]!.id, { title: 'Compost in classe' }));
      await submitIdea(api.url, coTeacher, idea.id);
      const MY = `{ myNotifications(first: 50) { edges { node { kind title body subjectId } } } }`;
      const ofKind = async (user: TestUser) =>
        (await gqlOk(api.url, MY, {}, user.token)).myNotifications.edges.map((e: any) => e.node).filter((n: any) => n.kind === 'IDEA_SUBMITTED');
      const forPupil = await waitFor(
        async () => {
          const l = await ofKind(pupil);
          return l.length > 0 && l;
        },
        { what: 'IDEA_SUBMITTED for the student' },
      );
      expect(forPupil).toEqual([
        {
          kind: 'IDEA_SUBMITTED',
          title: 'Idea inviata: Compost in classe',
          body: 'La squadra Gli Ecologisti ha inviato l’idea «Compost in classe» alla sfida «Climathon Scuole Bologna».',
          subjectId: idea.id,
        },
      ]);
      const forCoach = await waitFor(
        async () => {
          const l = await ofKind(coTeacher);
          return l.length > 0 && l;
        },
        { what: 'IDEA_SUBMITTED for the coach' },
      );
      expect(forCoach[0].title).toBe('Idea submitted: Compost in classe');
      await waitFor(() => smtp.messages.find((m) => m.to.includes(pupil.email) && m.headers['x-notification-kind'] === 'IDEA_SUBMITTED'), { what: 'email' });
      await sleep(500);
      const aboutIdea = async (user: TestUser) => (await ofKind(user)).filter((n: any) => n.subjectId === idea.id);
      expect(await aboutIdea(organizer)).toEqual([]);
      expect(await aboutIdea(teacher)).toEqual([]); // a teacher of the school, not of this team
      expect(await aboutIdea(pupil)).toHaveLength(1);
      expect(await aboutIdea(coTeacher)).toHaveLength(1);
    });
  });
});
