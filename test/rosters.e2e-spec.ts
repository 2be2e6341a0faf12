import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { startApi, type RunningApi } from './helpers/api.js';
import { addTeacher, createChallenge, createTeam, ideaInput, makeAdmin, publishChallenge, publishedChallenge, saveIdea, school, student } from './helpers/challenge-factories.js';
import { openDatabase } from './helpers/db.js';
import { createOrganization, signUp, type TestUser } from './helpers/factories.js';
import { gql, gqlError, gqlOk } from './helpers/graphql.js';
import { startSmtpSink } from './helpers/smtp-sink.js';
import { waitFor } from './helpers/wait.js';
import { startWorker } from './helpers/worker.js';

const ACCEPT_DPA = `mutation($org: ID!, $v: String!) { acceptDataProcessingAgreement(organizationId: $org, version: $v) { version acceptedAt acceptedBy { id } } }`;
const ORG_DPA = `query($id: ID!) { organization(id: $id) { id dataProcessingAgreement { version acceptedAt acceptedBy { id } } } }`;
const ADD_STUDENTS = `mutation($team: ID!, $students: [RosterStudentInput!]!, $ok: Boolean!, $notice: String) {
  addStudents(teamId: $team, students: $students, guardianConsentConfirmed: $ok, privacyNoticeVersion: $notice) {
    team { id name } school { id name } challenge { id title }
    students { user { id displayName email username } username displayName code teamName className schoolName challengeTitle }
  } }`;
const RESET_CODE = `mutation($id: ID!) { resetStudentCode(userId: $id) { user { id } username displayName code teamName schoolName challengeTitle } }`;
const SIGN_IN_CODE = `mutation($u: String!, $c: String!) { signInWithCode(username: $u, code: $c) { accessToken refreshToken user { id displayName email username } } }`;
const SIGN_IN = `mutation($i: SignInInput!) { signIn(input: $i) { accessToken user { id } } }`;
const CHANGE = `mutation($i: ChangePasswordInput!) { changePassword(input: $i) }`;
const ME = `{ me { id displayName email username emailVerified } }`;
const MEMBERS = `query($id: ID!) { team(id: $id) { id members { role user { id displayName } } } }`;
const REMOVE = `mutation($team: ID!, $user: ID!) { removeTeamMember(teamId: $team, userId: $user) { id } }`;

interface Credential {
  user: { id: string; displayName: string; email: string | null; username: string | null };
  username: string;
  displayName: string;
  code: string;
  teamName: string;
  className: string | null;
  schoolName: string;
  challengeTitle: string;
}

const CODE_FORMAT = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/;
const names = (n: number, first = 'Studente') =>
  Array.from({ length: n }, (_, i) => ({ displayName: `${first}${String.fromCharCode(97 + (i % 26))} ${String.fromCharCode(65 + (Math.floor(i / 26) % 26))}.` }));

