import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { round2 } from '#domain/reports/csv.js';
import { startApi, type RunningApi } from './helpers/api.js';
import { createChallenge, createTeam, DAY, forceStatus, ideaInput, publishChallenge, publishedChallenge, saveIdea, SAVE_IDEA, student } from './helpers/challenge-factories.js';
import { openDatabase } from './helpers/db.js';
import { addMember, createOrganization, signUp, type TestUser } from './helpers/factories.js';
import { collect, gql, gqlError, gqlOk, wsClient } from './helpers/graphql.js';
import {
  ADD_JUROR,
  addJuror,
  assignmentRows,
  judgingFixture,
  LEADERBOARD,
  myAssignments,
  newJuror,
  PROGRESS,
  PUBLISH_RESULTS,
  RECUSE,
  REMOVE_JUROR,
  REVIEW_FIELDS,
  START_JUDGING,
  startJudging,
  SUBMIT_REVIEW,
  submitReview,
  uniformScores,
} from './helpers/judging-factories.js';
import { startSmtpSink } from './helpers/smtp-sink.js';
import { sleep, waitFor } from './helpers/wait.js';
import { startWorker, type RunningWorker } from './helpers/worker.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const IDEA = `query($id: ID!) { idea(id: $id) { id title team { id name school { id } } reviews { ${REVIEW_FIELDS} } score { rank rawScore } awards { title place } } }`;
const JURORS = `query($id: ID!) { challenge(id: $id) { jurors { id user { id } } } }`;
/** One criterion weighted 1 out of 100: a review's total T is its value. */
const ONE_CRITERION = { criteria: [{ name: 'Qualità', weight: 1, maxScore: 100 }] };

