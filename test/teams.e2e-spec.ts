import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { startApi, type RunningApi } from './helpers/api.js';
import {
  CREATE_TEAM,
  createChallenge,
  createTeam,
  DAY,
  forceStatus,
  JOIN_TEAM,
  joinTeam,
  makeAdmin,
  publishedChallenge,
  school,
  student,
  type TestChallenge,
} from './helpers/challenge-factories.js';
import { openDatabase } from './helpers/db.js';
import { addMember, createOrganization, signUp, type TestUser } from './helpers/factories.js';
import { gql, gqlError, gqlOk } from './helpers/graphql.js';
import { mimeParts, startSmtpSink } from './helpers/smtp-sink.js';
import { sleep, waitFor } from './helpers/wait.js';
import { startWorker, type RunningWorker } from './helpers/worker.js';

const TEAM = `query($id: ID!) { team(id: $id) { id name className joinCode challenge { id } school { id name } members { role user { id } } idea { id } } }`;
const REMOVE = `mutation($teamId: ID!, $userId: ID!) { removeTeamMember(teamId: $teamId, userId: $userId) { id members { role user { id } } } }`;
const MY_TEAMS = `{ myTeams { id name challenge { id } } }`;
const CHALLENGE_TEAMS = `query($id: ID!, $first: Int, $after: String) {
  challenge(id: $id) { teams(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } } } }
}`;
const MY_NOTIFICATIONS = `{ myNotifications(first: 50) { totalCount edges { node { kind title body subjectId } } } }`;
/** The viewer's stored notifications of one kind. */
const notificationsOf = async (url: string, user: TestUser, kind: string): Promise<{ kind: string; title: string; body: string; subjectId: string }[]> =>
  (await gqlOk(url, MY_NOTIFICATIONS, {}, user.token)).myNotifications.edges.map((e: any) => e.node).filter((n: any) => n.kind === kind);
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('teams', () => {
  let api: RunningApi;
  let db: DataSource;
  let admin: TestUser;
  /** A published school climathon and a published open hackathon, each with its organizer. */
  let schoolRun: { organizer: TestUser; challenge: TestChallenge };
  let openRun: { organizer: TestUser; challenge: TestChallenge };
  let teacher: TestUser;
  let schoolId: string;

  const memberCount = async (teamId: string) => (await db.query(`SELECT count(*)::int AS n FROM team_member WHERE team_id = $1`, [teamId]))[0].n as number;
  const teamCount = async () => (await db.query(`SELECT count(*)::int AS n FROM team`))[0].n as number;

  beforeAll(async () => {
    api = await startApi();
    db = await openDatabase();
    admin = await makeAdmin(api.url, db, await signUp(api.url, { label: 'admin' }));
    schoolRun = await publishedChallenge(api.url);
    openRun = await publishedChallenge(api.url, { format: 'OPEN_HACKATHON', maxTeamSize: 4 });
    ({ teacher, schoolId } = await school(api.url, { name: 'Liceo Minghetti', district: 'Centro' }));
  });
  afterAll(async () => {
    await api.close();
    await db.destroy();
  });

  describe('createTeam', () => {
    it('makes a teacher of the school the COACH of a school climathon team, with a random join code', async () => {
      const { createTeam: team } = await gqlOk(
        api.url,
        CREATE_TEAM,
        { input: { challengeId: schoolRun.challenge.id, name: ' 4B Informatica ', schoolId, className: '4B informatica' } },
        teacher.token,
      );
      expect(team).toMatchObject({
        name: '4B Informatica',
        className: '4B informatica',
        challenge: { id: schoolRun.challenge.id },
        school: { id: schoolId, name: 'Liceo Minghetti', district: 'Centro' },
      });
      expect(team.members).toEqual([{ role: 'COACH', user: { id: teacher.id } }]);
      expect(team.joinCode).toMatch(/^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{10}$/);
      // A teacher may coach several teams; codes differ.
      const second = await createTeam(api.url, teacher, { challengeId: schoolRun.challenge.id, schoolId, name: '5A' });
      expect(second.joinCode).not.toBe(team.joinCode);
    });

    it('makes the creator of an open hackathon team its CAPTAIN, with or without a school; a captain has one team per challenge', async () => {
      const captain = await signUp(api.url, { label: 'captain' });
      const { createTeam: team } = await gqlOk(api.url, CREATE_TEAM, { input: { challengeId: openRun.challenge.id, name: 'Hackers Verdi' } }, captain.token);
      expect(team.members).toEqual([{ role: 'CAPTAIN', user: { id: captain.id } }]);
      expect(team.school).toBeNull();
      const before = await teamCount();
      expect((await gqlError(api.url, CREATE_TEAM, { input: { challengeId: openRun.challenge.id, name: 'Seconda' } }, captain.token)).code).toBe('CONFLICT');
      expect(await teamCount()).toBe(before);
      // A student of a team cannot found another one in the same challenge either.
      const joiner = await student(api.url, team.joinCode);
      expect((await gqlError(api.url, CREATE_TEAM, { input: { challengeId: openRun.challenge.id, name: 'Terza' } }, joiner.token)).code).toBe('CONFLICT');
      // A school is optional in an open hackathon; when given, the captain must be a member of it.
      const other = await signUp(api.url, { label: 'captain2' });
      await addMember(api.url, teacher, schoolId, other);
      const withSchool = await gqlOk(api.url, CREATE_TEAM, { input: { challengeId: openRun.challenge.id, name: 'Con scuola', schoolId } }, other.token);
      expect(withSchool.createTeam.school.id).toBe(schoolId);
    });

    it('refuses an open hackathon team claiming a school the captain is not a member of (FORBIDDEN, field schoolId), and creates nothing', async () => {
      const outsider = await signUp(api.url, { label: 'claimer' });
      const before = await teamCount();
      const claim = { input: { challengeId: openRun.challenge.id, name: 'Finta scuola', schoolId } };
      expect(await gqlError(api.url, CREATE_TEAM, claim, outsider.token)).toMatchObject({ code: 'FORBIDDEN', field: 'schoolId' });
      expect(await teamCount()).toBe(before);
      expect((await db.query(`SELECT count(*)::int AS n FROM team_member WHERE user_id = $1`, [outsider.id]))[0].n).toBe(0);
      // Without the school the same person founds the team.
      await gqlOk(api.url, CREATE_TEAM, { input: { challengeId: openRun.challenge.id, name: 'Senza scuola' } }, outsider.token);
    });

    it('validates name, className and the school', async () => {
      const companyId = await createOrganization(api.url, teacher, { kind: 'COMPANY', name: 'Azienda' });
      const before = await teamCount();
      const input = (o: Record<string, unknown>) => ({ input: { challengeId: schoolRun.challenge.id, name: 'Ok', schoolId, ...o } });
      expect(await gqlError(api.url, CREATE_TEAM, input({ name: ' ' }), teacher.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
      expect(await gqlError(api.url, CREATE_TEAM, input({ name: 'n'.repeat(121) }), teacher.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
      expect(await gqlError(api.url, CREATE_TEAM, input({ className: 'c'.repeat(61) }), teacher.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'className' });
      expect(await gqlError(api.url, CREATE_TEAM, input({ schoolId: null }), teacher.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'schoolId' });
      expect(await gqlError(api.url, CREATE_TEAM, input({ schoolId: companyId }), teacher.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'schoolId' });
      expect((await gqlError(api.url, CREATE_TEAM, input({ schoolId: UNKNOWN }), teacher.token)).code).toBe('NOT_FOUND');
      expect(await teamCount()).toBe(before);
      // className is optional, up to 60 characters
      await gqlOk(api.url, CREATE_TEAM, input({ className: 'c'.repeat(60) }), teacher.token);
    });

    it('answers FORBIDDEN to someone not a member of the school, NOT_FOUND for unknown or hidden challenges, UNAUTHENTICATED anonymously', async () => {
      const outsider = await signUp(api.url, { label: 'outsider' });
      const before = await teamCount();
      expect(await gqlError(api.url, CREATE_TEAM, { input: { challengeId: schoolRun.challenge.id, name: 'X', schoolId } }, outsider.token)).toMatchObject({
        code: 'FORBIDDEN',
        field: 'schoolId',
      });
      expect((await gqlError(api.url, CREATE_TEAM, { input: { challengeId: UNKNOWN, name: 'X', schoolId } }, teacher.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, CREATE_TEAM, { input: { challengeId: 'nope', name: 'X', schoolId } }, teacher.token)).code).toBe('NOT_FOUND');
      const draft = await createChallenge(api.url, schoolRun.organizer, schoolRun.challenge.organizerId);
      expect((await gqlError(api.url, CREATE_TEAM, { input: { challengeId: draft.id, name: 'X', schoolId } }, teacher.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, CREATE_TEAM, { input: { challengeId: schoolRun.challenge.id, name: 'X', schoolId } })).code).toBe('UNAUTHENTICATED');
      expect(await teamCount()).toBe(before);
      // An admin may create a team for any school.
      await gqlOk(api.url, CREATE_TEAM, { input: { challengeId: schoolRun.challenge.id, name: 'Admin team', schoolId } }, admin.token);
    });

    it('is FAILED_PRECONDITION outside PUBLISHED and from submissionClosesAt on', async () => {
      const { organizer, promoterId, challenge } = await publishedChallenge(api.url);
      await addMember(api.url, organizer, promoterId, teacher);
      const draft = await createChallenge(api.url, organizer, promoterId);
      // The teacher organizes the draft (so sees it) but teams wait for publication.
      expect((await gqlError(api.url, CREATE_TEAM, { input: { challengeId: draft.id, name: 'X', schoolId } }, teacher.token)).code).toBe('FAILED_PRECONDITION');
      const closesAt = new Date((await db.query(`SELECT submission_closes_at FROM challenge WHERE id = $1`, [challenge.id]))[0].submission_closes_at);
      const realNow = api.clock.now();
      try {
        api.clock.set(closesAt);
        expect((await gqlError(api.url, CREATE_TEAM, { input: { challengeId: challenge.id, name: 'X', schoolId } }, teacher.token)).code).toBe('FAILED_PRECONDITION');
        api.clock.set(new Date(closesAt.getTime() - 1));
        await createTeam(api.url, teacher, { challengeId: challenge.id, schoolId, name: 'Last minute' });
      } finally {
        api.clock.set(realNow);
      }
      await forceStatus(db, challenge.id, 'JUDGING');
      expect((await gqlError(api.url, CREATE_TEAM, { input: { challengeId: challenge.id, name: 'X', schoolId } }, teacher.token)).code).toBe('FAILED_PRECONDITION');
    });
  });

  describe('joinTeam', () => {
    it('adds the caller as STUDENT, whatever the case of the code', async () => {
      const team = await createTeam(api.url, teacher, { challengeId: schoolRun.challenge.id, schoolId });
      const pupil = await signUp(api.url, { label: 'pupil' });
      const { joinTeam: joined } = await gqlOk(api.url, JOIN_TEAM, { code: ` ${team.joinCode.toLowerCase()} ` }, pupil.token);
      expect(joined.id).toBe(team.id);
      expect(joined.joinCode).toBeNull(); // students do not see the code
      expect(joined.members).toEqual([
        { role: 'COACH', user: { id: teacher.id } },
        { role: 'STUDENT', user: { id: pupil.id } },
      ]);
    });

    it('answers NOT_FOUND for an unknown code, CONFLICT for a second team in the same challenge, UNAUTHENTICATED anonymously', async () => {
      const a = await createTeam(api.url, teacher, { challengeId: schoolRun.challenge.id, schoolId, name: 'A' });
      const b = await createTeam(api.url, teacher, { challengeId: schoolRun.challenge.id, schoolId, name: 'B' });
      const pupil = await student(api.url, a.joinCode);
      expect((await gqlError(api.url, JOIN_TEAM, { code: 'ZZZZZZZZZZ' }, pupil.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, JOIN_TEAM, { code: '' }, pupil.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, JOIN_TEAM, { code: a.joinCode }, pupil.token)).code).toBe('CONFLICT');
      expect((await gqlError(api.url, JOIN_TEAM, { code: b.joinCode }, pupil.token)).code).toBe('CONFLICT');
      expect((await gqlError(api.url, JOIN_TEAM, { code: a.joinCode }, teacher.token)).code).toBe('CONFLICT'); // already its coach
      expect((await gqlError(api.url, JOIN_TEAM, { code: b.joinCode })).code).toBe('UNAUTHENTICATED');
      expect(await memberCount(b.id)).toBe(1);
      // Another challenge is another matter.
      const captain = await signUp(api.url, { label: 'cap' });
      const open = await createTeam(api.url, captain, { challengeId: openRun.challenge.id });
      await joinTeam(api.url, pupil, open.joinCode);
    });

    it('never exceeds maxTeamSize, coaches included (FAILED_PRECONDITION)', async () => {
      const captain = await signUp(api.url, { label: 'cap' });
      const team = await createTeam(api.url, captain, { challengeId: openRun.challenge.id }); // maxTeamSize 4
      for (let i = 0; i < 3; i++) await student(api.url, team.joinCode);
      const late = await signUp(api.url, { label: 'late' });
      expect((await gqlError(api.url, JOIN_TEAM, { code: team.joinCode }, late.token)).code).toBe('FAILED_PRECONDITION');
      expect(await memberCount(team.id)).toBe(4);
    });

    it('lets exactly 5 of 20 simultaneous joins into a team with 5 free places in', async () => {
      const { challenge } = await publishedChallenge(api.url, { maxTeamSize: 6 });
      const team = await createTeam(api.url, teacher, { challengeId: challenge.id, schoolId }); // the coach takes 1 of 6
      const users = await Promise.all(Array.from({ length: 20 }, (_, i) => signUp(api.url, { label: `racer${i}` })));
      const results = await Promise.all(users.map((u) => gql(api.url, JOIN_TEAM, { code: team.joinCode }, u.token)));
      const ok = results.filter((r) => !r.errors?.length);
      const codes = results.filter((r) => r.errors?.length).map((r) => r.errors![0]!.extensions?.code);
      expect(ok).toHaveLength(5);
      expect(codes).toEqual(Array(15).fill('FAILED_PRECONDITION'));
      expect(await memberCount(team.id)).toBe(6);
    });

    it('lets one user into only one of two teams joined at the same moment', async () => {
      const a = await createTeam(api.url, teacher, { challengeId: schoolRun.challenge.id, schoolId });
      const b = await createTeam(api.url, teacher, { challengeId: schoolRun.challenge.id, schoolId });
      const pupil = await signUp(api.url, { label: 'twice' });
      const results = await Promise.all([a, b].map((t) => gql(api.url, JOIN_TEAM, { code: t.joinCode }, pupil.token)));
      expect(results.filter((r) => !r.errors?.length)).toHaveLength(1);
      expect(results.find((r) => r.errors?.length)!.errors![0]!.extensions?.code).toBe('CONFLICT');
      expect((await db.query(`SELECT count(*)::int AS n FROM team_member WHERE user_id = $1`, [pupil.id]))[0].n).toBe(1);
    });

    it('is FAILED_PRECONDITION once submissions closed or judging started', async () => {
      const { challenge } = await publishedChallenge(api.url);
      const team = await createTeam(api.url, teacher, { challengeId: challenge.id, schoolId });
      const pupil = await signUp(api.url, { label: 'closed' });
      const realNow = api.clock.now();
      try {
        api.clock.advance(8 * DAY);
        expect((await gqlError(api.url, JOIN_TEAM, { code: team.joinCode }, pupil.token)).code).toBe('FAILED_PRECONDITION');
      } finally {
        api.clock.set(realNow);
      }
      await forceStatus(db, challenge.id, 'JUDGING');
      expect((await gqlError(api.url, JOIN_TEAM, { code: team.joinCode }, pupil.token)).code).toBe('FAILED_PRECONDITION');
      expect(await memberCount(team.id)).toBe(1);
    });
  });

  describe('removeTeamMember', () => {
    it('lets coaches remove others and anyone leave; students cannot remove others', async () => {
      const team = await createTeam(api.url, teacher, { challengeId: schoolRun.challenge.id, schoolId });
      const [s1, s2, s3] = [await student(api.url, team.joinCode), await student(api.url, team.joinCode), await student(api.url, team.joinCode)];
      expect((await gqlError(api.url, REMOVE, { teamId: team.id, userId: s2.id }, s1.token)).code).toBe('FORBIDDEN');
      const outsider = await signUp(api.url, { label: 'outsider' });
      expect((await gqlError(api.url, REMOVE, { teamId: team.id, userId: s2.id }, outsider.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, REMOVE, { teamId: team.id, userId: s2.id })).code).toBe('UNAUTHENTICATED');
      expect(await memberCount(team.id)).toBe(4);
      const afterCoach = (await gqlOk(api.url, REMOVE, { teamId: team.id, userId: s2.id }, teacher.token)).removeTeamMember;
      expect(afterCoach.members.map((m: any) => m.user.id)).not.toContain(s2.id);
      const afterLeave = (await gqlOk(api.url, REMOVE, { teamId: team.id, userId: s1.id }, s1.token)).removeTeamMember;
      expect(afterLeave.members).toEqual([]); // s1 is no longer a member, so no longer sees them
      expect(await memberCount(team.id)).toBe(2);
      await gqlOk(api.url, REMOVE, { teamId: team.id, userId: s3.id }, admin.token);
      // A removed student is free to join (this or another team) again.
      await joinTeam(api.url, s2, team.joinCode);
    });

    it('keeps the last coach and the captain (FAILED_PRECONDITION); NOT_FOUND for unknown teams and non-members', async () => {
      const team = await createTeam(api.url, teacher, { challengeId: schoolRun.challenge.id, schoolId });
      expect((await gqlError(api.url, REMOVE, { teamId: team.id, userId: teacher.id }, teacher.token)).code).toBe('FAILED_PRECONDITION');
      const coTeacher = await signUp(api.url, { label: 'co' });
      await db.query(`INSERT INTO team_member (team_id, user_id, challenge_id, role) VALUES ($1, $2, $3, 'COACH')`, [team.id, coTeacher.id, schoolRun.challenge.id]);
      await gqlOk(api.url, REMOVE, { teamId: team.id, userId: teacher.id }, coTeacher.token);
      expect((await gqlError(api.url, REMOVE, { teamId: team.id, userId: coTeacher.id }, coTeacher.token)).code).toBe('FAILED_PRECONDITION');

      const captain = await signUp(api.url, { label: 'cap' });
      const open = await createTeam(api.url, captain, { challengeId: openRun.challenge.id });
      const member = await student(api.url, open.joinCode);
      expect((await gqlError(api.url, REMOVE, { teamId: open.id, userId: captain.id }, captain.token)).code).toBe('FAILED_PRECONDITION');
      expect((await gqlError(api.url, REMOVE, { teamId: open.id, userId: captain.id }, admin.token)).code).toBe('FAILED_PRECONDITION');
      expect((await gqlError(api.url, REMOVE, { teamId: open.id, userId: UNKNOWN }, captain.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, REMOVE, { teamId: UNKNOWN, userId: member.id }, captain.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, REMOVE, { teamId: 'bad', userId: member.id }, captain.token)).code).toBe('NOT_FOUND');
      await gqlOk(api.url, REMOVE, { teamId: open.id, userId: member.id }, captain.token);
      expect(await memberCount(open.id)).toBe(1);
    });
  });

  describe('reading teams', () => {
    it('shows members to the team, organizers and admins, the join code to coaches and captain only', async () => {
      const team = await createTeam(api.url, teacher, { challengeId: schoolRun.challenge.id, schoolId });
      const pupil = await student(api.url, team.joinCode);
      const outsider = await signUp(api.url, { label: 'outsider' });
      const read = async (token?: string) => (await gqlOk(api.url, TEAM, { id: team.id }, token)).team;
      expect(await read(teacher.token)).toMatchObject({ joinCode: team.joinCode, school: { id: schoolId } });
      expect((await read(teacher.token)).members).toHaveLength(2);
      expect(await read(pupil.token)).toMatchObject({ joinCode: null });
      expect((await read(pupil.token)).members).toHaveLength(2);
      expect(await read(schoolRun.organizer.token)).toMatchObject({ joinCode: null });
      expect((await read(schoolRun.organizer.token)).members).toHaveLength(2);
      expect((await read(admin.token)).members).toHaveLength(2);
      expect(await read(outsider.token)).toMatchObject({ joinCode: null, members: [], name: 'I Riciclatori' });
      expect(await read()).toMatchObject({ joinCode: null, members: [] });

      const captain = await signUp(api.url, { label: 'cap' });
      const open = await createTeam(api.url, captain, { challengeId: openRun.challenge.id });
      expect((await gqlOk(api.url, TEAM, { id: open.id }, captain.token)).team.joinCode).toBe(open.joinCode);
    });

    it('answers NOT_FOUND for unknown and malformed team ids', async () => {
      expect((await gqlError(api.url, TEAM, { id: UNKNOWN })).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, TEAM, { id: 'x' })).code).toBe('NOT_FOUND');
    });

    it("lists the viewer's teams across challenges", async () => {
      const user = await signUp(api.url, { label: 'multi' });
      const a = await createTeam(api.url, teacher, { challengeId: schoolRun.challenge.id, schoolId });
      const captain = await signUp(api.url, { label: 'cap' });
      const b = await createTeam(api.url, captain, { challengeId: openRun.challenge.id });
      await joinTeam(api.url, user, a.joinCode);
      await joinTeam(api.url, user, b.joinCode);
      const mine = (await gqlOk(api.url, MY_TEAMS, {}, user.token)).myTeams;
      expect(mine.map((t: any) => t.id)).toEqual([b.id, a.id]);
      expect(mine.map((t: any) => t.challenge.id)).toEqual([openRun.challenge.id, schoolRun.challenge.id]);
      expect((await gqlError(api.url, MY_TEAMS, {})).code).toBe('UNAUTHENTICATED');
    });

    it("pages a challenge's teams in creation order with totalCount", async () => {
      const { challenge } = await publishedChallenge(api.url);
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push((await createTeam(api.url, teacher, { challengeId: challenge.id, schoolId, name: `T${i}` })).id);
      const page1 = (await gqlOk(api.url, CHALLENGE_TEAMS, { id: challenge.id, first: 2 })).challenge.teams;
      expect(page1).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
      expect(page1.edges.map((e: any) => e.node.id)).toEqual(ids.slice(0, 2));
      const page2 = (await gqlOk(api.url, CHALLENGE_TEAMS, { id: challenge.id, first: 2, after: page1.pageInfo.endCursor })).challenge.teams;
      expect(page2.edges.map((e: any) => e.node.id)).toEqual([ids[2]]);
      expect(page2.pageInfo.hasNextPage).toBe(false);
      expect(await gqlError(api.url, CHALLENGE_TEAMS, { id: challenge.id, first: 101 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      expect(await gqlError(api.url, CHALLENGE_TEAMS, { id: challenge.id, after: 'zz' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });
  });

  describe('TEAM_MEMBER_JOINED', () => {
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

    it('escapes markup of a display name in the HTML body of the email (issue 17.7), the text body carrying it as plain text', async () => {
      const coach = await signUp(api.url, { label: 'coach', locale: 'en' });
      await addMember(api.url, teacher, schoolId, coach);
      const team = await createTeam(api.url, coach, { challengeId: schoolRun.challenge.id, schoolId, name: 'Squadra <i>Eco</i>' });
      await joinTeam(api.url, await signUp(api.url, { label: 'pupil', displayName: '<b>Giulia</b> & "R."' }), team.joinCode);
      const email = await waitFor(() => smtp.messages.find((m) => m.to.includes(coach.email) && m.headers['x-notification-kind'] === 'TEAM_MEMBER_JOINED'), { what: 'email' });
      const parts = mimeParts(email.raw);
      const html = parts.find((p) => p.type === 'text/html')!.body;
      const text = parts.find((p) => p.type === 'text/plain')!.body;
      expect(html).toContain('&#60;b&#62;Giulia&#60;/b&#62; &#38; &#34;R.&#34;');
      expect(html).toContain('Squadra &#60;i&#62;Eco&#60;/i&#62;');
      expect(html).not.toMatch(/<b>|<i>/);
      expect(text).toContain('<b>Giulia</b> & "R."');
    });

    it("tells the team's coaches (and an open team's captain), in their language, and not the student", async () => {
      const coach = await signUp(api.url, { label: 'coach', locale: 'en' });
      await addMember(api.url, teacher, schoolId, coach);
      const team = await createTeam(api.url, coach, { challengeId: schoolRun.challenge.id, schoolId, name: 'Eco Squad' });
      const pupil = await signUp(api.url, { label: 'pupil', displayName: 'Giulia Rossi' });
      await joinTeam(api.url, pupil, team.joinCode);
      const notified = await waitFor(
        async () => {
          const list = await notificationsOf(api.url, coach, 'TEAM_MEMBER_JOINED');
          return list.length > 0 && list;
        },
        { what: 'coach notification' },
      );
      expect(notified).toEqual([
        {
          kind: 'TEAM_MEMBER_JOINED',
          title: 'New member in the team Eco Squad: Giulia Rossi',
          body: 'Giulia Rossi is now part of the team Eco Squad of the challenge "Climathon Scuole Bologna".',
          subjectId: team.id,
        },
      ]);
      const email = await waitFor(() => smtp.messages.find((m) => m.to.includes(coach.email) && m.headers['x-notification-kind'] === 'TEAM_MEMBER_JOINED'), { what: 'email' });
      expect(email.headers['x-notification-kind']).toBe('TEAM_MEMBER_JOINED');

      const captain = await signUp(api.url, { label: 'captain' });
      const open = await createTeam(api.url, captain, { challengeId: openRun.challenge.id, name: 'Squadra Aperta' });
      await joinTeam(api.url, await signUp(api.url, { label: 'x', displayName: 'Marco' }), open.joinCode);
      const captainList = await waitFor(
        async () => {
          const list = await notificationsOf(api.url, captain, 'TEAM_MEMBER_JOINED');
          return list.length > 0 && list;
        },
        { what: 'captain notification' },
      );
      // Issue 18.4: words that agree with anyone ("Marco è entrato" told a girl's coach she was a boy).
      expect(captainList.map((n) => [n.title, n.body])).toEqual([
        ['Nuovo membro nella squadra Squadra Aperta: Marco', 'Marco fa ora parte della squadra Squadra Aperta della sfida «Climathon Scuole Bologna».'],
      ]);
      await sleep(500);
      expect(await notificationsOf(api.url, pupil, 'TEAM_MEMBER_JOINED')).toEqual([]);
      expect(await notificationsOf(api.url, coach, 'TEAM_MEMBER_JOINED')).toHaveLength(1);
    });
  });
});