describe('class rosters', () => {
  let api: RunningApi;
  let db: DataSource;
  let organizer: TestUser;
  let promoterId: string;
  let challengeId: string;
  let challengeTitle: string;

  beforeAll(async () => {
    api = await startApi();
    db = await openDatabase();
    const published = await publishedChallenge(api.url, { title: 'Climathon Rosters', maxTeamSize: 60 });
    organizer = published.organizer;
    promoterId = published.promoterId;
    challengeId = published.challenge.id;
    challengeTitle = 'Climathon Rosters';
  });
  afterAll(async () => {
    await api?.close();
    await db?.destroy();
  });

  /** A school (owner = teacher) and a team of the shared challenge coached by the teacher; the DPA accepted unless told. */
  async function schoolTeam(options: { dpa?: boolean; name?: string; challenge?: string; className?: string } = {}) {
    const s = await school(api.url, { name: options.name ?? 'Liceo Scientifico Enrico Fermi' });
    const team = await createTeam(api.url, s.teacher, {
      challengeId: options.challenge ?? challengeId,
      schoolId: s.schoolId,
      name: '4B Verde',
      className: options.className ?? '4B',
    });
    if (options.dpa !== false) await gqlOk(api.url, ACCEPT_DPA, { org: s.schoolId, v: '2026-01' }, s.teacher.token);
    return { ...s, team };
  }

  const add = (coach: TestUser, team: string, students: unknown[], ok = true, notice?: string) => gql(api.url, ADD_STUDENTS, { team, students, ok, notice }, coach.token);
  const addOk = async (coach: TestUser, team: string, students: unknown[], notice?: string): Promise<Credential[]> => {
    const res = await add(coach, team, students, true, notice);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data.addStudents.students;
  };
  const counts = async (teamId: string) => {
    const [row] = await db.query(
      `SELECT (SELECT count(*)::int FROM team_member WHERE team_id = $1) AS members, (SELECT count(*)::int FROM roster_student WHERE team_id = $1) AS roster, (SELECT count(*)::int FROM app_user WHERE username IS NOT NULL) AS usernames`,
      [teamId],
    );
    return row as { members: number; roster: number; usernames: number };
  };
  const signInCode = (username: string, code: string) => gql(api.url, SIGN_IN_CODE, { u: username, c: code });

  describe('data-processing agreement', () => {
    it('only an owner of a SCHOOL accepts it; stored with who, when and which version; shown to members and admins only', async () => {
      const s = await school(api.url, { name: 'ITIS Marconi' });
      const colleague = await addTeacher(api.url, s.teacher, s.schoolId);
      const outsider = await signUp(api.url, { label: 'outsider' });
      const admin = await makeAdmin(api.url, db, await signUp(api.url, { label: 'dpa-admin' }));

      expect((await gqlError(api.url, ACCEPT_DPA, { org: s.schoolId, v: '2026-01' })).code).toBe('UNAUTHENTICATED');
      expect((await gqlError(api.url, ACCEPT_DPA, { org: s.schoolId, v: '2026-01' }, colleague.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, ACCEPT_DPA, { org: s.schoolId, v: '2026-01' }, outsider.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, ACCEPT_DPA, { org: '00000000-0000-4000-8000-000000000000', v: '2026-01' }, s.teacher.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, ACCEPT_DPA, { org: 'not-an-id', v: '2026-01' }, s.teacher.token)).code).toBe('NOT_FOUND');
      expect(await gqlError(api.url, ACCEPT_DPA, { org: s.schoolId, v: '  ' }, s.teacher.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'version' });
      const company = await createOrganization(api.url, outsider, { kind: 'COMPANY', name: 'Impresa' });
      expect((await gqlError(api.url, ACCEPT_DPA, { org: company, v: '2026-01' }, outsider.token)).code).toBe('FAILED_PRECONDITION');
      // Nothing was stored by the refusals.
      expect(await db.query(`SELECT * FROM data_processing_agreement WHERE organization_id = ANY($1::uuid[])`, [[s.schoolId, company]])).toEqual([]);

      const accepted = await gqlOk(api.url, ACCEPT_DPA, { org: s.schoolId, v: '2026-01' }, s.teacher.token);
      expect(accepted.acceptDataProcessingAgreement).toMatchObject({ version: '2026-01', acceptedBy: { id: s.teacher.id } });
      // Accepting the same version again keeps the first acceptance.
      const again = await gqlOk(api.url, ACCEPT_DPA, { org: s.schoolId, v: '2026-01' }, s.teacher.token);
      expect(again.acceptDataProcessingAgreement.acceptedAt).toBe(accepted.acceptDataProcessingAgreement.acceptedAt);
      const rows = await db.query(`SELECT version, accepted_by_id, accepted_at FROM data_processing_agreement WHERE organization_id = $1`, [s.schoolId]);
      expect(rows).toEqual([{ version: '2026-01', accepted_by_id: s.teacher.id, accepted_at: new Date(accepted.acceptDataProcessingAgreement.acceptedAt) }]);

      for (const viewer of [s.teacher, colleague, admin]) {
        const seen = await gqlOk(api.url, ORG_DPA, { id: s.schoolId }, viewer.token);
        expect(seen.organization.dataProcessingAgreement).toMatchObject({ version: '2026-01', acceptedBy: { id: s.teacher.id } });
      }
      for (const token of [outsider.token, undefined]) {
        expect((await gqlOk(api.url, ORG_DPA, { id: s.schoolId }, token)).organization.dataProcessingAgreement).toBeNull();
      }
      // A new version, accepted later, is the one in force.
      api.clock.advance(60_000);
      await gqlOk(api.url, ACCEPT_DPA, { org: s.schoolId, v: '2027-01' }, s.teacher.token);
      expect((await gqlOk(api.url, ORG_DPA, { id: s.schoolId }, colleague.token)).organization.dataProcessingAgreement.version).toBe('2027-01');
    });
  });

  describe('addStudents', () => {
    it('is FAILED_PRECONDITION until the school accepted the agreement, and creates nothing', async () => {
      const { teacher, team, schoolId } = await schoolTeam({ dpa: false });
      const before = await counts(team.id);
      const res = await add(teacher, team.id, [{ displayName: 'Giulia R.' }]);
      expect(res.errors?.[0]?.extensions?.code).toBe('FAILED_PRECONDITION');
      expect(await counts(team.id)).toEqual(before);
      await gqlOk(api.url, ACCEPT_DPA, { org: schoolId, v: '2026-01' }, teacher.token);
      expect(await addOk(teacher, team.id, [{ displayName: 'Giulia R.' }])).toHaveLength(1);
    });

    it('needs guardianConsentConfirmed: true (BAD_USER_INPUT naming it) and creates nothing', async () => {
      const { teacher, team } = await schoolTeam();
      const before = await counts(team.id);
      const res = await add(teacher, team.id, [{ displayName: 'Giulia R.' }], false);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'guardianConsentConfirmed' });
      expect(await counts(team.id)).toEqual(before);
    });

    it('accepts names as "Giulia R." and refuses others naming the field (every invalid one listed), creating nothing', async () => {
      const { teacher, team } = await schoolTeam();
      const before = await counts(team.id);
      const res = await add(teacher, team.id, [
        { displayName: 'Giulia R.' },
        { displayName: 'Marco' },
        { displayName: 'Anna-Maria b' },
        { displayName: 'Giulia Maria Rossi' },
        { displayName: `${'A'.repeat(39)} B.` },
        { displayName: 'Luca\u0007 T.' },
        { displayName: 'Sara Rossi' },
        { displayName: '   ' },
      ]);
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'students[3].displayName',
      });
      const fields = res.errors?.[0]?.extensions?.fields as { field: string; message: string }[];
      expect(fields.map((f) => f.field)).toEqual([
        'students[3].displayName',
        'students[4].displayName',
        'students[5].displayName',
        'students[6].displayName',
        'students[7].displayName',
      ]);
      for (const { message } of fields) expect(message).toMatch(/«students\[\d\]\.displayName»/);
      expect(await counts(team.id)).toEqual(before);

      const ok = await addOk(teacher, team.id, [
        { displayName: 'Giulia R.' },
        { displayName: 'Marco' },
        { displayName: '  Anna-Maria   b ' },
        { displayName: 'Nicolò D.' },
        { displayName: `${'A'.repeat(37)} B.` },
      ]);
      expect(ok.map((s) => s.displayName)).toEqual(['Giulia R.', 'Marco', 'Anna-Maria B.', 'Nicolò D.', `${'A'.repeat(37)} B.`]);
    });

    it('creates STUDENT members without email, with unique usernames and one-time codes stored only as argon2id hashes', async () => {
      const { teacher, team, schoolId } = await schoolTeam();
      const res = await gqlOk(
        api.url,
        ADD_STUDENTS,
        { team: team.id, students: [{ displayName: 'Giulia R.' }, { displayName: 'Giulia R.' }, { displayName: 'Nicolò D.' }], ok: true, notice: 'Informativa 2026/1' },
        teacher.token,
      );
      const sheet = res.addStudents;
      expect(sheet).toMatchObject({
        team: { id: team.id, name: '4B Verde' },
        school: { id: schoolId, name: 'Liceo Scientifico Enrico Fermi' },
        challenge: { id: challengeId, title: challengeTitle },
      });
      const students: Credential[] = sheet.students;
      expect(students).toHaveLength(3);
      for (const s of students) {
        expect(s.code).toMatch(CODE_FORMAT);
        expect(s.username).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
        expect(s).toMatchObject({ teamName: '4B Verde', className: '4B', schoolName: 'Liceo Scientifico Enrico Fermi', challengeTitle });
        // The coach sees neither email (there is none) nor the username through User; the sheet carries it.
        expect(s.user).toMatchObject({ email: null, username: null });
      }
      expect(students[0]!.username).toMatch(/^fermi-giulia-r-[a-z0-9]{2,}$/);
      expect(students[1]!.username).toMatch(/^fermi-giulia-r-[a-z0-9]{2,}$/);
      expect(students[2]!.username).toMatch(/^fermi-nicolo-d-[a-z0-9]{2,}$/);
      expect(new Set(students.map((s) => s.username)).size).toBe(3);
      expect(new Set(students.map((s) => s.code)).size).toBe(3);

      const members = await gqlOk(api.url, MEMBERS, { id: team.id }, teacher.token);
      for (const s of students) expect(members.team.members).toContainEqual({ role: 'STUDENT', user: { id: s.user.id, displayName: s.displayName } });

      const users = await db.query(`SELECT id, email, password_hash, username, email_verified_at FROM app_user WHERE id = ANY($1::uuid[]) ORDER BY username`, [
        students.map((s) => s.user.id),
      ]);
      expect(users).toHaveLength(3);
      for (const u of users) expect(u).toMatchObject({ email: null, password_hash: null, email_verified_at: null });
      const roster = await db.query(`SELECT user_id, team_id, school_id, code_hash, attested_by_id, attested_at, privacy_notice_version FROM roster_student WHERE team_id = $1`, [
        team.id,
      ]);
      expect(roster).toHaveLength(3);
      for (const r of roster) {
        expect(r).toMatchObject({ team_id: team.id, school_id: schoolId, attested_by_id: teacher.id, privacy_notice_version: 'Informativa 2026/1' });
        expect(r.code_hash).toMatch(/^\$argon2id\$/);
        expect(r.attested_at).toBeInstanceOf(Date);
      }

      // No plaintext code anywhere in the database (with or without its dashes, any case).
      const tables: { table_name: string }[] = await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
      const dump = (await Promise.all(tables.map(async (t) => JSON.stringify(await db.query(`SELECT * FROM "${t.table_name}"`))))).join('\n').toUpperCase();
      for (const s of students) {
        expect(dump).not.toContain(s.code);
        expect(dump).not.toContain(s.code.replace(/-/g, ''));
      }
      // The codes are not shown again: no query returns them (the sheet is the only answer that carries one).
      const schema = await gqlOk(api.url, `{ __type(name: "User") { fields { name } } }`);
      expect(schema.__type.fields.map((f: { name: string }) => f.name)).not.toContain('code');
    });

    it('refuses more than 60 per call (BAD_USER_INPUT on students) and a team over maxTeamSize (FAILED_PRECONDITION), creating nothing', async () => {
      const { teacher, team } = await schoolTeam();
      const before = await counts(team.id);
      expect((await add(teacher, team.id, names(61))).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'students' });
      expect((await add(teacher, team.id, [])).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'students' });
      // maxTeamSize 60 counts the coach: 60 students would make 61 members.
      const full = await add(teacher, team.id, names(60));
      expect(full.errors?.[0]?.extensions).toMatchObject({ code: 'FAILED_PRECONDITION', maxTeamSize: 60, members: 1 });
      expect(await counts(team.id)).toEqual(before);

      const small = await createChallenge(api.url, organizer, promoterId, { title: 'Squadre piccole', maxTeamSize: 4 });
      await publishChallenge(api.url, organizer, small.id);
      const { teacher: t2, team: smallTeam } = await schoolTeam({ challenge: small.id });
      await addOk(t2, smallTeam.id, names(2));
      const over = await add(t2, smallTeam.id, names(2, 'Altro'));
      expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'FAILED_PRECONDITION', maxTeamSize: 4, members: 3 });
      expect((await counts(smallTeam.id)).members).toBe(3);
      await addOk(t2, smallTeam.id, names(1, 'Ultimo'));
    });

    it('counts at most 60 roster students per team, removed ones included', async () => {
      const { teacher, team } = await schoolTeam();
      const first = await addOk(teacher, team.id, names(59));
      for (const s of first.slice(0, 5)) await gqlOk(api.url, REMOVE, { team: team.id, user: s.user.id }, teacher.token);
      const res = await add(teacher, team.id, names(2, 'Nuovo'));
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FAILED_PRECONDITION', maxRosterStudents: 60, rosterStudents: 59 });
      expect(await counts(team.id)).toMatchObject({ members: 55, roster: 59 });
      await addOk(teacher, team.id, names(1, 'Nuovo'));
      expect(await counts(team.id)).toMatchObject({ members: 56, roster: 60 });
    });

    it('is for coaches of the team (FORBIDDEN for others who see it, NOT_FOUND for unknown teams) and for school teams only', async () => {
      const { teacher, team, schoolId } = await schoolTeam();
      const colleague = await addTeacher(api.url, teacher, schoolId);
      const member = await student(api.url, team.joinCode, 'joined');
      const before = await counts(team.id);
      for (const who of [colleague, member, organizer]) expect((await add(who, team.id, [{ displayName: 'Giulia R.' }])).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await gql(api.url, ADD_STUDENTS, { team: team.id, students: [{ displayName: 'Giulia R.' }], ok: true })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect((await add(teacher, '00000000-0000-4000-8000-000000000000', [{ displayName: 'Giulia R.' }])).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(await counts(team.id)).toEqual(before);

      const hack = await createChallenge(api.url, organizer, promoterId, { title: 'Hackathon aperto', format: 'OPEN_HACKATHON' });
      await publishChallenge(api.url, organizer, hack.id);
      const captain = await signUp(api.url, { label: 'captain' });
      const hackTeam = await createTeam(api.url, captain, { challengeId: hack.id, name: 'Aperti' });
      expect((await add(captain, hackTeam.id, [{ displayName: 'Giulia R.' }])).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('signing in with a code', () => {
    it('works with the printed code (case and dashes do not matter), until the student sets a password; the username then signs in with it', async () => {
      const { teacher, team } = await schoolTeam({ name: 'IIS Belluzzi' });
      const [giulia, marco] = await addOk(teacher, team.id, [{ displayName: 'Giulia R.' }, { displayName: 'Marco T.' }]);
      const signedIn = await gqlOk(api.url, SIGN_IN_CODE, { u: giulia!.username, c: giulia!.code });
      expect(signedIn.signInWithCode.user).toEqual({ id: giulia!.user.id, displayName: 'Giulia R.', email: null, username: giulia!.username });
      expect(signedIn.signInWithCode.refreshToken).toEqual(expect.any(String));
      // The code keeps working (several devices, a lost session) and may be typed loosely.
      await gqlOk(api.url, SIGN_IN_CODE, { u: giulia!.username.toUpperCase(), c: giulia!.code.replace(/-/g, '').toLowerCase() });
      const me = await gqlOk(api.url, ME, {}, signedIn.signInWithCode.accessToken);
      expect(me.me).toEqual({ id: giulia!.user.id, displayName: 'Giulia R.', email: null, username: giulia!.username, emailVerified: false });

      // Wrong code, someone else's code, unknown username: the same UNAUTHENTICATED.
      for (const [u, c] of [
        [giulia!.username, 'ABCD-EFGH-JKMN'],
        [giulia!.username, marco!.code],
        ['nobody-here-xx', giulia!.code],
        [giulia!.username, 'short'],
      ] as const) {
        expect((await signInCode(u, c)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }

      // Setting a password needs no current one, and ends the code.
      await gqlOk(api.url, CHANGE, { i: { newPassword: 'giulia-password-1' } }, signedIn.signInWithCode.accessToken);
      expect((await signInCode(giulia!.username, giulia!.code)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const [row] = await db.query(`SELECT code_hash FROM roster_student WHERE user_id = $1`, [giulia!.user.id]);
      expect(row.code_hash).toBeNull();
      const byPassword = await gqlOk(api.url, SIGN_IN, { i: { email: giulia!.username, password: 'giulia-password-1' } });
      expect(byPassword.signIn.user.id).toBe(giulia!.user.id);
      // Now the password is there, changing it needs the current one.
      expect(await gqlError(api.url, CHANGE, { i: { newPassword: 'another-password' } }, byPassword.signIn.accessToken)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'currentPassword',
      });
      // Marco's code is untouched.
      await gqlOk(api.url, SIGN_IN_CODE, { u: marco!.username, c: marco!.code });
    });

    it('resetStudentCode: the old code stops at once, the new one is returned once; coaches of the team only', async () => {
      const { teacher, team, schoolId } = await schoolTeam({ name: 'Liceo Galvani' });
      const [luca] = await addOk(teacher, team.id, [{ displayName: 'Luca B.' }]);
      const session = await gqlOk(api.url, SIGN_IN_CODE, { u: luca!.username, c: luca!.code });
      const colleague = await addTeacher(api.url, teacher, schoolId);
      const outsider = await signUp(api.url, { label: 'stranger' });
      const teammate = await student(api.url, team.joinCode, 'teammate');
      const hashBefore = (await db.query(`SELECT code_hash FROM roster_student WHERE user_id = $1`, [luca!.user.id]))[0].code_hash;

      expect((await gqlError(api.url, RESET_CODE, { id: luca!.user.id })).code).toBe('UNAUTHENTICATED');
      expect((await gqlError(api.url, RESET_CODE, { id: luca!.user.id }, outsider.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, RESET_CODE, { id: luca!.user.id }, colleague.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, RESET_CODE, { id: luca!.user.id }, teammate.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, RESET_CODE, { id: luca!.user.id }, organizer.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, RESET_CODE, { id: teammate.id }, teacher.token)).code).toBe('NOT_FOUND');
      expect((await db.query(`SELECT code_hash FROM roster_student WHERE user_id = $1`, [luca!.user.id]))[0].code_hash).toBe(hashBefore);
      await gqlOk(api.url, SIGN_IN_CODE, { u: luca!.username, c: luca!.code });

      const reset = (await gqlOk(api.url, RESET_CODE, { id: luca!.user.id }, teacher.token)).resetStudentCode;
      expect(reset).toMatchObject({
        user: { id: luca!.user.id },
        username: luca!.username,
        displayName: 'Luca B.',
        teamName: '4B Verde',
        schoolName: 'Liceo Galvani',
        challengeTitle,
      });
      expect(reset.code).toMatch(CODE_FORMAT);
      expect(reset.code).not.toBe(luca!.code);
      expect((await signInCode(luca!.username, luca!.code)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      // The sessions opened with the old code end at once.
      expect((await gqlOk(api.url, ME, {}, session.signInWithCode.accessToken)).me).toBeNull();
      await gqlOk(api.url, SIGN_IN_CODE, { u: luca!.username, c: reset.code });

      // A student who set a password and forgot it: a new code clears the password and works.
      const s2 = await gqlOk(api.url, SIGN_IN_CODE, { u: luca!.username, c: reset.code });
      await gqlOk(api.url, CHANGE, { i: { newPassword: 'luca-password-12' } }, s2.signInWithCode.accessToken);
      const again = (await gqlOk(api.url, RESET_CODE, { id: luca!.user.id }, teacher.token)).resetStudentCode;
      await gqlOk(api.url, SIGN_IN_CODE, { u: luca!.username, c: again.code });
      expect((await gql(api.url, SIGN_IN, { i: { email: luca!.username, password: 'luca-password-12' } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const dump = JSON.stringify(await db.query(`SELECT * FROM roster_student WHERE user_id = $1`, [luca!.user.id])).toUpperCase();
      expect(dump).not.toContain(again.code.replace(/-/g, ''));
    });
  });

  describe('consents (PUBLIC_NAME)', () => {
    const RECORD = `mutation($u: ID!, $by: ConsentGivenBy!) { recordConsent(userId: $u, purpose: PUBLIC_NAME, givenBy: $by) { purpose givenBy givenAt withdrawnAt } }`;
    const WITHDRAW = `mutation($u: ID!) { withdrawConsent(userId: $u, purpose: PUBLIC_NAME) }`;
    const active = async (userId: string) =>
      db.query(`SELECT given_by, recorded_by_id, withdrawn_at, withdrawn_by_id FROM consent_record WHERE user_id = $1 ORDER BY given_at`, [userId]);

    it('a student gives their own, a coach records a parent’s; either withdraws; nobody else', async () => {
      const { teacher, team, schoolId } = await schoolTeam({ name: 'Liceo Copernico' });
      const [elena, piero] = await addOk(teacher, team.id, [{ displayName: 'Elena M.' }, { displayName: 'Piero L.' }]);
      const elenaToken = (await gqlOk(api.url, SIGN_IN_CODE, { u: elena!.username, c: elena!.code })).signInWithCode.accessToken as string;
      const colleague = await addTeacher(api.url, teacher, schoolId);
      const teammate = await student(api.url, team.joinCode, 'consent-mate');

      // Refusals change nothing.
      expect((await gqlError(api.url, RECORD, { u: elena!.user.id, by: 'STUDENT' })).code).toBe('UNAUTHENTICATED');
      expect((await gqlError(api.url, RECORD, { u: elena!.user.id, by: 'PARENT' }, colleague.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, RECORD, { u: elena!.user.id, by: 'PARENT' }, teammate.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, RECORD, { u: elena!.user.id, by: 'STUDENT' }, teacher.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, RECORD, { u: elena!.user.id, by: 'PARENT' }, elenaToken)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, WITHDRAW, { u: elena!.user.id }, organizer.token)).code).toBe('FORBIDDEN');
      expect(await active(elena!.user.id)).toEqual([]);

      const given = await gqlOk(api.url, RECORD, { u: elena!.user.id, by: 'STUDENT' }, elenaToken);
      expect(given.recordConsent).toMatchObject({ purpose: 'PUBLIC_NAME', givenBy: 'STUDENT', withdrawnAt: null });
      // Given again: unchanged.
      expect((await gqlOk(api.url, RECORD, { u: elena!.user.id, by: 'STUDENT' }, elenaToken)).recordConsent.givenAt).toBe(given.recordConsent.givenAt);
      await gqlOk(api.url, RECORD, { u: piero!.user.id, by: 'PARENT' }, teacher.token);
      expect(await active(piero!.user.id)).toEqual([{ given_by: 'PARENT', recorded_by_id: teacher.id, withdrawn_at: null, withdrawn_by_id: null }]);

      expect((await gqlOk(api.url, WITHDRAW, { u: elena!.user.id }, teacher.token)).withdrawConsent).toBe(true);
      expect((await gqlOk(api.url, WITHDRAW, { u: elena!.user.id }, elenaToken)).withdrawConsent).toBe(false);
      const [record] = await active(elena!.user.id);
      expect(record).toMatchObject({ given_by: 'STUDENT', recorded_by_id: elena!.user.id, withdrawn_by_id: teacher.id });
      expect(record.withdrawn_at).toBeInstanceOf(Date);
      // Given anew after a withdrawal: a new record, the old one kept.
      await gqlOk(api.url, RECORD, { u: elena!.user.id, by: 'STUDENT' }, elenaToken);
      expect(await active(elena!.user.id)).toHaveLength(2);
    });
  });

  it('users without email change nothing else: email sign-in, and notifications to a roster team settle their emails', async () => {
    const smtp = await startSmtpSink();
    const saved = process.env.SMTP_URL;
    process.env.SMTP_URL = smtp.url;
    const worker = await startWorker();
    try {
      const { teacher, team } = await schoolTeam({ name: 'ITIS Righi' });
      const [anna] = await addOk(teacher, team.id, [{ displayName: 'Anna P.' }]);
      const session = await gqlOk(api.url, SIGN_IN_CODE, { u: anna!.username, c: anna!.code });
      // The roster student edits the idea; the whole team is notified when it is submitted (idea.submitted).
      const challenge = await gqlOk(api.url, `query($id: ID!) { challenge(id: $id) { themes { id } } }`, { id: challengeId });
      const idea = await saveIdea(api.url, { ...teacher, token: session.signInWithCode.accessToken }, ideaInput(team.id, challenge.challenge.themes[0].id));
      await gqlOk(api.url, `mutation($id: ID!) { submitIdea(ideaId: $id) { id } }`, { id: idea.id }, teacher.token);
      const rows = await waitFor(
        async () => {
          const r: { recipient_id: string; email_sent_at: Date | null; email_failed_at: Date | null; email_failure: string | null }[] = await db.query(
            `SELECT recipient_id, email_sent_at, email_failed_at, email_failure FROM notification WHERE recipient_id = ANY($1::uuid[])`,
            [[anna!.user.id, teacher.id]],
          );
          return r.length === 2 && r.every((n) => n.email_sent_at || n.email_failed_at) ? r : null;
        },
        { what: 'both notifications settled', timeoutMs: 15_000 },
      );
      expect(rows.find((r) => r.recipient_id === anna!.user.id)).toMatchObject({ email_sent_at: null, email_failure: 'no email address' });
      expect(rows.find((r) => r.recipient_id === teacher.id)?.email_sent_at).toBeInstanceOf(Date);
      // Email sign-in is as before.
      await gqlOk(api.url, SIGN_IN, { i: { email: teacher.email, password: teacher.password } });
      expect((await gql(api.url, SIGN_IN, { i: { email: anna!.username, password: 'anything-at-all' } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await worker.close();
      await smtp.close();
      if (saved === undefined) delete process.env.SMTP_URL;
      else process.env.SMTP_URL = saved;
    }
  }, 30_000);
});

/** The venue rules of docs/rules.md with the default limits. */
describe('class rosters at one venue (default limits)', () => {
  const DEFAULTS = {
    RATE_LIMIT_SIGN_IN_PER_ADDRESS: '1000',
    RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '10',
    RATE_LIMIT_SIGN_IN_FAILURES_PER_ACCOUNT: '100',
    RATE_LIMIT_ADD_STUDENTS_PER_COACH: '30',
    RATE_LIMIT_STUDENT_CODE_RESETS_PER_COACH: '120',
  };
  const saved: Record<string, string | undefined> = {};
  let api: RunningApi;
  let db: DataSource;
  let redis: Redis;

  async function clearCounters(): Promise<void> {
    const keys = await redis.keys(`${process.env.QUEUE_PREFIX}:rate:*`);
    if (keys.length) await redis.del(...keys);
  }

  beforeAll(async () => {
    redis = new Redis(process.env.REDIS_URL!);
    for (const [name, value] of Object.entries(DEFAULTS)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    api = await startApi();
    db = await openDatabase();
  });
  afterAll(async () => {
    await api?.close();
    await db?.destroy();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await clearCounters();
    redis.disconnect();
  });

  it('300 roster students of one address sign in within 15 minutes; wrong codes and passwords lock nobody else', async () => {
    const { challenge } = await publishedChallenge(api.url, { title: 'Climathon della scuola', maxTeamSize: 60 });
    const s = await school(api.url, { name: 'Istituto Aldini Valeriani' });
    await gqlOk(api.url, ACCEPT_DPA, { org: s.schoolId, v: '2026-01' }, s.teacher.token);
    const students: Credential[] = [];
    for (let c = 0; c < 6; c++) {
      const team = await createTeam(api.url, s.teacher, { challengeId: challenge.id, schoolId: s.schoolId, name: `Classe ${c + 1}` });
      const res = await gqlOk(api.url, ADD_STUDENTS, { team: team.id, students: names(50, `Classe${'abcdef'[c]}x`), ok: true }, s.teacher.token);
      students.push(...res.addStudents.students);
    }
    expect(new Set(students.map((x) => x.username)).size).toBe(300);
    await clearCounters();
    for (let i = 0; i < students.length; i += 25) {
      await Promise.all(students.slice(i, i + 25).map((x) => gqlOk(api.url, SIGN_IN_CODE, { u: x.username, c: x.code })));
    }

    // One student's wrong codes (10, then RATE_LIMITED) lock only that student's code at this address.
    const [victim, classmate] = students as [Credential, Credential];
    for (let i = 0; i < 10; i++) expect((await gql(api.url, SIGN_IN_CODE, { u: victim.username, c: 'ABCD-EFGH-JKMN' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gql(api.url, SIGN_IN_CODE, { u: victim.username, c: victim.code })).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    await gqlOk(api.url, SIGN_IN_CODE, { u: classmate.username, c: classmate.code });

    // Wrong passwords for a student's username lock its password sign-in, never its code.
    for (let i = 0; i < 12; i++) await gql(api.url, SIGN_IN, { i: { email: classmate.username, password: 'wrong-password-x' } });
    expect((await gql(api.url, SIGN_IN, { i: { email: classmate.username, password: 'wrong-password-x' } })).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    await gqlOk(api.url, SIGN_IN_CODE, { u: classmate.username, c: classmate.code });
  }, 120_000);

  it('limits roster creation per coach, not per address', async () => {
    await clearCounters();
    const { challenge } = await publishedChallenge(api.url, { title: 'Limiti dei docenti' });
    const s = await school(api.url, { name: 'Liceo Minghetti' });
    const colleague = await addTeacher(api.url, s.teacher, s.schoolId);
    await gqlOk(api.url, ACCEPT_DPA, { org: s.schoolId, v: '2026-01' }, s.teacher.token);
    const team = await createTeam(api.url, s.teacher, { challengeId: challenge.id, schoolId: s.schoolId });
    const other = await createTeam(api.url, colleague, { challengeId: challenge.id, schoolId: s.schoolId, name: 'Altra classe' });
    for (let i = 0; i < 30; i++) {
      expect((await gql(api.url, ADD_STUDENTS, { team: team.id, students: [{ displayName: 'Giulia R.' }], ok: false }, s.teacher.token)).errors?.[0]?.extensions?.code).toBe(
        'BAD_USER_INPUT',
      );
    }
    const refused = await gql(api.url, ADD_STUDENTS, { team: team.id, students: [{ displayName: 'Giulia R.' }], ok: true }, s.teacher.token);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await db.query(`SELECT 1 FROM roster_student WHERE team_id = $1`, [team.id])).toEqual([]);
    // The colleague, from the same address, is not affected.
    await gqlOk(api.url, ADD_STUDENTS, { team: other.id, students: [{ displayName: 'Giulia R.' }], ok: true }, colleague.token);
  });
});
