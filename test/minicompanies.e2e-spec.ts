import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { ReminderScheduler } from '../apps/worker/src/reminders/reminder-scheduler.service.js';
import {
  accept,
  adoptableIdea,
  adoptedTeam,
  assignTutor,
  company,
  companyMember,
  edition,
  FOUND,
  foundMiniCompany,
  MINI_COMPANY,
  propose,
  RESCHEDULE_MILESTONE,
  REVIEW_MILESTONE,
  SUBMIT_MILESTONE,
  submittedIdea,
  TEAM_INSIDE,
} from './helpers/adoption-factories.js';
import { DAY, makeAdmin } from './helpers/challenge-factories.js';
import { openDatabase } from './helpers/db.js';
import { signUp, type TestUser } from './helpers/factories.js';
import { gqlError, gqlOk } from './helpers/graphql.js';
import { startApi, type RunningApi } from './helpers/api.js';
import { startSmtpSink } from './helpers/smtp-sink.js';
import { sleep, waitFor } from './helpers/wait.js';
import { startWorker, type RunningWorker } from './helpers/worker.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const MINUTE = 60_000;
const PLAN_DAYS = [14, 45, 90, 150, 180, 210];

interface Stored {
  recipient_id: string;
  title: string;
  body: string;
  locale: string;
}

