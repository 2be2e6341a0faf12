import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { JUDGING_DEADLINE_SOON } from '#domain/judging/judging-events.js';
import { SUBMISSION_DEADLINE_SOON } from '#domain/challenges/submission-deadline.reminders.js';
import { MILESTONE_DUE_SOON, MILESTONE_OVERDUE } from '#domain/minicompanies/minicompanies.service.js';
import { TEMPLATES } from '#domain/notifications/notification-catalog.js';
import { STUDENT_DATA_EXPIRING } from '#domain/people/student-retention.js';
import { recordEvents } from '#platform/outbox/outbox.js';
import { accept, assignTutor, company, companyMember, foundMiniCompany, propose, REVIEW_MILESTONE, SUBMIT_MILESTONE } from './helpers/adoption-factories.js';
import { createTeam, DAY, student } from './helpers/challenge-factories.js';
import { openDatabase } from './helpers/db.js';
import { addMember, setDefaultLocale, signUp } from './helpers/factories.js';
import { gqlOk } from './helpers/graphql.js';
import { judgingFixture, myAssignments, PUBLISH_RESULTS, RECUSE, startJudging } from './helpers/judging-factories.js';
import { startApi, type RunningApi } from './helpers/api.js';
import { mimeParts, startSmtpSink, type ReceivedEmail } from './helpers/smtp-sink.js';
import { waitFor } from './helpers/wait.js';
import { startWorker, type RunningWorker } from './helpers/worker.js';

// Issue 18.1: every email leads to the page it is about (PUBLIC_URL + Notification.path) and its footer says why the
// person gets it and where to change the language. A base with a path of its own, to see the link is joined, not replaced.
const PUBLIC_URL = 'https://scuole.example.org/climathon';
const ENUM_TOKEN = /\b[A-Z]{2,}(_[A-Z]+)*\b/;
const FOOTER = {
  it: { why: 'Ricevi questa email perché ', language: `Puoi scegliere la lingua delle email nel tuo profilo: ${PUBLIC_URL}/profile`, open: 'Apri la pagina' },
  en: { why: 'You receive this email because ', language: `You can choose the language of your emails in your profile: ${PUBLIC_URL}/profile`, open: 'Open the page' },
};

type Locale = 'it' | 'en';
type Expected = Map<string, Set<string>>;

