import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { startApi, type RunningApi } from './helpers/api.js';
import { addTeacher, createTeam, ideaInput, joinTeam, makeAdmin, publishedChallenge, saveIdea, school, type TestChallenge } from './helpers/challenge-factories.js';
import { openDatabase } from './helpers/db.js';
import { signUp, type TestUser } from './helpers/factories.js';
import { gql, gqlError, gqlOk } from './helpers/graphql.js';
import { startSmtpSink } from './helpers/smtp-sink.js';
import { waitFor } from './helpers/wait.js';
import { startWorker, type RunningWorker } from './helpers/worker.js';

const ACCEPT_DPA = `mutation($org: ID!) { acceptDataProcessingAgreement(organizationId: $org, version: "2026-01") { version } }`;
const ADD_STUDENTS = `mutation($team: ID!, $students: [RosterStudentInput!]!) {
  addStudents(teamId: $team, students: $students, guardianConsentConfirmed: true) { students { user { id } username displayName code } } }`;
const SIGN_IN_CODE = `mutation($u: String!, $c: String!) { signInWithCode(username: $u, code: $c) { accessToken refreshToken user { id } } }`;
const SIGN_IN = `mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }`;
const REFRESH = `mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken } }`;
const TEAM_PEOPLE = `query($id: ID!) { team(id: $id) { memberCount members { role user { id displayName nameHidden erased } } } }`;
const ORG_PEOPLE = `query($id: ID!) { organization(id: $id) { members { user { id displayName nameHidden } } } }`;
const EXPORT = `query($id: ID) { exportMyData(userId: $id) }`;
const REQUEST_EXPORT = `mutation($id: ID) { requestDataExport(userId: $id) { id status downloadPath expiresAt } }`;
const EXPORT_STATUS = `query($id: ID!) { dataExport(id: $id) { id status downloadPath sizeBytes } }`;
const ERASE = `mutation($id: ID!) { eraseStudent(userId: $id) }`;
const DELETE_ME = `mutation($p: String!) { deleteMyAccount(password: $p) }`;
const RECORD_CONSENT = `mutation($id: ID!) { recordConsent(userId: $id, purpose: PUBLIC_NAME, givenBy: PARENT) { purpose } }`;

interface RosterCredential {
  user: { id: string };
  username: string;
  displayName: string;
  code: string;
}

/**
 * Export and erasure (docs/rules.md "Accounts, schools and minors") and who sees a student's name ("Who sees a person"),
 * against the real API and worker: after erasure no text column of any table holds the person's name, email, username
 * or code, while the team's idea stays whole.
 */