describe('mini-companies', () => {
  let api: RunningApi;
  let worker: RunningWorker;
  let scheduler: ReminderScheduler;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let db: DataSource;
  let admin: TestUser;

  const companyCount = async () => (await db.query(`SELECT count(*)::int AS n FROM mini_company`))[0].n as number;
  const milestoneRow = async (id: string) => (await db.query(`SELECT status, due_at, evidence, feedback FROM milestone WHERE id = $1`, [id]))[0];
  /** Stored notifications of a kind about a subject. */
  const stored = (kind: string, subjectId: string): Promise<Stored[]> =>
    db.query(`SELECT recipient_id, title, body, locale FROM notification WHERE kind = $1 AND subject_id = $2 ORDER BY created_at, recipient_id`, [kind, subjectId]);
  const recipients = async (kind: string, subjectId: string) => (await stored(kind, subjectId)).map((n) => n.recipient_id).sort();
  const waitStored = (kind: string, subjectId: string, count: number) =>
    waitFor(
      async () => {
        const list = await stored(kind, subjectId);
        return list.length >= count && list;
      },
      { what: `${count} ${kind}` },
    );
  const at = (ms: number) => new Date(api.clock.now().getTime() + ms).toISOString();
  const plan = (...milestones: [kind: string, inMs: number][]) => milestones.map(([kind, inMs], i) => ({ kind, title: `Tappa ${i + 1}`, dueAt: at(inMs) }));

  beforeAll(async () => {
    smtp = await startSmtpSink();
    process.env.SMTP_URL = smtp.url;
    api = await startApi();
    worker = await startWorker({ clock: api.clock });
    scheduler = worker.app.get(ReminderScheduler);
    db = await openDatabase();
    admin = await makeAdmin(api.url, db, await signUp(api.url, { label: 'admin' }));
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await smtp.close();
    await db.destroy();
  });

  describe('foundMiniCompany', () => {
    it("founds the adopted team's mini-company with the default plan, linked to the accepted adoption", async () => {
      const team = await adoptedTeam(api.url, db);
      api.clock.set(new Date());
      const { foundMiniCompany: company } = await gqlOk(api.url, FOUND, { input: { teamId: team.team.id, name: ' BorracciaVerde ' } }, team.lead.token);
      expect(company).toMatchObject({
        name: 'BorracciaVerde',
        status: 'ACTIVE',
        progress: 0,
        team: { id: team.team.id },
        idea: { id: team.ideaId },
        adoption: { id: team.adoptionId },
      });
      expect(Date.parse(company.foundedAt)).toBe(api.clock.now().getTime());
      expect(company.milestones.map((m: { kind: string }) => m.kind)).toEqual([
        'CONCEPT',
        'BUSINESS_PLAN',
        'PROTOTYPE',
        'MARKET_LAUNCH',
        'LOCAL_COMPETITION',
        'REGIONAL_COMPETITION',
      ]);
      expect(company.milestones.map((m: { dueAt: string }) => (Date.parse(m.dueAt) - Date.parse(company.foundedAt)) / DAY)).toEqual(PLAN_DAYS);
      for (const m of company.milestones) expect(m).toMatchObject({ status: 'PLANNED', evidence: null, submittedAt: null, reviewedAt: null, reviewedBy: null, feedback: null });
      const { team: read } = await gqlOk(api.url, TEAM_INSIDE, { id: team.team.id }, team.student.token);
      expect(read.miniCompany).toEqual({ id: company.id });
    });

    it('takes a custom plan and an open hackathon captain as founder; without an adoption it links none', async () => {
      const run = await edition(api.url, { format: 'OPEN_HACKATHON' });
      const idea = await submittedIdea(api.url, run, { format: 'OPEN_HACKATHON' });
      const custom = plan(['CUSTOM', 3 * DAY], ['MARKET_LAUNCH', 2 * DAY]);
      const company = await foundMiniCompany(api.url, idea.lead, idea.team.id, custom);
      expect(company.adoption).toBeNull();
      expect(company.milestones.map((m) => [m.kind, m.dueAt])).toEqual([
        ['CUSTOM', custom[0]!.dueAt],
        ['MARKET_LAUNCH', custom[1]!.dueAt],
      ]);
    });

    it('validates the name and the milestones, storing nothing', async () => {
      const idea = await adoptableIdea(api.url, db);
      const before = await companyCount();
      const input = (o: Record<string, unknown>) => ({ input: { teamId: idea.team.id, name: 'Impresa', ...o } });
      expect(await gqlError(api.url, FOUND, input({ name: '  ' }), idea.lead.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
      expect(await gqlError(api.url, FOUND, input({ name: 'n'.repeat(121) }), idea.lead.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
      expect(await gqlError(api.url, FOUND, input({ milestones: [] }), idea.lead.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'milestones' });
      expect(await gqlError(api.url, FOUND, input({ milestones: plan(...Array.from({ length: 31 }, () => ['CUSTOM', DAY] as [string, number])) }), idea.lead.token)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'milestones',
      });
      expect(await gqlError(api.url, FOUND, input({ milestones: [{ kind: 'CONCEPT', title: ' ', dueAt: at(DAY) }] }), idea.lead.token)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'milestones',
      });
      expect(await gqlError(api.url, FOUND, input({ milestones: plan(['CONCEPT', DAY], ['PROTOTYPE', -MINUTE]) }), idea.lead.token)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'milestones',
      });
      expect(await companyCount()).toBe(before);
    });

    it('is for the coach or captain of a team with a submitted idea, once per team', async () => {
      const idea = await adoptableIdea(api.url, db);
      const outsider = await signUp(api.url, { label: 'outsider' });
      const before = await companyCount();
      const input = (teamId: string) => ({ input: { teamId, name: 'Impresa' } });
      expect((await gqlError(api.url, FOUND, input(idea.team.id), idea.student.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, FOUND, input(idea.team.id), outsider.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, FOUND, input(idea.team.id), idea.organizer.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, FOUND, input(UNKNOWN), idea.lead.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, FOUND, input('nope'), idea.lead.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, FOUND, input(idea.team.id))).code).toBe('UNAUTHENTICATED');
      const draft = await submittedIdea(api.url, await edition(api.url), { submit: false });
      expect((await gqlError(api.url, FOUND, input(draft.team.id), draft.lead.token)).code).toBe('FAILED_PRECONDITION');
      expect(await companyCount()).toBe(before);
      await foundMiniCompany(api.url, idea.lead, idea.team.id);
      expect((await gqlError(api.url, FOUND, input(idea.team.id), idea.lead.token)).code).toBe('CONFLICT');
      expect(await companyCount()).toBe(before + 1);
    });
  });

  describe('visibility', () => {
    it('shows the mini-company to the team, its tutors, organizers and admins; nobody else', async () => {
      const idea = await adoptableIdea(api.url, db);
      const { sponsor, companyId } = await company(api.url);
      const tutor = await companyMember(api.url, sponsor, companyId, 'tutor');
      const rival = await company(api.url);
      await propose(api.url, rival.sponsor, idea.ideaId, rival.companyId);
      const adoption = await propose(api.url, sponsor, idea.ideaId, companyId);
      await accept(api.url, idea.lead, adoption.id);
      await assignTutor(api.url, sponsor, adoption.id, tutor);
      const { id } = await foundMiniCompany(api.url, idea.lead, idea.team.id);
      const otherStudent = (await submittedIdea(api.url, await edition(api.url))).student;

      for (const viewer of [idea.lead, idea.student, tutor, idea.organizer, admin]) {
        expect((await gqlOk(api.url, MINI_COMPANY, { id }, viewer.token)).miniCompany).toMatchObject({ id, adoption: { id: adoption.id }, idea: { id: idea.ideaId } });
        expect((await gqlOk(api.url, TEAM_INSIDE, { id: idea.team.id }, viewer.token)).team.miniCompany).toEqual({ id });
      }
      for (const viewer of [undefined, otherStudent, rival.sponsor, sponsor]) {
        expect((await gqlError(api.url, MINI_COMPANY, { id }, viewer?.token)).code).toBe('NOT_FOUND');
        expect((await gqlOk(api.url, TEAM_INSIDE, { id: idea.team.id }, viewer?.token)).team.miniCompany).toBeNull();
      }
      expect((await gqlError(api.url, MINI_COMPANY, { id: UNKNOWN }, admin.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, MINI_COMPANY, { id: 'nope' }, admin.token)).code).toBe('NOT_FOUND');
    });
  });

  describe('milestones', () => {
    it('lets any member of the team submit evidence, telling the coaches and tutors', async () => {
      const team = await adoptedTeam(api.url, db);
      const { milestones } = await foundMiniCompany(api.url, team.lead, team.team.id);
      const first = milestones[0]!;
      const outsider = await signUp(api.url, { label: 'outsider' });
      const input = (o: Record<string, unknown> = {}) => ({ input: { milestoneId: first.id, evidence: 'Il concept è nel documento allegato.', ...o } });
      expect((await gqlError(api.url, SUBMIT_MILESTONE, input(), team.tutor.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, SUBMIT_MILESTONE, input(), team.organizer.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, SUBMIT_MILESTONE, input(), outsider.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, SUBMIT_MILESTONE, input(), team.sponsor.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, SUBMIT_MILESTONE, input())).code).toBe('UNAUTHENTICATED');
      expect((await gqlError(api.url, SUBMIT_MILESTONE, input({ milestoneId: UNKNOWN }), team.student.token)).code).toBe('NOT_FOUND');
      expect(await gqlError(api.url, SUBMIT_MILESTONE, input({ evidence: ' ' }), team.student.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'evidence' });
      expect(await gqlError(api.url, SUBMIT_MILESTONE, input({ evidence: 'e'.repeat(5001) }), team.student.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'evidence' });
      expect((await milestoneRow(first.id)).status).toBe('PLANNED');

      const { submitMilestone: submitted } = await gqlOk(api.url, SUBMIT_MILESTONE, input(), team.student.token);
      expect(submitted).toMatchObject({ id: first.id, status: 'SUBMITTED', evidence: 'Il concept è nel documento allegato.' });
      expect(Date.parse(submitted.submittedAt)).toBe(api.clock.now().getTime());
      await waitStored('MILESTONE_SUBMITTED', first.id, 2);
      expect(await recipients('MILESTONE_SUBMITTED', first.id)).toEqual([team.lead.id, team.tutor.id].sort());
      expect((await gqlError(api.url, SUBMIT_MILESTONE, input(), team.student.token)).code).toBe('FAILED_PRECONDITION');
      // The coach may submit too (and is then not told about their own submission).
      await gqlOk(api.url, SUBMIT_MILESTONE, { input: { milestoneId: milestones[1]!.id, evidence: 'Piano' } }, team.lead.token);
      await waitStored('MILESTONE_SUBMITTED', milestones[1]!.id, 1);
      await sleep(300);
      expect(await recipients('MILESTONE_SUBMITTED', milestones[1]!.id)).toEqual([team.tutor.id]);
    });

    it('lets a coach or a tutor approve or reject a submitted milestone, telling the team', async () => {
      const team = await adoptedTeam(api.url, db);
      const english = await signUp(api.url, { label: 'english', locale: 'en' });
      await db.query(`INSERT INTO team_member (team_id, user_id, challenge_id, role) VALUES ($1, $2, $3, 'STUDENT')`, [team.team.id, english.id, team.challenge.id]);
      const company = await foundMiniCompany(api.url, team.lead, team.team.id);
      const [concept, businessPlan, prototype] = company.milestones;
      for (const m of [concept!, businessPlan!]) await gqlOk(api.url, SUBMIT_MILESTONE, { input: { milestoneId: m.id, evidence: 'Fatto.' } }, team.student.token);
      const review = (milestoneId: string, approve: boolean, o: Record<string, unknown> = {}) => ({ input: { milestoneId, approve, ...o } });

      expect((await gqlError(api.url, REVIEW_MILESTONE, review(concept!.id, true), team.student.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, REVIEW_MILESTONE, review(concept!.id, true), team.organizer.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, REVIEW_MILESTONE, review(concept!.id, true), team.sponsor.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, REVIEW_MILESTONE, review(concept!.id, true))).code).toBe('UNAUTHENTICATED');
      expect(await gqlError(api.url, REVIEW_MILESTONE, review(concept!.id, true, { feedback: 'f'.repeat(5001) }), team.tutor.token)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'feedback',
      });
      expect((await gqlError(api.url, REVIEW_MILESTONE, review(prototype!.id, true), team.tutor.token)).code).toBe('FAILED_PRECONDITION');
      expect((await milestoneRow(concept!.id)).status).toBe('SUBMITTED');

      const { reviewMilestone: approved } = await gqlOk(api.url, REVIEW_MILESTONE, review(concept!.id, true, { feedback: 'Ottimo lavoro' }), team.tutor.token);
      expect(approved).toMatchObject({ status: 'APPROVED', reviewedBy: { id: team.tutor.id }, feedback: 'Ottimo lavoro' });
      expect(Date.parse(approved.reviewedAt)).toBe(api.clock.now().getTime());
      expect((await gqlError(api.url, REVIEW_MILESTONE, review(concept!.id, false), team.lead.token)).code).toBe('FAILED_PRECONDITION');
      const { reviewMilestone: rejected } = await gqlOk(api.url, REVIEW_MILESTONE, review(businessPlan!.id, false, { feedback: 'Mancano i costi' }), team.lead.token);
      expect(rejected).toMatchObject({ status: 'PLANNED', reviewedBy: { id: team.lead.id }, feedback: 'Mancano i costi', evidence: 'Fatto.' });
      expect((await gqlOk(api.url, MINI_COMPANY, { id: company.id }, team.student.token)).miniCompany.progress).toBeCloseTo(1 / 6, 10);

      // The team (coach and students), not the tutor.
      const told = await waitStored('MILESTONE_REVIEWED', concept!.id, 3);
      expect(told.map((n) => n.recipient_id).sort()).toEqual([team.lead.id, team.student.id, english.id].sort());
      expect(told.find((n) => n.recipient_id === team.student.id)).toMatchObject({ title: 'Tappa approvata: Concept', locale: 'it' });
      expect(told.find((n) => n.recipient_id === english.id)).toMatchObject({ title: 'Milestone approved: Concept', locale: 'en' });
      const toldRejected = await waitStored('MILESTONE_REVIEWED', businessPlan!.id, 3);
      expect(toldRejected.find((n) => n.recipient_id === english.id)!.body).toMatch(/was rejected: revise it and submit it again\. Feedback: Mancano i costi$/);
      expect(toldRejected.find((n) => n.recipient_id === team.student.id)).toMatchObject({ title: expect.stringMatching(/^Tappa respinta: /), locale: 'it' });
      expect(toldRejected.find((n) => n.recipient_id === team.student.id)!.body).toMatch(/non è approvata: rivedetela e consegnatela di nuovo\. Commento: Mancano i costi$/);
    });

    it('turns a rejection after the due date into OVERDUE, which can be submitted again', async () => {
      const team = await adoptedTeam(api.url, db);
      api.clock.set(new Date());
      const company = await foundMiniCompany(api.url, team.lead, team.team.id, plan(['CONCEPT', 2 * DAY]));
      const m = company.milestones[0]!;
      await gqlOk(api.url, SUBMIT_MILESTONE, { input: { milestoneId: m.id, evidence: 'In tempo' } }, team.student.token);
      const realNow = api.clock.now();
      try {
        api.clock.set(new Date(Date.parse(m.dueAt) + MINUTE));
        const { reviewMilestone: rejected } = await gqlOk(api.url, REVIEW_MILESTONE, { input: { milestoneId: m.id, approve: false, feedback: 'Rifare' } }, team.tutor.token);
        expect(rejected.status).toBe('OVERDUE');
        const { submitMilestone: again } = await gqlOk(api.url, SUBMIT_MILESTONE, { input: { milestoneId: m.id, evidence: 'Rifatto' } }, team.student.token);
        expect(again).toMatchObject({ status: 'SUBMITTED', evidence: 'Rifatto' });
      } finally {
        api.clock.set(realNow);
      }
    });

    it('launches the mini-company when its MARKET_LAUNCH milestone is approved', async () => {
      const team = await adoptedTeam(api.url, db);
      const company = await foundMiniCompany(api.url, team.lead, team.team.id, plan(['PROTOTYPE', DAY], ['MARKET_LAUNCH', 2 * DAY]));
      const [prototype, launch] = company.milestones;
      for (const m of [prototype!, launch!]) await gqlOk(api.url, SUBMIT_MILESTONE, { input: { milestoneId: m.id, evidence: 'Fatto' } }, team.student.token);
      await gqlOk(api.url, REVIEW_MILESTONE, { input: { milestoneId: prototype!.id, approve: true } }, team.lead.token);
      expect((await gqlOk(api.url, MINI_COMPANY, { id: company.id }, team.lead.token)).miniCompany).toMatchObject({ status: 'ACTIVE', progress: 0.5 });
      await gqlOk(api.url, REVIEW_MILESTONE, { input: { milestoneId: launch!.id, approve: true } }, team.tutor.token);
      expect((await gqlOk(api.url, MINI_COMPANY, { id: company.id }, team.lead.token)).miniCompany).toMatchObject({ status: 'LAUNCHED', progress: 1 });
    });

    it('lets a coach or a tutor reschedule a milestone not yet approved to a future date; OVERDUE becomes PLANNED', async () => {
      const team = await adoptedTeam(api.url, db);
      api.clock.set(new Date());
      const company = await foundMiniCompany(api.url, team.lead, team.team.id, plan(['CONCEPT', DAY], ['PROTOTYPE', 2 * DAY], ['CUSTOM', 3 * DAY]));
      const [concept, prototype, custom] = company.milestones;
      const input = (milestoneId: string, dueAt: string) => ({ input: { milestoneId, dueAt } });
      const later = at(10 * DAY);
      expect((await gqlError(api.url, RESCHEDULE_MILESTONE, input(concept!.id, later), team.student.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, RESCHEDULE_MILESTONE, input(concept!.id, later), team.organizer.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, RESCHEDULE_MILESTONE, input(concept!.id, later), team.sponsor.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, RESCHEDULE_MILESTONE, input(concept!.id, later))).code).toBe('UNAUTHENTICATED');
      expect(await gqlError(api.url, RESCHEDULE_MILESTONE, input(concept!.id, at(-MINUTE)), team.tutor.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dueAt' });
      expect(await gqlError(api.url, RESCHEDULE_MILESTONE, input(concept!.id, at(0)), team.tutor.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dueAt' });
      expect((await milestoneRow(concept!.id)).due_at.toISOString()).toBe(concept!.dueAt);

      const { rescheduleMilestone: moved } = await gqlOk(api.url, RESCHEDULE_MILESTONE, input(concept!.id, later), team.tutor.token);
      expect(moved).toMatchObject({ status: 'PLANNED', dueAt: later });
      // A submitted milestone can be moved and stays SUBMITTED; an approved one cannot.
      await gqlOk(api.url, SUBMIT_MILESTONE, { input: { milestoneId: prototype!.id, evidence: 'Prototipo' } }, team.student.token);
      expect((await gqlOk(api.url, RESCHEDULE_MILESTONE, input(prototype!.id, later), team.lead.token)).rescheduleMilestone.status).toBe('SUBMITTED');
      await gqlOk(api.url, REVIEW_MILESTONE, { input: { milestoneId: prototype!.id, approve: true } }, team.lead.token);
      expect((await gqlError(api.url, RESCHEDULE_MILESTONE, input(prototype!.id, at(20 * DAY)), team.lead.token)).code).toBe('FAILED_PRECONDITION');
      expect((await milestoneRow(prototype!.id)).due_at.toISOString()).toBe(later);
      // OVERDUE becomes PLANNED again.
      await db.query(`UPDATE milestone SET status = 'OVERDUE' WHERE id = $1`, [custom!.id]);
      expect((await gqlOk(api.url, RESCHEDULE_MILESTONE, input(custom!.id, later), team.lead.token)).rescheduleMilestone).toMatchObject({ status: 'PLANNED', dueAt: later });
    });
  });

  describe('reminders and overdue', () => {
    const rows = (milestoneId: string): Promise<{ id: string; due_at: Date; lead_ms: number; fire_at: Date; fired_at: Date | null; cancelled_at: Date | null }[]> =>
      db.query(`SELECT * FROM scheduled_reminder WHERE kind = 'milestone' AND subject_id = $1 ORDER BY lead_ms DESC, created_at`, [milestoneId]);
    const livePlanFor = (milestoneId: string, dueAt: string, count: number) =>
      waitFor(
        async () => {
          const live = (await rows(milestoneId)).filter((r) => !r.cancelled_at && r.due_at.toISOString() === dueAt);
          return live.length === count && live;
        },
        { what: `${count} reminders of ${dueAt}` },
      );
    /** Moves the shared clock and runs the scheduler's pass on demand. */
    const runAt = async (iso: number) => {
      api.clock.set(new Date(iso));
      await scheduler.reconcile();
    };
    afterAll(() => api.clock.set(new Date()));

    it('reminds the team 7 days and 1 day before, then marks the milestone OVERDUE at the due date and tells the team, coaches and tutors', async () => {
      api.clock.set(new Date());
      const team = await adoptedTeam(api.url, db);
      const company = await foundMiniCompany(api.url, team.lead, team.team.id, plan(['CONCEPT', 30 * DAY]));
      const m = company.milestones[0]!;
      const due = Date.parse(m.dueAt);
      const planned = await livePlanFor(m.id, m.dueAt, 3);
      expect(planned.map((r) => [r.lead_ms, r.fire_at.getTime()])).toEqual([
        [7 * DAY, due - 7 * DAY],
        [DAY, due - DAY],
        [0, due],
      ]);
      const team3 = [team.lead.id, team.student.id].sort();

      await runAt(due - 7 * DAY - MINUTE);
      await sleep(300);
      expect(await stored('MILESTONE_DUE_SOON', m.id)).toEqual([]);
      await runAt(due - 7 * DAY + MINUTE);
      const first = await waitStored('MILESTONE_DUE_SOON', m.id, 2);
      expect(first.map((n) => n.recipient_id).sort()).toEqual(team3);
      expect(first[0]!.title).toBe('Scadenza vicina: Tappa 1');
      await waitFor(() => smtp.messages.find((e) => e.to.includes(team.student.email) && e.headers['x-notification-kind'] === 'MILESTONE_DUE_SOON'), { what: 'email' });

      await runAt(due - DAY + MINUTE);
      await waitStored('MILESTONE_DUE_SOON', m.id, 4);
      expect((await milestoneRow(m.id)).status).toBe('PLANNED');

      await runAt(due + MINUTE);
      await waitFor(async () => (await milestoneRow(m.id)).status === 'OVERDUE', { what: 'OVERDUE' });
      await waitStored('MILESTONE_OVERDUE', m.id, 3);
      expect(await recipients('MILESTONE_OVERDUE', m.id)).toEqual([...team3, team.tutor.id].sort());
      // Nothing twice, however often the pass runs.
      await scheduler.reconcile();
      for (const r of await rows(m.id)) expect(await scheduler.fire(r.id)).toBe('skipped');
      await sleep(500);
      expect(await stored('MILESTONE_DUE_SOON', m.id)).toHaveLength(4);
      expect(await stored('MILESTONE_OVERDUE', m.id)).toHaveLength(3);
      expect(await recipients('MILESTONE_DUE_SOON', m.id)).not.toContain(team.tutor.id);
      api.clock.set(new Date());
    });

    it('gives a rescheduled milestone new reminders and none for the old date', async () => {
      api.clock.set(new Date());
      const team = await adoptedTeam(api.url, db);
      const company = await foundMiniCompany(api.url, team.lead, team.team.id, plan(['PROTOTYPE', 10 * DAY]));
      const m = company.milestones[0]!;
      const oldDue = Date.parse(m.dueAt);
      const old = await livePlanFor(m.id, m.dueAt, 3);
      const newDueIso = at(20 * DAY);
      const newDue = Date.parse(newDueIso);
      await gqlOk(api.url, RESCHEDULE_MILESTONE, { input: { milestoneId: m.id, dueAt: newDueIso } }, team.tutor.token);
      const fresh = await livePlanFor(m.id, newDueIso, 3);
      expect(fresh.map((r) => r.fire_at.getTime())).toEqual([newDue - 7 * DAY, newDue - DAY, newDue]);
      const all = await rows(m.id);
      for (const r of old) expect(all.find((x) => x.id === r.id)!.cancelled_at).not.toBeNull();

      // The old moments pass: nothing, and the milestone is not overdue at the old date.
      for (const moment of [oldDue - 7 * DAY + MINUTE, oldDue - DAY + MINUTE, oldDue + MINUTE]) await runAt(moment);
      for (const r of old) expect(await scheduler.fire(r.id)).toBe('skipped');
      await sleep(500);
      expect(await stored('MILESTONE_DUE_SOON', m.id)).toEqual([]);
      expect((await milestoneRow(m.id)).status).toBe('PLANNED');

      await runAt(newDue - 7 * DAY + MINUTE);
      await waitStored('MILESTONE_DUE_SOON', m.id, 2);
      await runAt(newDue - DAY + MINUTE);
      await waitStored('MILESTONE_DUE_SOON', m.id, 4);
      await runAt(newDue + MINUTE);
      await waitFor(async () => (await milestoneRow(m.id)).status === 'OVERDUE', { what: 'OVERDUE at the new date' });
      await waitStored('MILESTONE_OVERDUE', m.id, 3);
      api.clock.set(new Date());
    });

    it('rescheduling an OVERDUE milestone to less than 7 days ahead reminds at once, only once', async () => {
      api.clock.set(new Date());
      const team = await adoptedTeam(api.url, db);
      const company = await foundMiniCompany(api.url, team.lead, team.team.id, plan(['CONCEPT', 2 * DAY]));
      const m = company.milestones[0]!;
      await livePlanFor(m.id, m.dueAt, 3);
      await runAt(Date.parse(m.dueAt) + MINUTE);
      await waitFor(async () => (await milestoneRow(m.id)).status === 'OVERDUE', { what: 'OVERDUE' });
      const dueSoonBefore = (await stored('MILESTONE_DUE_SOON', m.id)).length;
      const newDueIso = at(3 * DAY);
      const { rescheduleMilestone: moved } = await gqlOk(api.url, RESCHEDULE_MILESTONE, { input: { milestoneId: m.id, dueAt: newDueIso } }, team.lead.token);
      expect(moved.status).toBe('PLANNED');
      // The 7-day reminder's moment has passed: it is sent at once (no clock movement); the 1-day one waits for its moment.
      await waitStored('MILESTONE_DUE_SOON', m.id, dueSoonBefore + 2);
      const live = await livePlanFor(m.id, newDueIso, 3);
      expect(live.map((r) => [r.lead_ms, r.fired_at !== null])).toEqual([
        [7 * DAY, true],
        [DAY, false],
        [0, false],
      ]);
      api.clock.set(new Date());
    });

    it('sends no reminder and no overdue for a submitted milestone', async () => {
      api.clock.set(new Date());
      const team = await adoptedTeam(api.url, db);
      const company = await foundMiniCompany(api.url, team.lead, team.team.id, plan(['CONCEPT', 10 * DAY]));
      const m = company.milestones[0]!;
      await livePlanFor(m.id, m.dueAt, 3);
      await gqlOk(api.url, SUBMIT_MILESTONE, { input: { milestoneId: m.id, evidence: 'In anticipo' } }, team.student.token);
      await waitFor(async () => (await rows(m.id)).every((r) => r.cancelled_at !== null), { what: 'reminders cancelled' });
      const due = Date.parse(m.dueAt);
      for (const moment of [due - 7 * DAY + MINUTE, due - DAY + MINUTE, due + MINUTE]) await runAt(moment);
      await sleep(500);
      expect(await stored('MILESTONE_DUE_SOON', m.id)).toEqual([]);
      expect(await stored('MILESTONE_OVERDUE', m.id)).toEqual([]);
      expect((await milestoneRow(m.id)).status).toBe('SUBMITTED');
      api.clock.set(new Date());
    });

    it('reminds again of a milestone whose submission was rejected before its due date', async () => {
      api.clock.set(new Date());
      const team = await adoptedTeam(api.url, db);
      const company = await foundMiniCompany(api.url, team.lead, team.team.id, plan(['CONCEPT', 10 * DAY]));
      const m = company.milestones[0]!;
      await livePlanFor(m.id, m.dueAt, 3);
      await gqlOk(api.url, SUBMIT_MILESTONE, { input: { milestoneId: m.id, evidence: 'Bozza' } }, team.student.token);
      await waitFor(async () => (await rows(m.id)).every((r) => r.cancelled_at !== null), { what: 'reminders cancelled' });
      await gqlOk(api.url, REVIEW_MILESTONE, { input: { milestoneId: m.id, approve: false, feedback: 'Da rifare' } }, team.lead.token);
      await livePlanFor(m.id, m.dueAt, 3);
      const due = Date.parse(m.dueAt);
      await runAt(due - 7 * DAY + MINUTE);
      await waitStored('MILESTONE_DUE_SOON', m.id, 2);
      await runAt(due + MINUTE);
      await waitFor(async () => (await milestoneRow(m.id)).status === 'OVERDUE', { what: 'OVERDUE' });
      api.clock.set(new Date());
    });

    it('marks OVERDUE through the real worker when the due time comes, with nothing run by hand', async () => {
      api.clock.set(new Date());
      const team = await adoptedTeam(api.url, db);
      api.clock.set(new Date());
      const company = await foundMiniCompany(api.url, team.lead, team.team.id, [{ kind: 'CUSTOM', title: 'Demo day', dueAt: new Date(Date.now() + 3000).toISOString() }]);
      const m = company.milestones[0]!;
      // Less than a day ahead: the 1-day reminder goes at once (the 7-day one, also passed, is skipped), the overdue at the due time.
      await waitStored('MILESTONE_DUE_SOON', m.id, 2);
      await waitFor(async () => (await milestoneRow(m.id)).status === 'OVERDUE', { what: 'OVERDUE through the delayed job', timeoutMs: 15_000 });
      await waitStored('MILESTONE_OVERDUE', m.id, 3);
      const overdue = await stored('MILESTONE_OVERDUE', m.id);
      expect(overdue.find((n) => n.recipient_id === team.tutor.id)!.title).toBe('Tappa scaduta: Demo day');
      expect(await stored('MILESTONE_DUE_SOON', m.id)).toHaveLength(2);
    });
  });
});