describe('judging', () => {
  let api: RunningApi;
  let worker: RunningWorker;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let db: DataSource;

  const jurorCount = async (challengeId: string) => (await db.query(`SELECT count(*)::int AS n FROM juror WHERE challenge_id = $1`, [challengeId]))[0].n as number;
  const reviewRows = async (assignmentId: string) => db.query(`SELECT id, version, total, comment, scores FROM review WHERE assignment_id = $1`, [assignmentId]);
  const revisionRows = async (assignmentId: string) =>
    db.query(`SELECT version, total, comment, scores FROM review_revision WHERE assignment_id = $1 ORDER BY version`, [assignmentId]);
  const notifications = async (userId: string, kind: string) =>
    db.query(`SELECT title, body, subject_id, event_id FROM notification WHERE recipient_id = $1 AND kind = $2`, [userId, kind]);
  const challengeStatus = async (id: string) => (await db.query(`SELECT status FROM challenge WHERE id = $1`, [id]))[0].status as string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    process.env.SMTP_URL = smtp.url;
    api = await startApi();
    worker = await startWorker();
    db = await openDatabase();
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await smtp.close();
    await db.destroy();
  });

  describe('addJuror and removeJuror', () => {
    it('lets an organizer add an existing user with an affiliation, from DRAFT on; Challenge.jurors is for organizers only', async () => {
      const organizer = await signUp(api.url, { label: 'organizer' });
      const promoterId = await createOrganization(api.url, organizer, { kind: 'PROMOTER' });
      const draft = await createChallenge(api.url, organizer, promoterId);
      const expert = await signUp(api.url, { label: 'expert' });
      const companyId = await createOrganization(api.url, expert, { kind: 'COMPANY' });
      const juror = (await gqlOk(api.url, ADD_JUROR, { input: { challengeId: draft.id, email: expert.email.toUpperCase(), affiliationId: companyId } }, organizer.token)).addJuror;
      expect(juror).toMatchObject({ assignedCount: 0, submittedCount: 0, user: { id: expert.id }, challenge: { id: draft.id }, affiliation: { id: companyId } });
      expect((await gqlOk(api.url, JURORS, { id: draft.id }, organizer.token)).challenge.jurors).toEqual([{ id: juror.id, user: { id: expert.id } }]);
      await publishChallenge(api.url, organizer, draft.id);
      expect((await gqlOk(api.url, JURORS, { id: draft.id }, expert.token)).challenge.jurors).toEqual([]);
      expect((await gqlOk(api.url, JURORS, { id: draft.id })).challenge.jurors).toEqual([]);
    });

    it('answers every error code of addJuror and changes nothing', async () => {
      const { organizer, challenge } = await publishedChallenge(api.url);
      const expert = await signUp(api.url, { label: 'expert' });
      const outsider = await signUp(api.url, { label: 'outsider' });
      await addJuror(api.url, organizer, challenge.id, expert);
      const add = (input: Record<string, unknown>, user?: TestUser) =>
        gqlError(api.url, ADD_JUROR, { input: { challengeId: challenge.id, email: expert.email, ...input } }, user?.token);
      expect((await add({}, organizer)).code).toBe('CONFLICT');
      expect((await add({ email: outsider.email }, outsider)).code).toBe('FORBIDDEN');
      expect((await add({ email: 'nobody@example.test' }, organizer)).code).toBe('NOT_FOUND');
      expect(await add({ email: 'not an email' }, organizer)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
      expect(await add({ email: outsider.email, affiliationId: UNKNOWN }, organizer)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'affiliationId' });
      expect((await add({ challengeId: UNKNOWN, email: outsider.email }, organizer)).code).toBe('NOT_FOUND');
      expect((await add({ challengeId: 'nope', email: outsider.email }, organizer)).code).toBe('NOT_FOUND');
      expect((await add({ email: outsider.email })).code).toBe('UNAUTHENTICATED');
      const otherDraft = await createChallenge(api.url, outsider, await createOrganization(api.url, outsider, { kind: 'PROMOTER' }));
      expect((await add({ challengeId: otherDraft.id, email: outsider.email }, organizer)).code).toBe('NOT_FOUND');
      await forceStatus(db, challenge.id, 'RESULTS_PUBLISHED');
      expect((await add({ email: outsider.email }, organizer)).code).toBe('FAILED_PRECONDITION');
      expect(await jurorCount(challenge.id)).toBe(1);
    });

    it('removes a juror without assignments; refuses one with assignments, non-organizers and unknown ids', async () => {
      const f = await judgingFixture(api.url, { ideas: 1, jurors: 2 });
      const spare = await newJuror(api.url, f.organizer, f.challenge.id, 'spare');
      // Only organizers see a jury: for a fellow juror or an outsider a real juror is exactly an unknown id.
      const outsider = await signUp(api.url, { label: 'outsider' });
      for (const user of [f.jurors[0]!.user, outsider]) {
        const real = await gqlError(api.url, REMOVE_JUROR, { id: spare.jurorId }, user.token);
        const unknown = await gqlError(api.url, REMOVE_JUROR, { id: UNKNOWN }, user.token);
        expect(real.code).toBe('NOT_FOUND');
        expect(real).toEqual(unknown);
      }
      expect(await jurorCount(f.challenge.id)).toBe(3);
      expect((await gqlError(api.url, REMOVE_JUROR, { id: UNKNOWN }, f.organizer.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, REMOVE_JUROR, { id: 'x' }, f.organizer.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, REMOVE_JUROR, { id: spare.jurorId })).code).toBe('UNAUTHENTICATED');
      await startJudging(api.url, f.organizer, f.challenge.id);
      const busy = (await assignmentRows(db, f.challenge.id))[0]!.juror_id;
      expect((await gqlError(api.url, REMOVE_JUROR, { id: busy }, f.organizer.token)).code).toBe('FAILED_PRECONDITION');
      const idle = (
        await db.query(`SELECT id FROM juror j WHERE challenge_id = $1 AND NOT EXISTS (SELECT 1 FROM review_assignment ra WHERE ra.juror_id = j.id)`, [f.challenge.id])
      )[0].id;
      expect((await gqlOk(api.url, REMOVE_JUROR, { id: idle }, f.organizer.token)).removeJuror).toBe(true);
      expect(await jurorCount(f.challenge.id)).toBe(2);
      await forceStatus(db, f.challenge.id, 'RESULTS_PUBLISHED');
      const last = (await db.query(`SELECT id FROM juror WHERE challenge_id = $1 AND id <> $2`, [f.challenge.id, busy]))[0].id;
      expect((await gqlError(api.url, REMOVE_JUROR, { id: last }, f.organizer.token)).code).toBe('FAILED_PRECONDITION');
    });
  });

  describe('startJudging', () => {
    it('gives every SUBMITTED idea exactly reviewsPerIdea distinct jurors without conflicts, loads within one, and notifies each juror once with the count', async () => {
      const f = await judgingFixture(api.url, { ideas: 5, jurors: 3 });
      // Conflicts: a student of idea 0's team, a member of the school, a juror affiliated with the school.
      const team0Student = await student(api.url, (await db.query(`SELECT join_code FROM team WHERE id = $1`, [f.ideas[0]!.teamId]))[0].join_code, 'conflicted');
      const conflicted = [await addJuror(api.url, f.organizer, f.challenge.id, team0Student)];
      const colleague = await signUp(api.url, { label: 'colleague' });
      await addMember(api.url, f.teacher, f.schoolId, colleague);
      conflicted.push(await addJuror(api.url, f.organizer, f.challenge.id, colleague));
      conflicted.push((await newJuror(api.url, f.organizer, f.challenge.id, 'affiliated', f.schoolId)).jurorId);
      // A DRAFT idea is not assigned.
      const draftTeam = await createTeam(api.url, f.teacher, { challengeId: f.challenge.id, schoolId: f.schoolId });
      const draft = await saveIdea(api.url, f.teacher, ideaInput(draftTeam.id, f.challenge.themes[0]!.id));

      expect((await gqlOk(api.url, START_JUDGING, { id: f.challenge.id }, f.organizer.token)).startJudging).toEqual({ id: f.challenge.id, status: 'JUDGING' });
      const rows = await assignmentRows(db, f.challenge.id);
      expect(rows).toHaveLength(5 * 2);
      for (const idea of f.ideas) {
        const jurors = rows.filter((r) => r.idea_id === idea.id).map((r) => r.juror_id);
        expect(new Set(jurors).size).toBe(2);
      }
      expect(rows.some((r) => r.idea_id === draft.id)).toBe(false);
      // The team member conflicts with idea 0 only; the colleague and the affiliated juror with every idea (same school).
      expect(rows.filter((r) => r.juror_id === conflicted[0] && r.idea_id === f.ideas[0]!.id)).toHaveLength(0);
      expect(rows.filter((r) => r.juror_id === conflicted[1] || r.juror_id === conflicted[2])).toHaveLength(0);
      const loads = new Map<string, number>();
      for (const r of rows) loads.set(r.juror_id, (loads.get(r.juror_id) ?? 0) + 1);
      const eligible = [...f.jurors.map((j) => j.jurorId), conflicted[0]!].map((id) => loads.get(id) ?? 0);
      expect(Math.max(...eligible) - Math.min(...eligible)).toBeLessThanOrEqual(1);
      const [{ judging_closes_at: closes }] = await db.query(`SELECT judging_closes_at FROM challenge WHERE id = $1`, [f.challenge.id]);
      expect(rows.every((r) => r.status === 'PENDING' && r.due_at.getTime() === new Date(closes).getTime())).toBe(true);
      // Submissions are closed now.
      expect((await gqlError(api.url, SAVE_IDEA, { input: ideaInput(draftTeam.id, f.challenge.themes[0]!.id) }, f.teacher.token)).code).toBe('FAILED_PRECONDITION');

      const first = f.jurors[0]!.user;
      const told = await waitFor(async () => (await notifications(first.id, 'REVIEW_ASSIGNED')).length > 0 && notifications(first.id, 'REVIEW_ASSIGNED'), {
        what: 'REVIEW_ASSIGNED',
      });
      expect(told).toHaveLength(1);
      const load = loads.get(f.jurors[0]!.jurorId)!;
      expect(told[0].body).toMatch(load === 1 ? /^Hai una nuova idea da valutare nella sfida / : new RegExp(`^Hai ${load} nuove idee da valutare nella sfida `));
      expect(told[0].body).not.toContain('Squadra');
      expect(await notifications(colleague.id, 'REVIEW_ASSIGNED')).toHaveLength(0);
      // Juror.assignedCount follows the assignments.
      const listed = (await gqlOk(api.url, `query($id: ID!) { challenge(id: $id) { jurors { id assignedCount submittedCount } } }`, { id: f.challenge.id }, f.organizer.token))
        .challenge.jurors;
      for (const j of listed) expect(j).toMatchObject({ assignedCount: loads.get(j.id) ?? 0, submittedCount: 0 });
    });

    it('fails with FAILED_PRECONDITION naming the ideas that cannot be covered, and assigns nothing', async () => {
      const f = await judgingFixture(api.url, { ideas: 2, jurors: 1, overrides: { reviewsPerIdea: 1 } });
      // The only juror is the coach of the teams: every idea conflicts.
      await addJuror(api.url, f.organizer, f.challenge.id, f.teacher);
      await db.query(`DELETE FROM juror WHERE id = $1`, [f.jurors[0]!.jurorId]);
      const result = await gql(api.url, START_JUDGING, { id: f.challenge.id }, f.organizer.token);
      const error = result.errors![0]!;
      expect(error.extensions?.code).toBe('FAILED_PRECONDITION');
      expect(error.message).toContain('Idea numero 0');
      expect(error.message).toContain('Idea numero 1');
      expect([...(error.extensions?.ideaIds as string[])].sort()).toEqual(f.ideas.map((i) => i.id).sort());
      expect(await assignmentRows(db, f.challenge.id)).toHaveLength(0);
      expect(await challengeStatus(f.challenge.id)).toBe('PUBLISHED');
    });

    it('needs a PUBLISHED challenge with a juror, an organizer, and a known challenge', async () => {
      const { organizer, challenge } = await publishedChallenge(api.url);
      const outsider = await signUp(api.url, { label: 'outsider' });
      expect((await gqlError(api.url, START_JUDGING, { id: challenge.id }, organizer.token)).code).toBe('FAILED_PRECONDITION');
      await addJuror(api.url, organizer, challenge.id, outsider);
      expect((await gqlError(api.url, START_JUDGING, { id: challenge.id }, outsider.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, START_JUDGING, { id: UNKNOWN }, organizer.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, START_JUDGING, { id: challenge.id })).code).toBe('UNAUTHENTICATED');
      expect(await challengeStatus(challenge.id)).toBe('PUBLISHED');
      await startJudging(api.url, organizer, challenge.id); // no submitted idea: judging starts with nothing to review
      expect((await gqlError(api.url, START_JUDGING, { id: challenge.id }, organizer.token)).code).toBe('FAILED_PRECONDITION');
    });
  });

  describe('reviews', () => {
    it('lists a juror their assignments and stores a review with its weighted total; a resubmission replaces it and keeps the audit trail', async () => {
      const f = await judgingFixture(api.url, { ideas: 2, jurors: 2 });
      await startJudging(api.url, f.organizer, f.challenge.id);
      const juror = f.jurors[0]!.user;
      const assignments = await myAssignments(api.url, juror, f.challenge.id);
      expect(assignments).toHaveLength(2);
      expect(assignments[0]).toMatchObject({ status: 'PENDING', juror: { id: f.jurors[0]!.jurorId }, review: null });
      expect(await myAssignments(api.url, f.teacher, f.challenge.id)).toEqual([]);
      const [impact, feasibility] = f.challenge.criteria;
      const review = await submitReview(
        api.url,
        juror,
        assignments[0].id,
        [
          { criterionId: feasibility!.id, value: 5 },
          { criterionId: impact!.id, value: 8 },
        ],
        ' Ottimo lavoro ',
      );
      // T = 100 * (2 * 8/10 + 1 * 5/10) / 3 = 70
      expect(review.total).toBeCloseTo(70, 9);
      expect(review).toMatchObject({ comment: 'Ottimo lavoro', juror: { id: f.jurors[0]!.jurorId }, submittedAt: api.clock.now().toISOString() });
      expect(review.scores).toEqual([
        { value: 8, criterion: { id: impact!.id, name: 'Impatto' } },
        { value: 5, criterion: { id: feasibility!.id, name: 'Fattibilità' } },
      ]);
      expect(await myAssignments(api.url, juror, f.challenge.id, 'SUBMITTED')).toMatchObject([{ id: assignments[0].id, review: { id: review.id } }]);
      expect(await myAssignments(api.url, juror, f.challenge.id, 'PENDING')).toMatchObject([{ id: assignments[1].id }]);

      api.clock.advance(60_000);
      const replaced = await submitReview(api.url, juror, assignments[0].id, uniformScores(f.challenge, 10));
      expect(replaced).toMatchObject({ id: review.id, total: 100, comment: null, submittedAt: review.submittedAt, updatedAt: api.clock.now().toISOString() });
      expect(await revisionRows(assignments[0].id)).toMatchObject([
        { version: 1, comment: 'Ottimo lavoro' },
        { version: 2, comment: null, total: 100 },
      ]);
      expect((await revisionRows(assignments[0].id))[0].total).toBeCloseTo(70, 9);
      expect(await reviewRows(assignments[0].id)).toMatchObject([{ id: review.id, version: 2, total: 100 }]);
    });

    it('refuses invalid scores and comments with BAD_USER_INPUT, storing nothing', async () => {
      const f = await judgingFixture(api.url, { ideas: 1, jurors: 2 });
      await startJudging(api.url, f.organizer, f.challenge.id);
      const juror = f.jurors[0]!.user;
      const [assignment] = await myAssignments(api.url, juror, f.challenge.id);
      const [impact, feasibility] = f.challenge.criteria;
      const cases: [string, { criterionId: string; value: number }[], string?][] = [
        ['scores', [{ criterionId: impact!.id, value: 5 }]],
        [
          'scores.1.criterionId',
          [
            { criterionId: impact!.id, value: 5 },
            { criterionId: impact!.id, value: 5 },
          ],
        ],
        [
          'scores.1.criterionId',
          [
            { criterionId: impact!.id, value: 5 },
            { criterionId: UNKNOWN, value: 5 },
          ],
        ],
        [
          'scores.0.value',
          [
            { criterionId: impact!.id, value: 11 },
            { criterionId: feasibility!.id, value: 5 },
          ],
        ],
        [
          'scores.1.value',
          [
            { criterionId: impact!.id, value: 1 },
            { criterionId: feasibility!.id, value: -1 },
          ],
        ],
        ['comment', uniformScores(f.challenge, 5), 'c'.repeat(5001)],
      ];
      for (const [field, scores, comment] of cases) {
        expect(await gqlError(api.url, SUBMIT_REVIEW, { input: { assignmentId: assignment.id, scores, comment } }, juror.token)).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
      // A non-integer value is refused by the schema itself (GraphQL Int), before any resolver runs.
      expect((await gql(api.url, SUBMIT_REVIEW, { input: { assignmentId: assignment.id, scores: [{ criterionId: impact!.id, value: 1.5 }] } }, juror.token)).errors).toHaveLength(
        1,
      );
      expect(await reviewRows(assignment.id)).toHaveLength(0);
      expect((await db.query(`SELECT status FROM review_assignment WHERE id = $1`, [assignment.id]))[0].status).toBe('PENDING');
      // The boundaries are accepted: 0, maxScore and 5,000 characters.
      await submitReview(
        api.url,
        juror,
        assignment.id,
        [
          { criterionId: impact!.id, value: 0 },
          { criterionId: feasibility!.id, value: 10 },
        ],
        'c'.repeat(5000),
      );
    });

    it('answers NOT_FOUND to other jurors and outsiders, FORBIDDEN to organizers, UNAUTHENTICATED anonymously', async () => {
      const f = await judgingFixture(api.url, { ideas: 1, jurors: 3 });
      await startJudging(api.url, f.organizer, f.challenge.id);
      const rows = await assignmentRows(db, f.challenge.id);
      const assigned = new Set(rows.map((r) => r.juror_id));
      const unassigned = f.jurors.find((j) => !assigned.has(j.jurorId))!.user;
      const input = { assignmentId: rows[0]!.id, scores: uniformScores(f.challenge, 5) };
      expect((await gqlError(api.url, SUBMIT_REVIEW, { input }, unassigned.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, SUBMIT_REVIEW, { input }, f.teacher.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, SUBMIT_REVIEW, { input }, f.organizer.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, SUBMIT_REVIEW, { input: { ...input, assignmentId: UNKNOWN } }, unassigned.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, SUBMIT_REVIEW, { input: { ...input, assignmentId: 'bad' } }, unassigned.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, SUBMIT_REVIEW, { input })).code).toBe('UNAUTHENTICATED');
      expect((await gqlError(api.url, RECUSE, { id: rows[0]!.id, reason: 'conflitto' }, unassigned.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, RECUSE, { id: rows[0]!.id, reason: 'conflitto' }, f.organizer.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, RECUSE, { id: rows[0]!.id, reason: 'conflitto' })).code).toBe('UNAUTHENTICATED');
      expect(await reviewRows(rows[0]!.id)).toHaveLength(0);
      expect((await assignmentRows(db, f.challenge.id)).every((r) => r.status === 'PENDING')).toBe(true);
    });

    it('accepts reviews only while JUDGING and before judgingClosesAt', async () => {
      const f = await judgingFixture(api.url, { ideas: 1, jurors: 2 });
      await startJudging(api.url, f.organizer, f.challenge.id);
      const juror = f.jurors[0]!.user;
      const [assignment] = await myAssignments(api.url, juror, f.challenge.id);
      const input = { assignmentId: assignment.id, scores: uniformScores(f.challenge, 5) };
      const [{ judging_closes_at: closes }] = await db.query(`SELECT judging_closes_at FROM challenge WHERE id = $1`, [f.challenge.id]);
      const realNow = api.clock.now();
      try {
        api.clock.set(new Date(new Date(closes).getTime() - 1));
        await gqlOk(api.url, SUBMIT_REVIEW, { input }, juror.token);
        api.clock.set(new Date(closes));
        expect((await gqlError(api.url, SUBMIT_REVIEW, { input: { ...input, scores: uniformScores(f.challenge, 9) } }, juror.token)).code).toBe('FAILED_PRECONDITION');
        expect((await gqlError(api.url, RECUSE, { id: assignment.id, reason: 'tardi' }, juror.token)).code).toBe('FAILED_PRECONDITION');
      } finally {
        api.clock.set(realNow);
      }
      await forceStatus(db, f.challenge.id, 'RESULTS_PUBLISHED');
      expect((await gqlError(api.url, SUBMIT_REVIEW, { input }, juror.token)).code).toBe('FAILED_PRECONDITION');
      expect(await reviewRows(assignment.id)).toMatchObject([{ version: 1, total: 50 }]);
    });

    it('applies 50 concurrent identical submissions one after the other: one review, 50 revisions, the final values', async () => {
      const f = await judgingFixture(api.url, { ideas: 1, jurors: 2 });
      await startJudging(api.url, f.organizer, f.challenge.id);
      const juror = f.jurors[0]!.user;
      const [assignment] = await myAssignments(api.url, juror, f.challenge.id);
      const input = { assignmentId: assignment.id, scores: uniformScores(f.challenge, 7), comment: 'Concorrente' };
      const results = await Promise.all(Array.from({ length: 50 }, () => gql(api.url, SUBMIT_REVIEW, { input }, juror.token)));
      expect(results.filter((r) => r.errors?.length)).toEqual([]);
      expect(new Set(results.map((r) => r.data.submitReview.id)).size).toBe(1);
      const reviews = await reviewRows(assignment.id);
      expect(reviews).toHaveLength(1);
      expect(reviews[0]).toMatchObject({ version: 50, comment: 'Concorrente' });
      expect(reviews[0].total).toBeCloseTo(70, 9);
      const revisions = await revisionRows(assignment.id);
      expect(revisions.map((r: any) => r.version)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(revisions.every((r: any) => r.total === reviews[0].total && r.comment === 'Concorrente')).toBe(true);
      expect(revisions.at(-1).scores).toEqual(reviews[0].scores);
    });
  });

  describe('recuseFromReview', () => {
    it('marks the assignment RECUSED; the worker reassigns it to the least-loaded eligible juror, once, and tells them', async () => {
      const f = await judgingFixture(api.url, { ideas: 3, jurors: 3, overrides: { reviewsPerIdea: 1 } });
      await startJudging(api.url, f.organizer, f.challenge.id);
      const before = await assignmentRows(db, f.challenge.id);
      const recused = before[0]!;
      const jurorUser = f.jurors.find((j) => j.jurorId === recused.juror_id)!.user;
      expect(await gqlError(api.url, RECUSE, { id: recused.id, reason: ' ' }, jurorUser.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
      expect(await gqlError(api.url, RECUSE, { id: recused.id, reason: 'r'.repeat(2001) }, jurorUser.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
      // A fourth juror joins late with no load: the least loaded.
      const late = await newJuror(api.url, f.organizer, f.challenge.id, 'late');
      const done = (await gqlOk(api.url, RECUSE, { id: recused.id, reason: 'Conosco la squadra' }, jurorUser.token)).recuseFromReview;
      expect(done).toMatchObject({ id: recused.id, status: 'RECUSED', idea: { id: recused.idea_id }, juror: { id: recused.juror_id } });
      expect((await gqlError(api.url, RECUSE, { id: recused.id, reason: 'di nuovo' }, jurorUser.token)).code).toBe('FAILED_PRECONDITION');
      const replacement = await waitFor(
        async () => (await db.query(`SELECT juror_id, status, replaces_assignment_id FROM review_assignment WHERE replaces_assignment_id = $1`, [recused.id]))[0],
        { what: 'the replacement assignment' },
      );
      expect(replacement).toMatchObject({ juror_id: late.jurorId, status: 'PENDING' });
      const told = await waitFor(async () => (await notifications(late.user.id, 'REVIEW_ASSIGNED')).length > 0 && notifications(late.user.id, 'REVIEW_ASSIGNED'), {
        what: 'REVIEW_ASSIGNED',
      });
      expect(told).toHaveLength(1);
      expect(told[0].body).toMatch(/^Hai una nuova idea da valutare nella sfida /);
      expect(await myAssignments(api.url, late.user, f.challenge.id)).toMatchObject([{ idea: { id: recused.idea_id }, status: 'PENDING' }]);
      // Running the event again changes nothing: no second assignment, no second notification.
      const [event] = await db.query(`SELECT id FROM outbox_event WHERE type = 'review.recused' AND payload->>'assignmentId' = $1`, [recused.id]);
      await db.query(`UPDATE outbox_event SET processed_at = NULL WHERE id = $1`, [event.id]);
      const { EventsProcessor } = await import('../apps/worker/src/notifications/events.processor.js');
      await worker.app.get(EventsProcessor).handle({ eventId: event.id });
      expect(await db.query(`SELECT id FROM review_assignment WHERE idea_id = $1 AND status <> 'RECUSED'`, [recused.idea_id])).toHaveLength(1);
      expect(await notifications(late.user.id, 'REVIEW_ASSIGNED')).toHaveLength(1);
      // A submitted assignment cannot be recused.
      const other = before[1]!;
      const otherUser = f.jurors.find((j) => j.jurorId === other.juror_id)!.user;
      await submitReview(api.url, otherUser, other.id, uniformScores(f.challenge, 5));
      expect((await gqlError(api.url, RECUSE, { id: other.id, reason: 'ripensamento' }, otherUser.token)).code).toBe('FAILED_PRECONDITION');
    });

    it('tells the organizers REVIEW_UNASSIGNABLE, once, when no eligible juror is left', async () => {
      const f = await judgingFixture(api.url, { ideas: 1, jurors: 2 });
      const coOrganizer = await signUp(api.url, { label: 'coorganizer' });
      await addMember(api.url, f.organizer, f.promoterId, coOrganizer);
      await startJudging(api.url, f.organizer, f.challenge.id);
      const [assignment] = await myAssignments(api.url, f.jurors[0]!.user, f.challenge.id);
      await gqlOk(api.url, RECUSE, { id: assignment.id, reason: 'Conflitto di interessi' }, f.jurors[0]!.user.token);
      for (const organizer of [f.organizer, coOrganizer]) {
        const told = await waitFor(async () => (await notifications(organizer.id, 'REVIEW_UNASSIGNABLE')).length > 0 && notifications(organizer.id, 'REVIEW_UNASSIGNABLE'), {
          what: 'REVIEW_UNASSIGNABLE',
        });
        expect(told).toMatchObject([{ subject_id: f.ideas[0]!.id }]);
        expect(told[0].title).toContain('Idea numero 0');
      }
      await waitFor(async () => (await db.query(`SELECT recusal_resolved_at FROM review_assignment WHERE id = $1`, [assignment.id]))[0].recusal_resolved_at, {
        what: 'resolution',
      });
      const [event] = await db.query(`SELECT id FROM outbox_event WHERE type = 'review.recused' AND payload->>'assignmentId' = $1`, [assignment.id]);
      await db.query(`UPDATE outbox_event SET processed_at = NULL WHERE id = $1`, [event.id]);
      const { EventsProcessor } = await import('../apps/worker/src/notifications/events.processor.js');
      await worker.app.get(EventsProcessor).handle({ eventId: event.id });
      expect(await notifications(f.organizer.id, 'REVIEW_UNASSIGNABLE')).toHaveLength(1);
      expect(await db.query(`SELECT id FROM review_assignment WHERE idea_id = $1`, [f.ideas[0]!.id])).toHaveLength(2);
    });
  });

  describe('visibility and blind judging', () => {
    it('shows an idea to its assigned jurors only; under blind judging they see no team and no school', async () => {
      const f = await judgingFixture(api.url, { ideas: 2, jurors: 2, overrides: { blindJudging: true, reviewsPerIdea: 1 } });
      const unassigned = await newJuror(api.url, f.organizer, f.challenge.id, 'unassigned');
      await db.query(`UPDATE juror SET affiliation_id = $2 WHERE id = $1`, [unassigned.jurorId, f.schoolId]); // conflicts with everything: never assigned
      const students = [];
      for (const idea of f.ideas) students.push(await student(api.url, (await db.query(`SELECT join_code FROM team WHERE id = $1`, [idea.teamId]))[0].join_code));
      await startJudging(api.url, f.organizer, f.challenge.id);
      const rows = await assignmentRows(db, f.challenge.id);
      const mine = rows.find((r) => r.juror_id === f.jurors[0]!.jurorId)!;
      const notMine = rows.find((r) => r.juror_id !== f.jurors[0]!.jurorId)!;
      const juror = f.jurors[0]!.user;
      const seen = (await gqlOk(api.url, IDEA, { id: mine.idea_id }, juror.token)).idea;
      expect(seen).toMatchObject({ id: mine.idea_id, team: null, score: null });
      expect((await myAssignments(api.url, juror, f.challenge.id))[0].idea).toMatchObject({ id: mine.idea_id, team: null });
      const ideaTeam = f.ideas.find((i) => i.id === mine.idea_id)!.teamId;
      expect((await gqlOk(api.url, `query($id: ID!) { team(id: $id) { id school { id } idea { id } } }`, { id: ideaTeam }, juror.token)).team).toEqual({
        id: ideaTeam,
        school: null,
        idea: null,
      });
      expect((await gqlError(api.url, IDEA, { id: notMine.idea_id }, juror.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, IDEA, { id: mine.idea_id }, unassigned.user.token)).code).toBe('NOT_FOUND');
      const otherStudent = students[f.ideas.findIndex((i) => i.id !== mine.idea_id)]!;
      expect((await gqlError(api.url, IDEA, { id: mine.idea_id }, otherStudent.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, IDEA, { id: mine.idea_id })).code).toBe('NOT_FOUND');
      // The organizer sees the team.
      expect((await gqlOk(api.url, IDEA, { id: mine.idea_id }, f.organizer.token)).idea.team).toMatchObject({ id: ideaTeam, school: { id: f.schoolId } });
      // Nor can the juror learn the school by filtering on it: the filter matches nothing for them.
      const IDS = `query($filter: IdeaFilter) { ideas(first: 10, filter: $filter) { edges { node { id } } } }`;
      const ids = async (user: TestUser, filter: Record<string, unknown>) =>
        (await gqlOk(api.url, IDS, { filter: { challengeId: f.challenge.id, ...filter } }, user.token)).ideas.edges.map((e: any) => e.node.id);
      expect(await ids(juror, {})).toEqual([mine.idea_id]);
      expect(await ids(juror, { schoolId: f.schoolId })).toEqual([]);
      expect(await ids(juror, { district: 'Pianura Est' })).toEqual([]);
      expect((await ids(f.organizer, { schoolId: f.schoolId })).sort()).toEqual(f.ideas.map((i) => i.id).sort());
    });

    it('shows reviews to organizers (with jurors), to their juror (own only), and to the team once results are published (jurors hidden)', async () => {
      const f = await judgingFixture(api.url, { ideas: 2, jurors: 2, overrides: { reviewsPerIdea: 2 } });
      const idea = f.ideas[0]!;
      const teamStudent = await student(api.url, (await db.query(`SELECT join_code FROM team WHERE id = $1`, [idea.teamId]))[0].join_code);
      const otherStudent = await student(api.url, (await db.query(`SELECT join_code FROM team WHERE id = $1`, [f.ideas[1]!.teamId]))[0].join_code);
      await startJudging(api.url, f.organizer, f.challenge.id);
      const rows = (await assignmentRows(db, f.challenge.id)).filter((r) => r.idea_id === idea.id);
      for (const row of rows) await submitReview(api.url, f.jurors.find((j) => j.jurorId === row.juror_id)!.user, row.id, uniformScores(f.challenge, 6));
      const reviews = async (user?: TestUser) => (await gqlOk(api.url, IDEA, { id: idea.id }, user?.token)).idea.reviews;
      expect((await reviews(f.organizer)).map((r: any) => r.juror.id).sort()).toEqual(f.jurors.map((j) => j.jurorId).sort());
      expect((await reviews(f.jurors[0]!.user)).map((r: any) => r.juror.id)).toEqual([f.jurors[0]!.jurorId]);
      expect(await reviews(teamStudent)).toEqual([]);
      expect(await reviews(f.teacher)).toEqual([]);
      await gqlOk(api.url, PUBLISH_RESULTS, { input: { challengeId: f.challenge.id } }, f.organizer.token);
      const teamView = await reviews(teamStudent);
      expect(teamView).toHaveLength(2);
      expect(teamView.every((r: any) => r.juror === null && Math.abs(r.total - 60) < 1e-9 && r.scores.length === 2)).toBe(true);
      expect(await reviews(otherStudent)).toEqual([]);
      expect(await reviews()).toEqual([]);
    });
  });

  describe('leaderboard, progress and results', () => {
    it('never fails on stored extreme values (issue 17.7): a weight of 1e308 written before weights were bounded, totals NaN and Infinity', async () => {
      const f = await judgingFixture(api.url, { ideas: 3, jurors: 2, overrides: { ...ONE_CRITERION, reviewsPerIdea: 2 } });
      await startJudging(api.url, f.organizer, f.challenge.id);
      const rows = await assignmentRows(db, f.challenge.id);
      const review = (i: number, j: number) => rows.find((r) => r.idea_id === f.ideas[i]!.id && r.juror_id === f.jurors[j]!.jurorId)!;
      await submitReview(api.url, f.jurors[0]!.user, review(0, 0).id, uniformScores(f.challenge, 80));
      await submitReview(api.url, f.jurors[1]!.user, review(0, 1).id, uniformScores(f.challenge, 60));
      // As the old API let it in: an unbounded weight, then a review computed with it.
      await db.query(`UPDATE criterion SET weight = 1e308 WHERE challenge_id = $1`, [f.challenge.id]);
      expect((await submitReview(api.url, f.jurors[0]!.user, review(1, 0).id, uniformScores(f.challenge, 50))).total).toBe(50);
      await db.query(`UPDATE criterion SET weight = 1 WHERE challenge_id = $1`, [f.challenge.id]);
      await submitReview(api.url, f.jurors[1]!.user, review(2, 1).id, uniformScores(f.challenge, 40));
      await db.query(`UPDATE review SET total = 'NaN' WHERE assignment_id = $1`, [review(1, 0).id]);
      await db.query(`UPDATE review SET total = 'Infinity' WHERE assignment_id = $1`, [review(2, 1).id]);
      for (const n of ['NONE', 'ZSCORE']) {
        const board = (await gqlOk(api.url, LEADERBOARD, { id: f.challenge.id, n }, f.organizer.token)).challenge.leaderboard;
        // The corrupt reviews count for nothing; the sound ones rank as ever.
        expect(board[0]).toMatchObject({ idea: { id: f.ideas[0]!.id }, rank: 1, reviewCount: 2, rawScore: 70 });
        expect(board.slice(1).map((e: any) => [e.rank, e.rawScore, e.reviewCount])).toEqual([
          [null, null, 0],
          [null, null, 0],
        ]);
      }
    });

    it('ranks by the formulas of docs/rules.md, for organizers only while judging; publishResults freezes it, records awards and makes it public', async () => {
      const f = await judgingFixture(api.url, { ideas: 4, jurors: 2, overrides: { ...ONE_CRITERION, reviewsPerIdea: 2 } });
      const draftTeam = await createTeam(api.url, f.teacher, { challengeId: f.challenge.id, schoolId: f.schoolId });
      const draftIdea = await saveIdea(api.url, f.teacher, ideaInput(draftTeam.id, f.challenge.themes[0]!.id));
      await startJudging(api.url, f.organizer, f.challenge.id);
      const rows = await assignmentRows(db, f.challenge.id);
      // Juror A and B review ideas 0-2; idea 3 gets no review.
      const totals: Record<number, [number, number]> = { 0: [90, 40], 1: [60, 80], 2: [30, 50] };
      for (const [index, [a, b]] of Object.entries(totals)) {
        for (const [j, value] of [
          [0, a],
          [1, b],
        ] as const) {
          const row = rows.find((r) => r.idea_id === f.ideas[Number(index)]!.id && r.juror_id === f.jurors[j]!.jurorId)!;
          await submitReview(api.url, f.jurors[j]!.user, row.id, uniformScores(f.challenge, value));
        }
      }
      const stats = (values: number[]) => {
        const mean = values.reduce((s, v) => s + v, 0) / values.length;
        return { mean, sigma: Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length) };
      };
      const a = stats([90, 60, 30]);
      const b = stats([40, 80, 50]);
      const z = (i: number) => ((totals[i]![0] - a.mean) / a.sigma + (totals[i]![1] - b.mean) / b.sigma) / 2;

      const organizerBoard = (await gqlOk(api.url, LEADERBOARD, { id: f.challenge.id }, f.organizer.token)).challenge.leaderboard;
      expect(organizerBoard.map((e: any) => e.idea.id)).toEqual([f.ideas[1]!.id, f.ideas[0]!.id, f.ideas[2]!.id, f.ideas[3]!.id]);
      expect(organizerBoard.map((e: any) => e.rank)).toEqual([1, 2, 3, null]);
      organizerBoard.slice(0, 3).forEach((e: any) => {
        const i = f.ideas.findIndex((idea) => idea.id === e.idea.id);
        // Exposed to two decimals (docs/rules.md), computed from the exact totals.
        expect(e.rawScore).toBe(round2((totals[i]![0] + totals[i]![1]) / 2));
        expect(e.normalizedScore).toBe(round2(z(i)));
        expect(e.reviewCount).toBe(2);
      });
      expect(organizerBoard[3]).toMatchObject({ rank: null, rawScore: null, normalizedScore: null, reviewCount: 0 });
      const rawBoard = (await gqlOk(api.url, LEADERBOARD, { id: f.challenge.id, n: 'NONE' }, f.organizer.token)).challenge.leaderboard;
      expect(rawBoard.map((e: any) => [e.idea.id, e.rawScore])).toEqual([
        [f.ideas[1]!.id, 70],
        [f.ideas[0]!.id, 65],
        [f.ideas[2]!.id, 40],
        [f.ideas[3]!.id, null],
      ]);
      expect((await gqlOk(api.url, IDEA, { id: f.ideas[1]!.id }, f.organizer.token)).idea.score).toEqual({ rank: 1, rawScore: 70 });
      for (const viewer of [f.jurors[0]!.user, f.teacher, undefined]) {
        expect((await gqlOk(api.url, LEADERBOARD, { id: f.challenge.id }, viewer?.token)).challenge.leaderboard).toEqual([]);
      }
      expect((await gqlOk(api.url, IDEA, { id: f.ideas[1]!.id }, f.teacher.token)).idea.score).toBeNull();

      const progress = (await gqlOk(api.url, PROGRESS, { id: f.challenge.id }, f.organizer.token)).challenge.judgingProgress;
      expect(progress).toMatchObject({ assignments: 8, submitted: 6, recused: 0, pending: 2, ideasFullyReviewed: 3, ideas: 4 });
      expect(progress.jurors).toEqual(
        expect.arrayContaining([
          { assigned: 4, submitted: 3, recused: 0, juror: { id: f.jurors[0]!.jurorId } },
          { assigned: 4, submitted: 3, recused: 0, juror: { id: f.jurors[1]!.jurorId } },
        ]),
      );
      expect((await gqlError(api.url, PROGRESS, { id: f.challenge.id }, f.jurors[0]!.user.token)).code).toBe('FORBIDDEN');

      // publishResults: errors first, changing nothing.
      const other = await judgingFixture(api.url, { ideas: 1, jurors: 0 });
      const publish = (awards: unknown[], user: TestUser = f.organizer) => gqlError(api.url, PUBLISH_RESULTS, { input: { challengeId: f.challenge.id, awards } }, user.token);
      expect(await publish([{ ideaId: draftIdea.id, title: 'Premio' }])).toMatchObject({ code: 'BAD_USER_INPUT', field: 'awards.0.ideaId' });
      expect(
        await publish([
          { ideaId: f.ideas[0]!.id, title: 'Ok' },
          { ideaId: other.ideas[0]!.id, title: 'Premio' },
        ]),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'awards.1.ideaId' });
      expect(await publish([{ ideaId: f.ideas[0]!.id, title: ' ' }])).toMatchObject({ code: 'BAD_USER_INPUT', field: 'awards.0.title' });
      expect(await publish([{ ideaId: f.ideas[0]!.id, title: 'Primo', place: 0 }])).toMatchObject({ code: 'BAD_USER_INPUT', field: 'awards.0.place' });
      expect((await publish([], f.jurors[0]!.user)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, PUBLISH_RESULTS, { input: { challengeId: f.challenge.id } })).code).toBe('UNAUTHENTICATED');
      expect((await gqlError(api.url, PUBLISH_RESULTS, { input: { challengeId: UNKNOWN } }, f.organizer.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, PUBLISH_RESULTS, { input: { challengeId: other.challenge.id } }, other.organizer.token)).code).toBe('FAILED_PRECONDITION');
      expect(await challengeStatus(f.challenge.id)).toBe('JUDGING');
      expect((await db.query(`SELECT count(*)::int AS n FROM result_ranking WHERE challenge_id = $1`, [f.challenge.id]))[0].n).toBe(0);

      const awards = [
        { ideaId: f.ideas[1]!.id, title: 'Primo premio', place: 1 },
        { ideaId: f.ideas[0]!.id, title: 'Menzione della giuria' },
      ];
      expect((await gqlOk(api.url, PUBLISH_RESULTS, { input: { challengeId: f.challenge.id, awards } }, f.organizer.token)).publishResults).toEqual({
        id: f.challenge.id,
        status: 'RESULTS_PUBLISHED',
      });
      expect((await gqlError(api.url, PUBLISH_RESULTS, { input: { challengeId: f.challenge.id } }, f.organizer.token)).code).toBe('FAILED_PRECONDITION');

      // Frozen: a later change to the stored reviews does not move it; everyone sees it, in either normalization.
      await db.query(`UPDATE review SET total = 0 WHERE challenge_id = $1`, [f.challenge.id]);
      const publicBoard = (await gqlOk(api.url, LEADERBOARD, { id: f.challenge.id })).challenge.leaderboard;
      expect(publicBoard).toEqual(organizerBoard);
      expect((await gqlOk(api.url, LEADERBOARD, { id: f.challenge.id, n: 'NONE' }, f.teacher.token)).challenge.leaderboard).toEqual(rawBoard);
      const publicIdea = (await gqlOk(api.url, IDEA, { id: f.ideas[1]!.id })).idea;
      expect(publicIdea).toMatchObject({ score: { rank: 1, rawScore: 70 }, awards: [{ title: 'Primo premio', place: 1 }] });
      const challengeAwards = (await gqlOk(api.url, `query($id: ID!) { challenge(id: $id) { awards { title place idea { id } } } }`, { id: f.challenge.id })).challenge.awards;
      expect(challengeAwards).toEqual([
        { title: 'Primo premio', place: 1, idea: { id: f.ideas[1]!.id } },
        { title: 'Menzione della giuria', place: null, idea: { id: f.ideas[0]!.id } },
      ]);
      expect((await gqlError(api.url, IDEA, { id: draftIdea.id })).code).toBe('NOT_FOUND'); // only SUBMITTED ideas become public

      // RESULTS_PUBLISHED: every team member (coach included) and every juror, once.
      for (const user of [f.teacher, f.jurors[0]!.user, f.jurors[1]!.user]) {
        await waitFor(async () => (await notifications(user.id, 'RESULTS_PUBLISHED')).length === 1, { what: 'RESULTS_PUBLISHED' });
      }
      expect(await notifications(f.organizer.id, 'RESULTS_PUBLISHED')).toHaveLength(0);
    });

    it('pushes leaderboardUpdated to organizers, at most once a second, across API processes, ending with the last state', async () => {
      const f = await judgingFixture(api.url, { ideas: 3, jurors: 2, overrides: { ...ONE_CRITERION, reviewsPerIdea: 2 } });
      await startJudging(api.url, f.organizer, f.challenge.id);
      const second = await startApi({ clock: api.clock }); // another replica sharing the database and Redis
      const SUBSCRIPTION = `subscription($id: ID!) { leaderboardUpdated(challengeId: $id) { rank rawScore reviewCount idea { id } } }`;
      const organizerClient = wsClient(api.wsUrl, f.organizer.token);
      const jurorClient = wsClient(api.wsUrl, f.jurors[0]!.user.token);
      try {
        const updates = collect(organizerClient, SUBSCRIPTION, { id: f.challenge.id });
        const refused = collect(jurorClient, SUBSCRIPTION, { id: f.challenge.id });
        await sleep(300);
        const rows = await assignmentRows(db, f.challenge.id);
        for (const [k, row] of rows.entries()) {
          const user = f.jurors.find((j) => j.jurorId === row.juror_id)!.user;
          await gqlOk(second.url, SUBMIT_REVIEW, { input: { assignmentId: row.id, scores: uniformScores(f.challenge, 10 * (k + 1)) } }, user.token);
        }
        const expectedLast = (await gqlOk(api.url, LEADERBOARD, { id: f.challenge.id }, f.organizer.token)).challenge.leaderboard;
        await waitFor(
          () => {
            const last = updates.received.at(-1)?.data?.leaderboardUpdated;
            return last && last.every((e: any) => e.reviewCount === 2) && last;
          },
          { what: 'the final leaderboard', timeoutMs: 5000 },
        );
        await sleep(1200);
        const received = updates.received.map((u) => u.data.leaderboardUpdated);
        expect(received.length).toBeGreaterThanOrEqual(1);
        expect(received.length).toBeLessThanOrEqual(3); // 6 reviews in well under two seconds
        expect(received.at(-1)).toEqual(expectedLast.map((e: any) => ({ rank: e.rank, rawScore: e.rawScore, reviewCount: e.reviewCount, idea: { id: e.idea.id } })));
        // The juror's subscription is refused: one error result, no leaderboard.
        expect(refused.received.every((r) => !r.data)).toBe(true);
        expect(JSON.stringify([...refused.received, ...refused.errors])).toContain('Solo chi organizza la sfida segue la sua classifica.');
        updates.dispose();
      } finally {
        await organizerClient.dispose();
        await jurorClient.dispose();
        await second.close();
      }
    });
  });

  describe('leaderboard push through the outbox (issue 11.3)', () => {
    it("returns a juror's submitReview before any ranking is computed, then the worker publishes the last review's ranking", async () => {
      const f = await judgingFixture(api.url, { ideas: 2, jurors: 2, overrides: { ...ONE_CRITERION, reviewsPerIdea: 1 } });
      await startJudging(api.url, f.organizer, f.challenge.id);
      const SUBSCRIPTION = `subscription($id: ID!) { leaderboardUpdated(challengeId: $id) { rank rawScore reviewCount idea { id } } }`;
      const organizerClient = wsClient(api.wsUrl, f.organizer.token);
      try {
        const updates = collect(organizerClient, SUBSCRIPTION, { id: f.challenge.id });
        await sleep(300);
        const rows = await assignmentRows(db, f.challenge.id);
        for (const [k, row] of rows.entries()) {
          const user = f.jurors.find((j) => j.jurorId === row.juror_id)!.user;
          await gqlOk(api.url, SUBMIT_REVIEW, { input: { assignmentId: row.id, scores: uniformScores(f.challenge, 10 * (k + 1)) } }, user.token);
          // The answer came back while the push is still pending (delayed by its one-second window in the worker).
          expect(updates.received).toHaveLength(0);
        }
        const events = await db.query(`SELECT payload FROM outbox_event WHERE type = 'review.submitted' AND payload->>'challengeId' = $1`, [f.challenge.id]);
        expect(events).toHaveLength(rows.length);
        const expectedLast = (await gqlOk(api.url, LEADERBOARD, { id: f.challenge.id }, f.organizer.token)).challenge.leaderboard;
        await waitFor(() => updates.received.length > 0, { what: 'a leaderboard push', timeoutMs: 5000 });
        await sleep(1500); // a trailing push, if any, lands
        const received = updates.received.map((u) => u.data.leaderboardUpdated);
        expect(received.length).toBeLessThanOrEqual(2);
        expect(received.at(-1)).toEqual(expectedLast.map((e: any) => ({ rank: e.rank, rawScore: e.rawScore, reviewCount: e.reviewCount, idea: { id: e.idea.id } })));
        expect(received.at(-1).every((e: any) => e.reviewCount === 1)).toBe(true);

        // A change after the window gets its own push: the last review is never lost.
        const first = rows[0]!;
        const firstUser = f.jurors.find((j) => j.jurorId === first.juror_id)!.user;
        await gqlOk(api.url, SUBMIT_REVIEW, { input: { assignmentId: first.id, scores: uniformScores(f.challenge, 95) } }, firstUser.token);
        const before = updates.received.length;
        await waitFor(() => updates.received.length > before, { what: 'the trailing push', timeoutMs: 5000 });
        const after = (await gqlOk(api.url, LEADERBOARD, { id: f.challenge.id }, f.organizer.token)).challenge.leaderboard;
        expect(updates.received.at(-1)!.data.leaderboardUpdated).toEqual(
          after.map((e: any) => ({ rank: e.rank, rawScore: e.rawScore, reviewCount: e.reviewCount, idea: { id: e.idea.id } })),
        );
        updates.dispose();
      } finally {
        await organizerClient.dispose();
      }
    });
  });

  it('moves the judging deadline reminder source only while JUDGING', async () => {
    const { judgingDeadlineReminders } = await import('#domain/judging/judging-deadline.reminders.js');
    const f = await judgingFixture(api.url, { ideas: 1, jurors: 2 });
    expect(await judgingDeadlineReminders.currentDue(db.manager, f.challenge.id)).toBeNull();
    await startJudging(api.url, f.organizer, f.challenge.id);
    const [{ judging_closes_at: closes }] = await db.query(`SELECT judging_closes_at FROM challenge WHERE id = $1`, [f.challenge.id]);
    expect((await judgingDeadlineReminders.currentDue(db.manager, f.challenge.id))?.getTime()).toBe(new Date(closes).getTime());
    const open = await judgingDeadlineReminders.listOpen(db.manager, new Date());
    expect(open.find((s) => s.subjectId === f.challenge.id)?.dueAt.getTime()).toBe(new Date(closes).getTime());
    expect(await judgingDeadlineReminders.listOpen(db.manager, new Date(new Date(closes).getTime() + DAY))).not.toContainEqual(
      expect.objectContaining({ subjectId: f.challenge.id }),
    );
    const events = await judgingDeadlineReminders.fire(db.manager, { subjectId: f.challenge.id, dueAt: new Date(closes) }, DAY);
    expect(events).toEqual([{ type: 'judging.deadline_soon', payload: { challengeId: f.challenge.id, judgingClosesAt: new Date(closes).toISOString() } }]);
  });
});