describe('export, erasure and who sees a student', () => {
  let api: RunningApi;
  let worker: RunningWorker;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let db: DataSource;
  let organizer: TestUser;
  let challenge: TestChallenge;
  let coach: TestUser;
  let schoolId: string;
  let teamId: string;
  let roster: RosterCredential[];
  let joined: TestUser;
  let rosterToken: string;
  let ideaId: string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    process.env.SMTP_URL = smtp.url;
    api = await startApi();
    worker = await startWorker();
    db = await openDatabase();
    ({ organizer, challenge } = await publishedChallenge(api.url, { title: 'Climathon Erasure', maxTeamSize: 10 }));
    const s = await school(api.url, { name: 'Liceo Galvani' });
    coach = s.teacher;
    schoolId = s.schoolId;
    const team = await createTeam(api.url, coach, { challengeId: challenge.id, schoolId, name: '5C Blu', className: '5C' });
    teamId = team.id;
    await gqlOk(api.url, ACCEPT_DPA, { org: schoolId }, coach.token);
    roster = (await gqlOk(api.url, ADD_STUDENTS, { team: teamId, students: [{ displayName: 'Zenobia Q.' }, { displayName: 'Quirino V.' }] }, coach.token)).addStudents.students;
    // A student with an email account joins by code: the coach is told by name (TEAM_MEMBER_JOINED), a text erasure must reach.
    joined = await signUp(api.url, { label: 'ottavio', displayName: 'Ottavio Brezzolini' });
    await joinTeam(api.url, joined, team.joinCode);
    rosterToken = (await gqlOk(api.url, SIGN_IN_CODE, { u: roster[0]!.username, c: roster[0]!.code })).signInWithCode.accessToken;
    ideaId = (await saveIdea(api.url, { ...coach, token: rosterToken }, ideaInput(teamId, challenge.themes[0]!.id, { title: 'Orti idroponici in classe' }))).id;
    await gqlOk(api.url, RECORD_CONSENT, { id: roster[0]!.user.id }, coach.token);
    await waitFor(
      async () =>
        (await db.query(`SELECT 1 FROM notification WHERE recipient_id = $1 AND kind = 'TEAM_MEMBER_JOINED' AND body LIKE '%Ottavio Brezzolini%'`, [coach.id])).length > 0,
      { what: "the coach's TEAM_MEMBER_JOINED notification" },
    );
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp?.close();
    await db?.destroy();
  });

  /** Every text-like column of every table: where a person's data could hide. */
  async function tablesHolding(needle: string): Promise<string[]> {
    const columns: { table_name: string; column_name: string }[] = await db.query(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
          AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb') OR c.udt_name IN ('citext', '_text', '_varchar'))`,
    );
    expect(columns.length).toBeGreaterThan(40);
    const hits: string[] = [];
    for (const { table_name, column_name } of columns) {
      const [row] = await db.query(`SELECT count(*)::int AS n FROM "${table_name}" WHERE "${column_name}"::text ILIKE '%' || $1 || '%'`, [needle]);
      if (row.n > 0) hits.push(`${table_name}.${column_name}`);
    }
    return hits;
  }

  describe('who sees a student', () => {
    it('their team, its coach and the organizers see the names; the public and other people see a count', async () => {
      const outsider = await signUp(api.url, { label: 'outsider' });
      for (const token of [undefined, outsider.token]) {
        const seen = (await gqlOk(api.url, TEAM_PEOPLE, { id: teamId }, token)).team;
        expect(seen).toEqual({ memberCount: 4, members: [] });
      }
      for (const viewer of [coach, organizer, joined]) {
        const seen = (await gqlOk(api.url, TEAM_PEOPLE, { id: teamId }, viewer.token)).team;
        expect(seen.memberCount).toBe(4);
        expect(seen.members.map((m: any) => m.user.displayName).sort()).toEqual(['Ottavio Brezzolini', 'Quirino V.', 'Zenobia Q.', 'teacher'].sort());
        expect(seen.members.every((m: any) => m.user.nameHidden === false)).toBe(true);
      }
    });

    it('another path to a student (the school member list) shows a placeholder to a colleague who is not their coach', async () => {
      const colleague = await addTeacher(api.url, coach, schoolId);
      const admin = await makeAdmin(api.url, db, await signUp(api.url, { label: 'names-admin' }));
      // The student with an email account is also a member of the school (e.g. the school's student council).
      await db.query(`INSERT INTO organization_member (organization_id, user_id, role) VALUES ($1, $2, 'MEMBER')`, [schoolId, joined.id]);
      const asSeenBy = async (viewer: TestUser) =>
        (await gqlOk(api.url, ORG_PEOPLE, { id: schoolId }, viewer.token)).organization.members.map((m: any) => m.user).find((u: any) => u.id === joined.id);
      expect(await asSeenBy(colleague)).toEqual({ id: joined.id, displayName: 'Studente', nameHidden: true });
      expect(await asSeenBy(coach)).toEqual({ id: joined.id, displayName: 'Ottavio Brezzolini', nameHidden: false });
      expect(await asSeenBy(admin)).toEqual({ id: joined.id, displayName: 'Ottavio Brezzolini', nameHidden: false });
      expect(await asSeenBy(joined)).toEqual({ id: joined.id, displayName: 'Ottavio Brezzolini', nameHidden: false });
      await db.query(`DELETE FROM organization_member WHERE organization_id = $1 AND user_id = $2`, [schoolId, joined.id]);
    });
  });

  describe('export', () => {
    it('gives a roster student everything stored about them, and their coach the same; nobody else', async () => {
      const own = JSON.parse((await gqlOk(api.url, EXPORT, {}, rosterToken)).exportMyData);
      expect(own.profile).toMatchObject({ id: roster[0]!.user.id, username: roster[0]!.username, displayName: 'Zenobia Q.', email: null });
      expect(own.teams).toEqual([expect.objectContaining({ teamId, team: '5C Blu', role: 'STUDENT' })]);
      expect(own.ideas).toEqual([expect.objectContaining({ id: ideaId, title: 'Orti idroponici in classe' })]);
      expect(own.consents).toEqual([expect.objectContaining({ purpose: 'PUBLIC_NAME', givenBy: 'PARENT', withdrawnAt: null })]);
      expect(own.roster).toEqual([expect.objectContaining({ team: '5C Blu', school: 'Liceo Galvani', privacyNoticeVersion: expect.any(String) })]);
      // No secret of the account travels in the export.
      expect(JSON.stringify(own)).not.toMatch(/argon2|hash/i);

      const byCoach = JSON.parse((await gqlOk(api.url, EXPORT, { id: roster[0]!.user.id }, coach.token)).exportMyData);
      expect(byCoach.profile).toEqual(own.profile);

      const outsider = await signUp(api.url, { label: 'export-outsider' });
      expect((await gqlError(api.url, EXPORT, { id: roster[0]!.user.id }, outsider.token)).code).toBe('NOT_FOUND');
      // The student with an email account exports themself, not their coach for them.
      expect((await gqlError(api.url, EXPORT, { id: joined.id }, coach.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, EXPORT, {})).code).toBe('UNAUTHENTICATED');
    });

    it('a worker-produced export is downloaded once, by its requester only, within 24 hours', async () => {
      const requested = (await gqlOk(api.url, REQUEST_EXPORT, {}, rosterToken)).requestDataExport;
      expect(requested).toMatchObject({ status: 'PENDING', downloadPath: null });
      // Asking again while it is open answers the same request.
      expect((await gqlOk(api.url, REQUEST_EXPORT, {}, rosterToken)).requestDataExport.id).toBe(requested.id);
      let ready: any;
      await waitFor(async () => (ready = (await gqlOk(api.url, EXPORT_STATUS, { id: requested.id }, rosterToken)).dataExport).status === 'READY', {
        what: 'the worker to produce the export',
      });
      expect(ready.downloadPath).toBe(`/exports/data/${requested.id}`);
      expect(ready.sizeBytes).toBeGreaterThan(100);

      const download = (token?: string) => fetch(new URL(ready.downloadPath, api.url), { headers: token ? { authorization: `Bearer ${token}` } : {} });
      const outsider = await signUp(api.url, { label: 'download-outsider' });
      expect((await download()).status).toBe(401);
      const stranger = await download(outsider.token);
      expect(stranger.status).toBe(404);
      expect((await gqlError(api.url, EXPORT_STATUS, { id: requested.id }, outsider.token)).code).toBe('NOT_FOUND');
      const first = await download(rosterToken);
      expect(first.status).toBe(200);
      expect(first.headers.get('cache-control')).toBe('no-store');
      const document = (await first.json()) as { profile: unknown; ideas: unknown };
      expect(document.profile).toMatchObject({ id: roster[0]!.user.id, displayName: 'Zenobia Q.' });
      expect(document.ideas).toEqual([expect.objectContaining({ id: ideaId })]);
      // Once: then gone from the database.
      expect((await download(rosterToken)).status).toBe(410);
      expect((await gqlOk(api.url, EXPORT_STATUS, { id: requested.id }, rosterToken)).dataExport).toMatchObject({ status: 'FETCHED', downloadPath: null });
      expect((await db.query(`SELECT document FROM data_export WHERE id = $1`, [requested.id]))[0].document).toBeNull();

      // The coach's export of the student, left undownloaded past 24 hours, expires.
      const byCoach = (await gqlOk(api.url, REQUEST_EXPORT, { id: roster[0]!.user.id }, coach.token)).requestDataExport;
      await waitFor(async () => (await gqlOk(api.url, EXPORT_STATUS, { id: byCoach.id }, coach.token)).dataExport.status === 'READY', { what: "the coach's export" });
      const now = api.clock.now();
      api.clock.advance(25 * 3600 * 1000); // the worker's clock, which stamped the expiry, started a little after the API's
      try {
        expect((await gqlOk(api.url, EXPORT_STATUS, { id: byCoach.id }, coach.token)).dataExport.status).toBe('EXPIRED');
        const late = await fetch(new URL(`/exports/data/${byCoach.id}`, api.url), { headers: { authorization: `Bearer ${coach.token}` } });
        expect(late.status).toBe(410);
      } finally {
        api.clock.set(now);
      }
      // Back in its 24 hours, the coach's export is READY and holds the student's name: the erasure below must delete it.
      expect((await gqlOk(api.url, EXPORT_STATUS, { id: byCoach.id }, coach.token)).dataExport.status).toBe('READY');
    });

    it('exportMyData answers inline up to DATA_EXPORT_INLINE_MAX_BYTES, beyond it FAILED_PRECONDITION pointing to requestDataExport', async () => {
      process.env.DATA_EXPORT_INLINE_MAX_BYTES = '1024';
      const small = await startApi();
      try {
        const error = await gqlError(small.url, EXPORT, {}, rosterToken);
        expect(error.code).toBe('FAILED_PRECONDITION');
        expect(error.message).toMatch(/requestDataExport/);
      } finally {
        delete process.env.DATA_EXPORT_INLINE_MAX_BYTES;
        await small.close();
      }
    });
  });

  describe('erasure', () => {
    it('refuses whoever is not the coach (NOT_FOUND) and students with their own account (FAILED_PRECONDITION), changing nothing', async () => {
      const before = await db.query(`SELECT id, display_name, username, erased_at FROM app_user WHERE id = ANY($1::uuid[]) ORDER BY id`, [[roster[1]!.user.id, joined.id]]);
      const outsider = await signUp(api.url, { label: 'erase-outsider' });
      expect((await gqlError(api.url, ERASE, { id: roster[1]!.user.id }, outsider.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, ERASE, { id: '00000000-0000-4000-8000-000000000000' }, coach.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, ERASE, { id: 'not-an-id' }, coach.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, ERASE, { id: joined.id }, coach.token)).code).toBe('FAILED_PRECONDITION');
      expect((await gqlError(api.url, ERASE, { id: roster[1]!.user.id })).code).toBe('UNAUTHENTICATED');
      expect(await db.query(`SELECT id, display_name, username, erased_at FROM app_user WHERE id = ANY($1::uuid[]) ORDER BY id`, [[roster[1]!.user.id, joined.id]])).toEqual(
        before,
      );
    });

    it("eraseStudent leaves no trace of the roster student in any table, keeps the team's idea whole, and is idempotent", async () => {
      const erased = roster[0]!;
      const ideaBefore = await db.query(`SELECT id, title, version, team_id, status FROM idea WHERE id = $1`, [ideaId]);
      expect(await tablesHolding('Zenobia')).not.toEqual([]);

      expect((await gqlOk(api.url, ERASE, { id: erased.user.id }, coach.token)).eraseStudent).toBe(true);

      for (const needle of ['Zenobia', erased.username, erased.code, erased.code.replaceAll('-', '')]) expect(await tablesHolding(needle)).toEqual([]);
      expect(await db.query(`SELECT id, title, version, team_id, status FROM idea WHERE id = $1`, [ideaId])).toEqual(ideaBefore);
      const [row] = await db.query(`SELECT display_name, email, username, password_hash, erased_at FROM app_user WHERE id = $1`, [erased.user.id]);
      expect(row).toMatchObject({ display_name: 'Ex membro', email: null, username: null, password_hash: null });
      expect(row.erased_at).toBeInstanceOf(Date);

      // The code, and the session it opened, stop at once.
      expect((await gqlError(api.url, SIGN_IN_CODE, { u: erased.username, c: erased.code })).code).toBe('UNAUTHENTICATED');
      expect((await gql(api.url, `{ me { id } }`, {}, rosterToken)).data?.me ?? null).toBeNull();
      const team = (await gqlOk(api.url, TEAM_PEOPLE, { id: teamId }, coach.token)).team;
      expect(team.memberCount).toBe(3);
      expect(team.members.map((m: any) => m.user.id)).not.toContain(erased.user.id);

      // Twice: nothing changes.
      const snapshot = await db.query(`SELECT * FROM app_user WHERE id = $1`, [erased.user.id]);
      expect((await gqlOk(api.url, ERASE, { id: erased.user.id }, coach.token)).eraseStudent).toBe(true);
      expect(await db.query(`SELECT * FROM app_user WHERE id = $1`, [erased.user.id])).toEqual(snapshot);
    });

    it('deleteMyAccount takes 10 attempts per user per 15 minutes, so a stolen session cannot guess the password', async () => {
      const victim = await signUp(api.url, { label: 'guessed' });
      for (let i = 0; i < 10; i += 1) expect((await gqlError(api.url, DELETE_ME, { p: `guess number ${i}` }, victim.token)).code).toBe('BAD_USER_INPUT');
      expect((await gqlError(api.url, DELETE_ME, { p: victim.password }, victim.token)).code).toBe('RATE_LIMITED');
      expect((await db.query(`SELECT erased_at FROM app_user WHERE id = $1`, [victim.id]))[0].erased_at).toBeNull();
    });

    it('deleteMyAccount needs the password, then erases the person everywhere, the notifications others got about them included', async () => {
      expect(await gqlError(api.url, DELETE_ME, { p: 'wrong password!' }, joined.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
      expect((await db.query(`SELECT erased_at FROM app_user WHERE id = $1`, [joined.id]))[0].erased_at).toBeNull();
      expect(await tablesHolding('Brezzolini')).toContain('notification.body');

      expect((await gqlOk(api.url, DELETE_ME, { p: joined.password }, joined.token)).deleteMyAccount).toBe(true);

      for (const needle of ['Brezzolini', joined.email]) expect(await tablesHolding(needle)).toEqual([]);
      expect((await gqlError(api.url, SIGN_IN, { i: { email: joined.email, password: joined.password } })).code).toBe('UNAUTHENTICATED');
      expect((await gqlError(api.url, REFRESH, { t: joined.refreshToken })).code).toBe('UNAUTHENTICATED');
      // The coach's notification stays, with the name replaced.
      const [note] = await db.query(`SELECT body FROM notification WHERE recipient_id = $1 AND kind = 'TEAM_MEMBER_JOINED' ORDER BY created_at LIMIT 1`, [coach.id]);
      expect(note.body).toContain('Ex membro');
    });

    it('a roster student without a password deletes their account with their code', async () => {
      const other = roster[1]!;
      const token = (await gqlOk(api.url, SIGN_IN_CODE, { u: other.username, c: other.code })).signInWithCode.accessToken;
      expect((await gqlError(api.url, DELETE_ME, { p: 'AAAA-BBBB-CCCC' }, token)).code).toBe('BAD_USER_INPUT');
      expect((await gqlOk(api.url, DELETE_ME, { p: other.code }, token)).deleteMyAccount).toBe(true);
      expect(await tablesHolding(other.username)).toEqual([]);
      expect(await tablesHolding('Quirino')).toEqual([]);
    });
  });
});
