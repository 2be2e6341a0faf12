import type { DataSource } from 'typeorm';
import { SUBMISSION_DEADLINE_SOON } from '#domain/challenges/submission-deadline.reminders.js';
import { JUDGING_DEADLINE_SOON } from '#domain/judging/judging-events.js';
import { MILESTONE_DUE_SOON, MILESTONE_OVERDUE } from '#domain/minicompanies/minicompanies.service.js';
import { STUDENT_DATA_EXPIRING } from '#domain/people/student-retention.js';
import { recordEvents } from '#platform/outbox/outbox.js';
import { accept, assignTutor, company, companyMember, foundMiniCompany, propose, REVIEW_MILESTONE, SUBMIT_MILESTONE } from './adoption-factories.js';
import { createTeam, DAY, student } from './challenge-factories.js';
import { addMember, setDefaultLocale, signUp, type TestUser } from './factories.js';
import { gqlOk } from './graphql.js';
import { judgingFixture, myAssignments, PUBLISH_RESULTS, RECUSE, startJudging } from './judging-factories.js';
import { CLOSE_VOTING, openVoting } from './voting-factories.js';
import { waitFor } from './wait.js';

const FOLLOW_THEME = `mutation($org: ID!, $theme: String!) { followTheme(organizationId: $org, theme: $theme) { id } }`;

export interface NotificationScenario {
  /** Each kind with the paths its notifications may carry. */
  expected: Map<string, Set<string>>;
  /** Everyone of the edition who may be told something (all signed up with the scenario's language). */
  people: TestUser[];
}

const stored = async (db: DataSource, kind: string, subjectId: string) =>
  (await db.query(`SELECT 1 FROM notification WHERE kind = $1 AND subject_id = $2 LIMIT 1`, [kind, subjectId])).length > 0;

/**
 * One edition through its whole life with every person speaking `locale`, through the API and the running worker:
 * each notification kind happens at least once. The timed ones (deadline reminders, the retention warning) are the
 * events their schedulers record, recorded here at once (test/reminders.e2e-spec.ts and test/retention.e2e-spec.ts
 * cover when they fire). Used by test/notification-links.e2e-spec.ts (the emails) and test/web/notification-paths.pw.ts
 * (the pages).
 */