describe('notification emails link to their page and say why they came', () => {
  let api: RunningApi;
  let worker: RunningWorker;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let db: DataSource;
  const previousPublicUrl = process.env.PUBLIC_URL;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    process.env.SMTP_URL = smtp.url;
    process.env.PUBLIC_URL = `${PUBLIC_URL}/`;
    api = await startApi();
    worker = await startWorker({ clock: api.clock });
    db = await openDatabase();
  });
  afterAll(async () => {
    setDefaultLocale('it');
    if (previousPublicUrl === undefined) delete process.env.PUBLIC_URL;
    else process.env.PUBLIC_URL = previousPublicUrl;
    await worker?.close();
    await api?.close();
    await smtp?.close();
    await db?.destroy();
  });

  /**
   * One edition through its whole life with every person speaking `locale`: each notification kind happens at least
   * once. The timed ones (deadline reminders, the retention warning) are the events their schedulers record, recorded
   * here at once (test/reminders.e2e-spec.ts and test/retention.e2e-spec.ts cover when they fire).
   * Returns the paths each kind may carry.
   */
  async function edition(locale: Locale): Promise<{ expected: Expected; people: Set<string> }> {
    setDefaultLocale(locale);
    const expected: Expected = new Map();
    const expect_ = (kind: string, path: string) => expected.set(kind, (expected.get(kind) ?? new Set()).add(path));
    const f = await judgingFixture(api.url, { ideas: 2, jurors: 2, overrides: { title: `Climathon ${locale}` } });
    const challengeId = f.challenge.id;
    for (const idea of f.ideas) expect_('IDEA_SUBMITTED', `/ideas/${idea.id}`);

    const newcomer = await signUp(api.url, { label: 'newcomer' });
    await addMember(api.url, f.organizer, f.promoterId, newcomer);
    expect_('ORGANIZATION_MEMBER_ADDED', `/organizations/${f.promoterId}`);

    const late = await createTeam(api.url, f.teacher, { challengeId, schoolId: f.schoolId, name: 'Squadra in ritardo' });
    await student(api.url, late.joinCode);
    expect_('TEAM_MEMBER_JOINED', `/teams/${late.id}`);
    await db.transaction((m) => recordEvents(m, [{ type: SUBMISSION_DEADLINE_SOON, payload: { challengeId, submissionClosesAt: new Date(Date.now() + DAY).toISOString() } }]));
    expect_('SUBMISSION_DEADLINE_SOON', `/challenges/${challengeId}`);
    await waitFor(async () => (await db.query(`SELECT 1 FROM notification WHERE kind = 'SUBMISSION_DEADLINE_SOON' AND subject_id = $1`, [challengeId])).length > 0, {
      what: 'the submission reminder, before judging starts',
    });

    await startJudging(api.url, f.organizer, challengeId);
    expect_('REVIEW_ASSIGNED', `/challenges/${challengeId}/reviews`);
    await db.transaction((m) => recordEvents(m, [{ type: JUDGING_DEADLINE_SOON, payload: { challengeId, judgingClosesAt: new Date(Date.now() + DAY).toISOString() } }]));
    expect_('JUDGING_DEADLINE_SOON', `/challenges/${challengeId}/reviews`);
    // Both jurors review every idea: a recusal finds nobody to take it over.
    const [assignment] = await myAssignments(api.url, f.jurors[0]!.user, challengeId);
    await gqlOk(api.url, RECUSE, { id: assignment.id, reason: 'conflitto di interessi' }, f.jurors[0]!.user.token);
    expect_('REVIEW_UNASSIGNABLE', `/ideas/${assignment.idea.id}`);
    // The recusal is resolved by a job of its own, which tells nobody once judging is over: results wait for it.
    await waitFor(async () => (await db.query(`SELECT 1 FROM notification WHERE kind = 'REVIEW_UNASSIGNABLE' AND subject_id = $1`, [assignment.idea.id])).length > 0, {
      what: 'REVIEW_UNASSIGNABLE, before results are published',
    });
    await waitFor(async () => (await db.query(`SELECT 1 FROM notification WHERE kind = 'JUDGING_DEADLINE_SOON' AND subject_id = $1`, [challengeId])).length > 0, {
      what: 'JUDGING_DEADLINE_SOON, before results are published',
    });

    await gqlOk(api.url, PUBLISH_RESULTS, { input: { challengeId } }, f.organizer.token);
    expect_('RESULTS_PUBLISHED', `/challenges/${challengeId}/results`);

    const adopted = f.ideas[0]!;
    const winner = await company(api.url, `Impresa Vincente ${locale}`);
    const tutor = await companyMember(api.url, winner.sponsor, winner.companyId, 'tutor');
    expect_('ORGANIZATION_MEMBER_ADDED', `/organizations/${winner.companyId}`);
    const other = await company(api.url, `Impresa Seconda ${locale}`);
    const proposal = await propose(api.url, winner.sponsor, adopted.id, winner.companyId);
    await propose(api.url, other.sponsor, adopted.id, other.companyId);
    for (const kind of ['ADOPTION_PROPOSED', 'ADOPTION_ACCEPTED', 'ADOPTION_DECLINED']) expect_(kind, `/ideas/${adopted.id}`);
    await waitFor(async () => (await db.query(`SELECT 1 FROM notification WHERE kind = 'ADOPTION_PROPOSED' AND subject_id = $1`, [proposal.id])).length > 0, { what: 'ADOPTION_PROPOSED' });
    await accept(api.url, f.teacher, proposal.id);
    await assignTutor(api.url, winner.sponsor, proposal.id, tutor);
    expect_('TUTOR_ASSIGNED', `/teams/${adopted.teamId}`);

    const mini = await foundMiniCompany(api.url, f.teacher, adopted.teamId, [
      { kind: 'CONCEPT', title: 'Concept', dueAt: new Date(Date.now() + 20 * DAY).toISOString() },
      { kind: 'PROTOTYPE', title: 'Prototipo', dueAt: new Date(Date.now() + 40 * DAY).toISOString() },
    ]);
    const [concept, prototype] = mini.milestones;
    for (const kind of ['MILESTONE_DUE_SOON', 'MILESTONE_OVERDUE', 'MILESTONE_SUBMITTED', 'MILESTONE_REVIEWED']) expect_(kind, `/mini-companies/${mini.id}`);
    await gqlOk(api.url, SUBMIT_MILESTONE, { input: { milestoneId: concept!.id, evidence: 'Fatto.' } }, f.teacher.token);
    await gqlOk(api.url, REVIEW_MILESTONE, { input: { milestoneId: concept!.id, approve: true, feedback: 'Ottimo lavoro' } }, tutor.token);
    const milestoneEvent = { milestoneId: prototype!.id, miniCompanyId: mini.id, dueAt: prototype!.dueAt };
    await db.transaction((m) =>
      recordEvents(m, [
        { type: MILESTONE_DUE_SOON, payload: milestoneEvent },
        { type: MILESTONE_OVERDUE, payload: milestoneEvent },
        { type: STUDENT_DATA_EXPIRING, payload: { challengeId, students: 2, erasedFrom: new Date(Date.now() + 30 * DAY).toISOString() } },
      ]),
    );
    expect_('STUDENT_DATA_EXPIRING', `/challenges/${challengeId}`);
    const people = new Set([f.organizer, f.teacher, newcomer, tutor, winner.sponsor, other.sponsor, ...f.jurors.map((j) => j.user)].map((u) => u.email));
    return { expected, people };
  }

  /** The emails of the edition's people, with the stored notification each one was sent for. */
  async function emailsOf(people: Set<string>) {
    const mine = smtp.messages.filter((m) => m.to.some((to) => people.has(to)) && m.headers['x-notification-id']);
    const rows: { id: string; kind: string; path: string; title: string; locale: string }[] = await db.query(
      `SELECT id, kind, path, title, locale FROM notification WHERE id = ANY($1::uuid[])`,
      [mine.map((m) => m.headers['x-notification-id'])],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return mine.map((email: ReceivedEmail) => ({ email, notification: byId.get(email.headers['x-notification-id']!)! }));
  }

  it.each(['it', 'en'] as const)('in %s: every kind of email carries PUBLIC_URL + its path and a footer with the reason and the profile link', async (locale) => {
    const { expected, people } = await edition(locale);
    // The edition produced every kind of the catalogue.
    expect([...expected.keys()].sort()).toEqual(Object.keys(TEMPLATES).sort());
    let missing: string[] = [];
    const emails = await waitFor(
      async () => {
        const all = await emailsOf(people);
        const kinds = new Set(all.map((e) => e.notification?.kind));
        missing = [...expected.keys()].filter((kind) => !kinds.has(kind));
        return missing.length === 0 && all;
      },
      { what: `an email of every kind in ${locale}`, timeoutMs: 60_000 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}; no email yet of ${missing.join(', ')}`);
    });

    for (const kind of expected.keys()) {
      const ofKind = emails.filter((e) => e.notification.kind === kind);
      expect(ofKind.length).toBeGreaterThan(0);
      for (const { email, notification } of ofKind) {
        const what = `${kind} to ${email.to.join(',')}`;
        expect({ what, path: notification.path, allowed: [...expected.get(kind)!].includes(notification.path) }).toEqual({ what, path: notification.path, allowed: true });
        expect(notification.locale).toBe(locale);
        expect(email.headers['x-notification-kind']).toBe(kind);
        const parts = mimeParts(email.raw);
        const text = parts.find((p) => p.type === 'text/plain')!.body.replace(/\r\n/g, '\n');
        const html = parts.find((p) => p.type === 'text/html')!.body;
        const link = `${PUBLIC_URL}${notification.path}`;
        expect(text).toContain(`${FOOTER[locale].open}: ${link}\n`);
        expect(html).toContain(`<a href="${link}">${FOOTER[locale].open}</a>`);
        expect(html).toContain(`<html lang="${locale}">`);
        const footer = text.slice(text.indexOf('\n--\n') + 4);
        expect(footer.startsWith(FOOTER[locale].why)).toBe(true);
        expect(footer).toContain(FOOTER[locale].language);
        expect(html).toContain(`<a href="${PUBLIC_URL}/profile">${PUBLIC_URL}/profile</a>`);
        // No raw enum value anywhere in what the person reads (the links' ids are lowercase).
        expect({ what, tokens: text.match(new RegExp(ENUM_TOKEN, 'g')) }).toEqual({ what, tokens: null });
      }
    }
  }, 180_000);
});
