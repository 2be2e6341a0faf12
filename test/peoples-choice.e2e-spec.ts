import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource, type DataSource as DataSourceType } from 'typeorm';
import { ManualClock } from '#platform/clock/clock.js';
import { ReminderScheduler } from '../apps/worker/src/reminders/reminder-scheduler.service.js';
import { submittedIdea } from './helpers/adoption-factories.js';
import { startApi, type RunningApi } from './helpers/api.js';
import { createTeam, forceStatus, HOUR, makeAdmin, publishedChallenge } from './helpers/challenge-factories.js';
import { openDatabase } from './helpers/db.js';
import { signUp, type TestUser } from './helpers/factories.js';
import { gql, gqlError, gqlOk } from './helpers/graphql.js';
import { startSmtpSink } from './helpers/smtp-sink.js';
import { waitFor } from './helpers/wait.js';
import { startWorker, type RunningWorker } from './helpers/worker.js';
import { CAST_VOTE, CLOSE_VOTING, OPEN_VOTING, openVoting, vote, VOTING_VIEW, votingEdition, type VotingEdition } from './helpers/voting-factories.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const MINUTE = 60_000;
const ACCEPT_DPA = `mutation($org: ID!) { acceptDataProcessingAgreement(organizationId: $org, version: "2026-01") { version } }`;
const ADD_STUDENTS = `mutation($team: ID!) { addStudents(teamId: $team, students: [{ displayName: "Giulia R." }], guardianConsentConfirmed: true) { students { username code } } }`;
const SIGN_IN_CODE = `mutation($u: String!, $c: String!) { signInWithCode(username: $u, code: $c) { accessToken user { id } } }`;

/**
 * People's choice (docs/rules.md "Reports, exports and public voting", issue 14.4): the window organizers open once results
 * are published, one vote per user and challenge (by the database, also under 50 concurrent votes), never for one's own
 * team, changeable until closing, counts hidden until `closesAt`, and PEOPLES_CHOICE_PUBLISHED to every team, delivered
 * by the real worker (its own reconciliation closes the vote once the test's clock passes `closesAt`).
 */