export async function everyNotificationKind(url: string, db: DataSource, locale: 'it' | 'en' = 'it'): Promise<NotificationScenario> {
  setDefaultLocale(locale);
  try {
    const expected = new Map<string, Set<string>>();
    const expect = (kind: string, path: string) => expected.set(kind, (expected.get(kind) ?? new Set()).add(path));
    const f = await judgingFixture(url, { ideas: 2, jurors: 2, overrides: { title: `Climathon ${locale}` } });
    const challengeId = f.challenge.id;
    for (const idea of f.ideas) expect('IDEA_SUBMITTED', `/ideas/${idea.id}`);

    const newcomer = await signUp(url, { label: 'newcomer' });
    await addMember(url, f.organizer, f.promoterId, newcomer);
    expect('ORGANIZATION_MEMBER_ADDED', `/organizations/${f.promoterId}`);

    const late = await createTeam(url, f.teacher, { challengeId, schoolId: f.schoolId, name: 'Squadra in ritardo' });
    const pupil = await student(url, late.joinCode);
    expect('TEAM_MEMBER_JOINED', `/teams/${late.id}`);
    await db.transaction((m) => recordEvents(m, [{ type: SUBMISSION_DEADLINE_SOON, payload: { challengeId, submissionClosesAt: new Date(Date.now() + DAY).toISOString() } }]));
    expect('SUBMISSION_DEADLINE_SOON', `/challenges/${challengeId}`);
    await waitFor(() => stored(db, 'SUBMISSION_DEADLINE_SOON', challengeId), { what: 'the submission reminder, before judging starts' });

    await startJudging(url, f.organizer, challengeId);
    expect('REVIEW_ASSIGNED', `/challenges/${challengeId}/reviews`);
    await db.transaction((m) => recordEvents(m, [{ type: JUDGING_DEADLINE_SOON, payload: { challengeId, judgingClosesAt: new Date(Date.now() + DAY).toISOString() } }]));
    expect('JUDGING_DEADLINE_SOON', `/challenges/${challengeId}/reviews`);
    // Both jurors review every idea: a recusal finds nobody to take it over.
    const [assignment] = await myAssignments(url, f.jurors[0]!.user, challengeId);
    await gqlOk(url, RECUSE, { id: assignment.id, reason: 'conflitto di interessi' }, f.jurors[0]!.user.token);
    expect('REVIEW_UNASSIGNABLE', `/ideas/${assignment.idea.id}`);
    // The recusal is resolved by a job of its own, which tells nobody once judging is over: results wait for it.
    await waitFor(() => stored(db, 'REVIEW_UNASSIGNABLE', assignment.idea.id), { what: 'REVIEW_UNASSIGNABLE, before results are published' });
    await waitFor(() => stored(db, 'JUDGING_DEADLINE_SOON', challengeId), { what: 'JUDGING_DEADLINE_SOON, before results are published' });

    // A company following the edition's theme hears of its published ideas.
    const winner = await company(url, `Impresa Vincente ${locale}`);
    await gqlOk(url, FOLLOW_THEME, { org: winner.companyId, theme: f.challenge.themes[0]!.name }, winner.sponsor.token);
    await gqlOk(url, PUBLISH_RESULTS, { input: { challengeId } }, f.organizer.token);
    expect('RESULTS_PUBLISHED', `/challenges/${challengeId}/results`);
    expect('MATCHING_IDEAS_PUBLISHED', `/challenges/${challengeId}/results`);
    await openVoting(url, f.organizer, challengeId, { closesAt: new Date(Date.now() + DAY) });
    await gqlOk(url, CLOSE_VOTING, { id: challengeId }, f.organizer.token);
    expect('PEOPLES_CHOICE_PUBLISHED', `/challenges/${challengeId}/results`);

    const adopted = f.ideas[0]!;
    const tutor = await companyMember(url, winner.sponsor, winner.companyId, 'tutor');
    expect('ORGANIZATION_MEMBER_ADDED', `/organizations/${winner.companyId}`);
    const other = await company(url, `Impresa Seconda ${locale}`);
    const proposal = await propose(url, winner.sponsor, adopted.id, winner.companyId);
    await propose(url, other.sponsor, adopted.id, other.companyId);
    for (const kind of ['ADOPTION_PROPOSED', 'ADOPTION_ACCEPTED', 'ADOPTION_DECLINED']) expect(kind, `/ideas/${adopted.id}`);
    await waitFor(() => stored(db, 'ADOPTION_PROPOSED', proposal.id), { what: 'ADOPTION_PROPOSED, before the decision' });
    await accept(url, f.teacher, proposal.id);
    await assignTutor(url, winner.sponsor, proposal.id, tutor);
    expect('TUTOR_ASSIGNED', `/teams/${adopted.teamId}`);

    const mini = await foundMiniCompany(url, f.teacher, adopted.teamId, [
      { kind: 'CONCEPT', title: 'Concept', dueAt: new Date(Date.now() + 20 * DAY).toISOString() },
      { kind: 'PROTOTYPE', title: 'Prototipo', dueAt: new Date(Date.now() + 40 * DAY).toISOString() },
    ]);
    const [concept, prototype] = mini.milestones;
    for (const kind of ['MILESTONE_DUE_SOON', 'MILESTONE_OVERDUE', 'MILESTONE_SUBMITTED', 'MILESTONE_REVIEWED']) expect(kind, `/mini-companies/${mini.id}`);
    await gqlOk(url, SUBMIT_MILESTONE, { input: { milestoneId: concept!.id, evidence: 'Fatto.' } }, f.teacher.token);
    await gqlOk(url, REVIEW_MILESTONE, { input: { milestoneId: concept!.id, approve: true, feedback: 'Ottimo lavoro' } }, tutor.token);
    const milestoneEvent = { milestoneId: prototype!.id, miniCompanyId: mini.id, dueAt: prototype!.dueAt };
    await db.transaction((m) =>
      recordEvents(m, [
        { type: MILESTONE_DUE_SOON, payload: milestoneEvent },
        { type: MILESTONE_OVERDUE, payload: milestoneEvent },
        { type: STUDENT_DATA_EXPIRING, payload: { challengeId, students: 2, erasedFrom: new Date(Date.now() + 30 * DAY).toISOString() } },
      ]),
    );
    expect('STUDENT_DATA_EXPIRING', `/challenges/${challengeId}`);
    return { expected, people: [f.organizer, f.teacher, newcomer, pupil, tutor, winner.sponsor, other.sponsor, ...f.jurors.map((j) => j.user)] };
  } finally {
    setDefaultLocale('it');
  }
}
