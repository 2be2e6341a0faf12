import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { StudentRetention } from '#domain/people/student-retention.js';
import { ManualClock } from '#platform/clock/clock.js';
import { startApi, type RunningApi } from './helpers/api.js';
import { createTeam, DAY, publishedChallenge, school } from './helpers/challenge-factories.js';
import { openDatabase } from './helpers/db.js';
import { gqlOk } from './helpers/graphql.js';
import { startSmtpSink } from './helpers/smtp-sink.js';
import { waitFor } from './helpers/wait.js';
import { startWorker, type RunningWorker } from './helpers/worker.js';

const ACCEPT_DPA = `mutation($org: ID!) { acceptDataProcessingAgreement(organizationId: $org, version: "2026-01") { version } }`;
const ADD_STUDENTS = `mutation($team: ID!, $students: [RosterStudentInput!]!) {
  addStudents(teamId: $team, students: $students, guardianConsentConfirmed: true) { students { user { id } username } } }`;
const JOIN_TEAM = `mutation($code: String!) { joinTeam(joinCode: $code) { id } }`;
const SIGN_IN_CODE = `mutation($u: String!, $c: String!) { signInWithCode(username: $u, code: $c) { accessToken } }`;

/**
 * Retention (docs/rules.md "Accounts, schools and minors"): roster students of CLOSED challenges are erased
 * STUDENT_RETENTION_DAYS (365 by default) after the last one closed, and the organizers are told 30 days before, once
 * per challenge. Time is the test's ManualClock; the sweeps after the clock moves are the real worker's own timer.
 */
describe('student data retention', () => {
  const clock = new ManualClock(new Date());
  let api: RunningApi;
  let worker: RunningWorker;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let db: DataSource;
  const previousSweep = process.env.RETENTION_SWEEP_MS;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    process.env.SMTP_URL = smtp.url;
    process.env.RETENTION_SWEEP_MS = '1000';
    api = await startApi({ clock });
    worker = await startWorker({ clock });
    db = await openDatabase();
  });
  afterAll(async () => {
    process.env.RETENTION_SWEEP_MS = previousSweep;
    await worker?.close();
    await api?.close();
    await smtp?.close();
    await db?.destroy();
  });

  async function rosterEdition(title: string) {
    const { organizer, challenge } = await publishedChallenge(api.url, { title }, clock.now());
    const s = await school(api.url, { name: `Liceo ${title}` });
    const team = await createTeam(api.url, s.teacher, { challengeId: challenge.id, schoolId: s.schoolId, name: '3A' });
    await gqlOk(api.url, ACCEPT_DPA, { org: s.schoolId }, s.teacher.token);
    const added = await gqlOk(api.url, ADD_STUDENTS, { team: team.id, students: [{ displayName: 'Ada L.' }, { displayName: 'Bruno M.' }] }, s.teacher.token);
    return { organizer, challenge, team, coach: s.teacher, students: added.addStudents.students as { user: { id: string }; username: string; code?: string }[] };
  }
  const close = (challengeId: string) => db.query(`UPDATE challenge SET status = 'CLOSED', closed_at = $2 WHERE id = $1`, [challengeId, clock.now()]);
  const erasedIds = async (ids: string[]) =>
    (await db.query(`SELECT id FROM app_user WHERE id = ANY($1::uuid[]) AND erased_at IS NOT NULL AND username IS NULL ORDER BY id`, [ids])).map((r: any) => r.id);
  const warnings = (challengeId: string) => db.query(`SELECT recipient_id, title, body FROM notification WHERE kind = 'STUDENT_DATA_EXPIRING' AND subject_id = $1`, [challengeId]);

  it('warns the organizers once 30 days before, erases the roster students at 365 days, and spares students still in an open challenge', async () => {
    const closed = await rosterEdition('Chiusa');
    const open = await rosterEdition('Aperta');
    // One student of the closed edition also joined a team of a challenge still open: kept.
    const [ada, bruno] = closed.students;
    const openTeam = await db.query(`SELECT join_code FROM team WHERE id = $1`, [open.team.id]);
    const brunoToken = (
      await gqlOk(api.url, SIGN_IN_CODE, {
        u: bruno!.username,
        c: (await gqlOk(api.url, `mutation($id: ID!) { resetStudentCode(userId: $id) { code } }`, { id: bruno!.user.id }, closed.coach.token)).resetStudentCode.code,
      })
    ).signInWithCode.accessToken;
    await gqlOk(api.url, JOIN_TEAM, { code: openTeam[0].join_code }, brunoToken);
    await close(closed.challenge.id);
    const retention = worker.app.get(StudentRetention);

    // 31 days before the end: nothing yet.
    clock.advance(334 * DAY);
    await retention.sweep();
    expect(await warnings(closed.challenge.id)).toEqual([]);
    expect((await db.query(`SELECT retention_warned_at FROM challenge WHERE id = $1`, [closed.challenge.id]))[0].retention_warned_at).toBeNull();

    // 30 days before: the organizers are told, by the worker's own sweep, once.
    clock.advance(1 * DAY + 60_000);
    const told = await waitFor(
      async () => {
        const rows = await warnings(closed.challenge.id);
        return rows.length > 0 && rows;
      },
      { what: 'STUDENT_DATA_EXPIRING' },
    );
    expect(told).toEqual([expect.objectContaining({ recipient_id: closed.organizer.id, title: expect.stringContaining('Chiusa') })]);
    // One student concerned (Bruno is kept by the open challenge), worded with its plural form.
    expect(told[0].body).toContain('«Chiusa», ora conclusa (un account)');
    await retention.sweep();
    await retention.sweep();
    expect(await warnings(closed.challenge.id)).toHaveLength(1);
    expect(await erasedIds([ada!.user.id, bruno!.user.id])).toEqual([]);

    // 365 days after the close: the worker erases the student whose challenges are all closed, not the other one.
    clock.advance(30 * DAY);
    await waitFor(async () => (await erasedIds([ada!.user.id])).length === 1, { what: 'retention erasure' });
    expect(await erasedIds([bruno!.user.id])).toEqual([]);
    expect(await db.query(`SELECT 1 FROM roster_student WHERE user_id = $1`, [ada!.user.id])).toEqual([]);
    // The open edition's students and organizers are untouched.
    expect(await warnings(open.challenge.id)).toEqual([]);
    expect(await erasedIds(open.students.map((s) => s.user.id))).toEqual([]);
  });
});