describe("people's choice", () => {
  const clock = new ManualClock(new Date());
  let api: RunningApi;
  let worker: RunningWorker;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let db: DataSourceType;
  let admin: TestUser;
  const previousReconcile = process.env.REMINDER_RECONCILE_MS;

  const window = async (challengeId: string) =>
    (
      await db.query(`SELECT public_voting_opens_at AS opens, public_voting_closes_at AS closes, peoples_choice_published_at AS published FROM challenge WHERE id = $1`, [
        challengeId,
      ])
    )[0] as {
      opens: Date | null;
      closes: Date | null;
      published: Date | null;
    };
  const votes = (challengeId: string): Promise<{ voter_id: string; idea_id: string }[]> =>
    db.query(`SELECT voter_id, idea_id FROM public_vote WHERE challenge_id = $1 ORDER BY voter_id`, [challengeId]);
  const view = async (challengeId: string, user?: TestUser) => (await gqlOk(api.url, VOTING_VIEW, { id: challengeId }, user?.token)).challenge;
  const inHours = (h: number) => new Date(clock.now().getTime() + h * HOUR);

  beforeAll(async () => {
    smtp = await startSmtpSink();
    process.env.SMTP_URL = smtp.url;
    // The worker's own reconciliation (every second here) closes votes whose `closesAt` the test's clock passed.
    process.env.REMINDER_RECONCILE_MS = '1000';
    api = await startApi({ clock });
    worker = await startWorker({ clock });
    db = await openDatabase();
    admin = await makeAdmin(api.url, db, await signUp(api.url, { label: 'admin' }));
  });
  afterAll(async () => {
    if (previousReconcile === undefined) delete process.env.REMINDER_RECONCILE_MS;
    else process.env.REMINDER_RECONCILE_MS = previousReconcile;
    await worker?.close();
    await api?.close();
    await smtp?.close();
    await db?.destroy();
  });

  describe('openPublicVoting', () => {
    it('opens once results are published, validates the window and changes nothing when refused', async () => {
      const run = await publishedChallenge(api.url, {}, clock.now());
      const input = (o: Record<string, unknown>) => ({ input: { challengeId: run.challenge.id, closesAt: inHours(48).toISOString(), ...o } });
      // Still PUBLISHED: not yet.
      expect((await gqlError(api.url, OPEN_VOTING, input({}), run.organizer.token)).code).toBe('FAILED_PRECONDITION');
      await forceStatus(db, run.challenge.id, 'RESULTS_PUBLISHED');
      expect(await gqlError(api.url, OPEN_VOTING, input({ opensAt: inHours(-1).toISOString() }), run.organizer.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'opensAt' });
      expect(await gqlError(api.url, OPEN_VOTING, input({ opensAt: inHours(5).toISOString(), closesAt: inHours(5).toISOString() }), run.organizer.token)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'closesAt',
      });
      expect(await gqlError(api.url, OPEN_VOTING, input({ closesAt: inHours(-2).toISOString() }), run.organizer.token)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'closesAt',
      });
      expect(await gqlError(api.url, OPEN_VOTING, input({ closesAt: inHours(400 * 24).toISOString() }), run.organizer.token)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'closesAt',
      });
      const outsider = await signUp(api.url, { label: 'outsider' });
      expect((await gqlError(api.url, OPEN_VOTING, input({}), outsider.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, OPEN_VOTING, input({}))).code).toBe('UNAUTHENTICATED');
      expect((await gqlError(api.url, OPEN_VOTING, input({ challengeId: UNKNOWN }), run.organizer.token)).code).toBe('NOT_FOUND');
      expect(await window(run.challenge.id)).toEqual({ opens: null, closes: null, published: null });
      expect((await view(run.challenge.id)).publicVoting).toBeNull();

      // Opening without opensAt opens at once; the public sees the window.
      const closesAt = inHours(48);
      const opened = (await gqlOk(api.url, OPEN_VOTING, input({ closesAt: closesAt.toISOString() }), run.organizer.token)).openPublicVoting;
      expect(opened.publicVoting).toEqual({ opensAt: clock.now().toISOString(), closesAt: closesAt.toISOString(), status: 'OPEN' });
      expect((await view(run.challenge.id)).publicVoting.status).toBe('OPEN');
      // An open vote keeps its opening; its closing may move.
      expect(await gqlError(api.url, OPEN_VOTING, input({ opensAt: inHours(1).toISOString() }), run.organizer.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'opensAt' });
      const later = inHours(72);
      expect((await gqlOk(api.url, OPEN_VOTING, input({ closesAt: later.toISOString() }), run.organizer.token)).openPublicVoting.publicVoting.closesAt).toBe(later.toISOString());
    });

    it('accepts votes only inside the window: not before it opens, not after it closes', async () => {
      const run = await votingEdition(api.url, db, clock.now(), 2);
      const voter = await signUp(api.url, { label: 'voter' });
      const [a, b] = run.teams;
      await openVoting(api.url, run.organizer, run.challenge.id, { opensAt: inHours(1), closesAt: inHours(3) });
      expect((await view(run.challenge.id)).publicVoting.status).toBe('SCHEDULED');
      expect((await gqlError(api.url, CAST_VOTE, { ideaId: a!.ideaId }, voter.token)).code).toBe('FAILED_PRECONDITION');
      expect(await votes(run.challenge.id)).toEqual([]);
      // closePublicVoting needs an open vote.
      expect((await gqlError(api.url, CLOSE_VOTING, { id: run.challenge.id }, run.organizer.token)).code).toBe('FAILED_PRECONDITION');

      clock.advance(HOUR + MINUTE);
      await vote(api.url, voter, a!.ideaId);
      expect(await votes(run.challenge.id)).toEqual([{ voter_id: voter.id, idea_id: a!.ideaId }]);

      clock.advance(2 * HOUR);
      expect((await view(run.challenge.id)).publicVoting.status).toBe('CLOSED');
      expect((await gqlError(api.url, CAST_VOTE, { ideaId: b!.ideaId }, voter.token)).code).toBe('FAILED_PRECONDITION');
      expect(await votes(run.challenge.id)).toEqual([{ voter_id: voter.id, idea_id: a!.ideaId }]);
      // A closed vote cannot be reopened or moved.
      expect((await gqlError(api.url, OPEN_VOTING, { input: { challengeId: run.challenge.id, closesAt: inHours(24).toISOString() } }, run.organizer.token)).code).toBe(
        'FAILED_PRECONDITION',
      );
    });
  });

  describe('castPublicVote', () => {
    let run: VotingEdition;
    let rosterStudent: { id: string; token: string };

    beforeAll(async () => {
      // A class with roster students (no email) takes part too: its team has no idea.
      const base = await publishedChallenge(api.url, { title: 'Climathon Voto' }, clock.now());
      const teams = [await submittedIdea(api.url, base), await submittedIdea(api.url, base), await submittedIdea(api.url, base, { submit: false })];
      const s = teams[0]!;
      const rosterTeam = await createTeam(api.url, s.lead, { challengeId: base.challenge.id, schoolId: await schoolOf(s.team.id), name: '2C' });
      await gqlOk(api.url, ACCEPT_DPA, { org: await schoolOf(s.team.id) }, s.lead.token);
      const sheet = (await gqlOk(api.url, ADD_STUDENTS, { team: rosterTeam.id }, s.lead.token)).addStudents.students[0];
      const signedIn = (await gqlOk(api.url, SIGN_IN_CODE, { u: sheet.username, c: sheet.code })).signInWithCode;
      rosterStudent = { id: signedIn.user.id, token: signedIn.accessToken };
      await forceStatus(db, base.challenge.id, 'RESULTS_PUBLISHED');
      run = { ...base, teams };
      await openVoting(api.url, run.organizer, run.challenge.id, { closesAt: inHours(24 * 30) });
    });

    async function schoolOf(teamId: string): Promise<string> {
      return (await db.query(`SELECT school_id FROM team WHERE id = $1`, [teamId]))[0].school_id;
    }

    it("refuses a vote for one's own team (every role), without a verified email, and for hidden or unsubmitted ideas, storing nothing", async () => {
      const [a, b, draft] = run.teams;
      const before = await votes(run.challenge.id);
      for (const member of [a!.lead, a!.student]) expect((await gqlError(api.url, CAST_VOTE, { ideaId: a!.ideaId }, member.token)).code).toBe('FORBIDDEN');
      const unverified = await signUp(api.url, { label: 'unverified', unverified: true });
      expect((await gqlError(api.url, CAST_VOTE, { ideaId: a!.ideaId }, unverified.token)).code).toBe('FORBIDDEN');
      // A draft idea is hidden from the public (NOT_FOUND, as an unknown id), and not votable for its organizers either.
      const outsider = await signUp(api.url, { label: 'outsider' });
      expect(await gqlError(api.url, CAST_VOTE, { ideaId: draft!.ideaId }, outsider.token)).toMatchObject({
        code: 'NOT_FOUND',
        message: (await gqlError(api.url, CAST_VOTE, { ideaId: UNKNOWN }, outsider.token)).message,
      });
      expect((await gqlError(api.url, CAST_VOTE, { ideaId: 'not-an-id' }, outsider.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, CAST_VOTE, { ideaId: draft!.ideaId }, run.organizer.token)).code).toBe('FAILED_PRECONDITION');
      expect((await gqlError(api.url, CAST_VOTE, { ideaId: b!.ideaId })).code).toBe('UNAUTHENTICATED');
      expect(await votes(run.challenge.id)).toEqual(before);

      // The coach of team A may vote for team B; a roster student (no email) votes too.
      await vote(api.url, a!.lead, b!.ideaId);
      await gqlOk(api.url, CAST_VOTE, { ideaId: a!.ideaId }, rosterStudent.token);
      expect(await votes(run.challenge.id)).toEqual(
        [
          { voter_id: a!.lead.id, idea_id: b!.ideaId },
          { voter_id: rosterStudent.id, idea_id: a!.ideaId },
        ].sort((x, y) => (x.voter_id < y.voter_id ? -1 : 1)),
      );
    });

    it('lets the voter change their vote until closing: one vote per challenge, shown as theirs', async () => {
      const [a, b] = run.teams;
      const voter = await signUp(api.url, { label: 'changer' });
      const first = (await gqlOk(api.url, CAST_VOTE, { ideaId: a!.ideaId }, voter.token)).castPublicVote;
      expect(first).toMatchObject({ idea: { id: a!.ideaId }, challenge: { id: run.challenge.id } });
      clock.advance(MINUTE);
      const second = (await gqlOk(api.url, CAST_VOTE, { ideaId: b!.ideaId }, voter.token)).castPublicVote;
      expect(new Date(second.updatedAt).getTime()).toBeGreaterThan(new Date(first.updatedAt).getTime());
      const mine = (await votes(run.challenge.id)).filter((v) => v.voter_id === voter.id);
      expect(mine).toEqual([{ voter_id: voter.id, idea_id: b!.ideaId }]);
      expect((await view(run.challenge.id, voter)).myPublicVote).toEqual({ idea: { id: b!.ideaId } });
      expect((await view(run.challenge.id)).myPublicVote).toBeNull();
    });

    it('keeps the vote where it was when a move is refused (own team, draft, unknown idea)', async () => {
      const [a, b, draft] = run.teams;
      const voter = a!.student;
      await gqlOk(api.url, CAST_VOTE, { ideaId: b!.ideaId }, voter.token);
      const before = (await db.query(`SELECT idea_id, updated_at FROM public_vote WHERE voter_id = $1`, [voter.id])) as { idea_id: string; updated_at: Date }[];
      expect(before.map((v) => v.idea_id)).toEqual([b!.ideaId]);
      clock.advance(MINUTE);
      expect((await gqlError(api.url, CAST_VOTE, { ideaId: a!.ideaId }, voter.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, CAST_VOTE, { ideaId: draft!.ideaId }, voter.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, CAST_VOTE, { ideaId: UNKNOWN }, voter.token)).code).toBe('NOT_FOUND');
      expect(await db.query(`SELECT idea_id, updated_at FROM public_vote WHERE voter_id = $1`, [voter.id])).toEqual(before);
    });

    it('keeps one vote when one user casts 50 votes at once', async () => {
      const [a, b] = run.teams;
      const voter = await signUp(api.url, { label: 'racer' });
      const ideas = [a!.ideaId, b!.ideaId];
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => gql(api.url, CAST_VOTE, { ideaId: ideas[i % 2] }, voter.token)));
      expect(answers.filter((r) => r.errors?.length).map((r) => r.errors)).toEqual([]);
      const mine = (await votes(run.challenge.id)).filter((v) => v.voter_id === voter.id);
      expect(mine).toHaveLength(1);
      expect(ideas).toContain(mine[0]!.idea_id);
      expect((await db.query(`SELECT count(*)::int AS n FROM public_vote WHERE voter_id = $1`, [voter.id]))[0].n).toBe(1);
    });

    it('makes a vote cast while an organizer closes the window wait for the closing, then refuses it', async () => {
      const edition = await votingEdition(api.url, db, clock.now(), 1);
      await openVoting(api.url, edition.organizer, edition.challenge.id, { closesAt: inHours(2) });
      const voter = await signUp(api.url, { label: 'latevoter' });
      // The organizer's closing, as closePublicVoting writes it: the challenge row locked, the window cut to now, not yet committed.
      const closing = db.createQueryRunner();
      await closing.connect();
      try {
        await closing.startTransaction();
        await closing.query(`SELECT id FROM challenge WHERE id = $1 FOR UPDATE`, [edition.challenge.id]);
        await closing.query(`UPDATE challenge SET public_voting_closes_at = $2 WHERE id = $1`, [edition.challenge.id, clock.now()]);
        const answer = gql(api.url, CAST_VOTE, { ideaId: edition.teams[0]!.ideaId }, voter.token);
        const [{ pid }] = await closing.query(`SELECT pg_backend_pid() AS pid`);
        await waitFor(async () => (await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`, [pid]))[0].n > 0, {
          what: 'the vote waiting for the lock on its challenge',
        });
        await closing.commitTransaction();
        expect((await answer).errors?.[0]?.extensions?.code).toBe('FAILED_PRECONDITION');
      } finally {
        if (closing.isTransactionActive) await closing.rollbackTransaction();
        await closing.release();
      }
      expect(await votes(edition.challenge.id)).toEqual([]);
    });
  });

  describe('counts and PEOPLES_CHOICE_PUBLISHED', () => {
    it('hides the counts from everyone until closesAt, then shows them ranked; the worker tells every team once, in its language', async () => {
      const run = await votingEdition(api.url, db, clock.now(), 3);
      const [a, b, c] = run.teams;
      await db.query(`UPDATE app_user SET locale = 'en' WHERE id = $1`, [c!.student.id]);
      const closesAt = inHours(24);
      await openVoting(api.url, run.organizer, run.challenge.id, { closesAt });
      const voters = await Promise.all([1, 2, 3, 4, 5].map((i) => signUp(api.url, { label: `fan${i}` })));
      // b: two outsiders and a's student; a: an outsider and c's coach; c: an outsider.
      for (const [voter, idea] of [
        [voters[0], b],
        [voters[1], b],
        [a!.student, b],
        [voters[2], a],
        [c!.lead, a],
        [voters[3], c],
      ] as const)
        await vote(api.url, voter!, idea!.ideaId);

      for (const viewer of [undefined, run.organizer, admin, voters[0]]) {
        const open = await view(run.challenge.id, viewer);
        expect(open.peoplesChoice).toEqual([]);
        expect(open.ideas.edges.map((e: any) => e.node.publicVotes)).toEqual([null, null, null]);
      }
      expect(await db.query(`SELECT 1 FROM notification WHERE kind = 'PEOPLES_CHOICE_PUBLISHED' AND subject_id = $1`, [run.challenge.id])).toEqual([]);

      // The vote closes by time: counts are public at once (they do not wait for the worker).
      clock.set(new Date(closesAt.getTime() + MINUTE));
      const closed = await view(run.challenge.id);
      expect(closed.publicVoting.status).toBe('CLOSED');
      expect(closed.peoplesChoice.map((e: any) => [e.rank, e.votes, e.idea.id])).toEqual([
        [1, 3, b!.ideaId],
        [2, 2, a!.ideaId],
        [3, 1, c!.ideaId],
      ]);
      const counts = Object.fromEntries(closed.ideas.edges.map((e: any) => [e.node.id, e.node.publicVotes]));
      expect(counts).toEqual({ [a!.ideaId]: 2, [b!.ideaId]: 3, [c!.ideaId]: 1 });
      expect((await gqlError(api.url, CAST_VOTE, { ideaId: c!.ideaId }, voters[4]!.token)).code).toBe('FAILED_PRECONDITION');

      // The worker's own reconciliation closes it once: every member of every team (coaches included), nobody else.
      const members = run.teams.flatMap((t) => [t.lead.id, t.student.id]).sort();
      const told = await waitFor(
        async () => {
          const rows: { recipient_id: string; title: string; locale: string }[] = await db.query(
            `SELECT recipient_id, title, locale FROM notification WHERE kind = 'PEOPLES_CHOICE_PUBLISHED' AND subject_id = $1 ORDER BY recipient_id`,
            [run.challenge.id],
          );
          return rows.length >= members.length && rows;
        },
        { what: 'PEOPLES_CHOICE_PUBLISHED' },
      );
      expect(told.map((r) => r.recipient_id)).toEqual(members);
      expect(told.find((r) => r.recipient_id === a!.student.id)!.title).toBe('Voto del pubblico concluso: «Climathon Voto Pubblico»');
      expect(told.find((r) => r.recipient_id === c!.student.id)).toMatchObject({ locale: 'en', title: 'Public vote closed: "Climathon Voto Pubblico"' });
      expect((await window(run.challenge.id)).published).not.toBeNull();
      await waitFor(() => smtp.messages.find((m) => m.to.includes(c!.student.email) && m.headers['x-notification-kind'] === 'PEOPLES_CHOICE_PUBLISHED'), { what: 'email' });
      // Later passes of the worker tell nobody twice: the closing fired once, one event.
      const scheduler = worker.app.get(ReminderScheduler);
      await scheduler.reconcile();
      await scheduler.reconcile();
      expect(
        await db.query(`SELECT fired_at IS NOT NULL AS fired FROM scheduled_reminder WHERE kind = 'peoples-choice' AND subject_id = $1 AND cancelled_at IS NULL`, [
          run.challenge.id,
        ]),
      ).toEqual([{ fired: true }]);
      expect(await db.query(`SELECT 1 FROM outbox_event WHERE type = 'voting.peoples-choice-published' AND payload->>'challengeId' = $1`, [run.challenge.id])).toHaveLength(1);
      expect(await db.query(`SELECT 1 FROM notification WHERE kind = 'PEOPLES_CHOICE_PUBLISHED' AND subject_id = $1`, [run.challenge.id])).toHaveLength(members.length);
    });

    it('lets an organizer close an open vote early; the worker tells the teams at once', async () => {
      const run = await votingEdition(api.url, db, clock.now(), 2);
      const [a, b] = run.teams;
      await openVoting(api.url, run.organizer, run.challenge.id, { closesAt: inHours(24 * 7) });
      await vote(api.url, a!.lead, b!.ideaId);
      const outsider = await signUp(api.url, { label: 'outsider' });
      expect((await gqlError(api.url, CLOSE_VOTING, { id: run.challenge.id }, outsider.token)).code).toBe('FORBIDDEN');
      expect((await view(run.challenge.id)).publicVoting.status).toBe('OPEN');
      const closed = (await gqlOk(api.url, CLOSE_VOTING, { id: run.challenge.id }, run.organizer.token)).closePublicVoting;
      expect(closed.publicVoting).toMatchObject({ status: 'CLOSED', closesAt: clock.now().toISOString() });
      expect((await view(run.challenge.id)).peoplesChoice).toEqual([{ rank: 1, votes: 1, idea: { id: b!.ideaId, title: 'Borracce per tutti' } }]);
      const members = run.teams.flatMap((t) => [t.lead.id, t.student.id]);
      await waitFor(
        async () => (await db.query(`SELECT 1 FROM notification WHERE kind = 'PEOPLES_CHOICE_PUBLISHED' AND subject_id = $1`, [run.challenge.id])).length === members.length,
        { what: 'PEOPLES_CHOICE_PUBLISHED after closePublicVoting' },
      );
      expect((await gqlError(api.url, CLOSE_VOTING, { id: run.challenge.id }, run.organizer.token)).code).toBe('FAILED_PRECONDITION');
    });
  });

  describe('reads in batches', () => {
    it('reads peoplesChoice and Idea.publicVotes with the same number of statements for 3 and 30 ideas', async () => {
      const run = await publishedChallenge(api.url, { title: 'Molte idee' }, clock.now());
      const themeId = run.challenge.themes[0]!.id;
      // 40 teams with submitted ideas and 40 voters, written directly: the point here is reading them.
      await db.query(
        `WITH t AS (
           INSERT INTO team (challenge_id, name, join_code) SELECT $1, 'Team ' || g, 'PC' || md5(random()::text || g) FROM generate_series(1, 40) g RETURNING id, name
         )
         INSERT INTO idea (team_id, challenge_id, theme_id, title, summary, problem, solution, status, submitted_at)
         SELECT t.id, $1, $2, 'Idea of ' || t.name, 's', 'p', 's', 'SUBMITTED', clock_timestamp() FROM t`,
        [run.challenge.id, themeId],
      );
      await forceStatus(db, run.challenge.id, 'RESULTS_PUBLISHED');
      await openVoting(api.url, run.organizer, run.challenge.id, { closesAt: inHours(1) });
      await db.query(
        `WITH u AS (INSERT INTO app_user (email, password_hash, display_name) SELECT 'pc-voter-' || g || '-' || md5(random()::text) || '@example.test', 'x', 'Voter' FROM generate_series(1, 40) g RETURNING id),
              n AS (SELECT id, row_number() OVER () AS k FROM u),
              i AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM idea WHERE challenge_id = $1)
         INSERT INTO public_vote (challenge_id, voter_id, idea_id, updated_at) SELECT $1, n.id, i.id, $2 FROM n JOIN i ON i.k = n.k`,
        [run.challenge.id, clock.now()],
      );
      clock.advance(HOUR + MINUTE);
      const apiDataSource = api.app.get(DataSource);
      const statements: string[] = [];
      const logger = apiDataSource.logger;
      const original = logger.logQuery.bind(logger);
      logger.logQuery = (query, parameters, queryRunner) => {
        statements.push(query);
        original(query, parameters, queryRunner);
      };
      const QUERY = `query($id: ID!, $first: Int) { challenge(id: $id) {
        peoplesChoice(first: $first) { rank votes idea { id title publicVotes theme { name } } }
        ideas(first: $first) { edges { node { id publicVotes } } }
      } }`;
      const read = async (first: number) => {
        statements.length = 0;
        const data = (await gqlOk(api.url, QUERY, { id: run.challenge.id, first }, admin.token)).challenge;
        expect(data.peoplesChoice).toHaveLength(first);
        expect(data.peoplesChoice.every((e: any) => e.votes === 1 && e.idea.publicVotes === 1 && e.rank === 1)).toBe(true);
        expect(data.ideas.edges.every((e: any) => e.node.publicVotes === 1)).toBe(true);
        return [...statements];
      };
      try {
        const few = await read(3);
        const many = await read(30);
        expect(many.length).toBe(few.length);
        expect(few.length).toBeLessThanOrEqual(10);
      } finally {
        logger.logQuery = original;
      }
    });
  });

  describe('rate limit', () => {
    it('limits a burst of votes per user, never per address', async () => {
      const saved = process.env.RATE_LIMIT_PUBLIC_VOTES_PER_USER;
      process.env.RATE_LIMIT_PUBLIC_VOTES_PER_USER = '5';
      const limited = await startApi({ clock });
      try {
        const run = await votingEdition(limited.url, db, clock.now(), 2);
        await openVoting(limited.url, run.organizer, run.challenge.id, { closesAt: inHours(24) });
        const [greedy, other] = [await signUp(limited.url, { label: 'greedy' }), await signUp(limited.url, { label: 'other' })];
        const answers = await Promise.all(Array.from({ length: 8 }, () => gql(limited.url, CAST_VOTE, { ideaId: run.teams[0]!.ideaId }, greedy.token)));
        const codes = answers.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK');
        expect(codes.filter((c) => c === 'OK')).toHaveLength(5);
        expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(3);
        // Another user from the same address still votes.
        await gqlOk(limited.url, CAST_VOTE, { ideaId: run.teams[1]!.ideaId }, other.token);
        expect(await votes(run.challenge.id)).toHaveLength(2);
      } finally {
        await limited.close();
        if (saved === undefined) delete process.env.RATE_LIMIT_PUBLIC_VOTES_PER_USER;
        else process.env.RATE_LIMIT_PUBLIC_VOTES_PER_USER = saved;
      }
    });
  });
});
