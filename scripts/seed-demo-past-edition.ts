// Last year's edition of the demo promoter, run from start to finish so that the impact report (and the jury report,
// the exports) have something to show: six classes of the demo schools, two jurors, results with awards, two
// adoption proposals (one accepted, one declined), a mini-company that went through its milestones, the edition closed.
// Built through the domain services like the rest of the seed, on today's clock; then its history is moved back by a
// year in one transaction (every timestamp of its rows), with a few moments spread out so the report reads like a
// real year: the adoption accepted 12 days after the results, one milestone approved late. Its pending reminders are
// cancelled (they belonged to deadlines that are now in the past). Idempotent: nothing happens when the edition exists.
import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AdoptionService } from '#domain/adoption/adoption.service.js';
import { ChallengeFormat, ScoreNormalization, Challenge } from '#domain/challenges/challenge.entity.js';
import { ChallengesService } from '#domain/challenges/challenges.service.js';
import { IdeasService } from '#domain/ideas/ideas.service.js';
import { IdentityService } from '#domain/identity/identity.service.js';
import { JudgingService } from '#domain/judging/judging.service.js';
import { MiniCompaniesService } from '#domain/minicompanies/minicompanies.service.js';
import { TeamsService } from '#domain/teams/teams.service.js';
import type { Viewer } from '#domain/viewer.js';
import { Clock } from '#platform/clock/clock.js';

const DAY = 24 * 3600_000;
/** How far back the edition's history is moved: its submissions opened a year (and a bit) ago. */
const YEARS_AGO_DAYS = 380;

export interface PastEditionInput {
  organizer: Viewer;
  promoterId: string;
  /** The demo schools with their teachers (coaches), in the seed's order. */
  schools: { id: string; teacher: Viewer }[];
  jurors: { viewer: Viewer; email: string }[];
  labId: string;
  sponsor: Viewer;
  companyId: string;
  password: string;
  domain: string;
}

const CLASSES: { school: number; name: string; className: string; theme: number; title: string; students: string[] }[] = [
  {
    school: 0,
    name: 'Acqua Chiara',
    className: '5A scientifico',
    theme: 0,
    title: "Borracce e fontanelle: l'acqua del rubinetto a scuola",
    students: ['Irene Daldoss', 'Tommaso Ferrari', 'Nadia Corradini'],
  },
  {
    school: 1,
    name: 'Pedala Trento',
    className: '5C informatica',
    theme: 2,
    title: 'Una ciclofficina in cortile per chi va a scuola in bici',
    students: ['Samuele Gottardi', 'Arianna Pisoni', 'Leonardo Conci'],
  },
  { school: 2, name: 'Mensa Furba', className: '4A', theme: 1, title: 'Il frigo solidale della mensa di Pergine', students: ['Marta Oss', 'Davide Eccher', 'Sofia Broseghini'] },
  {
    school: 3,
    name: 'Pioggia Utile',
    className: '5B classico',
    theme: 0,
    title: "Cisterne per l'orto: l'acqua piovana del tetto",
    students: ['Pietro Zandonai', 'Alice Gasperotti', 'Matteo Baldo'],
  },
  {
    school: 4,
    name: 'Car Pooling Vallagarina',
    className: '4D turismo',
    theme: 2,
    title: "L'app per andare a scuola in auto insieme",
    students: ['Giorgia Maffei', 'Nicola Prosser', 'Beatrice Tait'],
  },
  {
    school: 5,
    name: 'Zero Spreco Milani',
    className: '3A',
    theme: 1,
    title: 'Il mercatino delle eccedenze del venerdì',
    students: ['Lorenzo Bertolini', 'Emma Cristofolini', 'Gabriele Stenico'],
  },
];

const local = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.');

/** Seeds the past edition when it is missing; returns how many objects it created (0 when it exists). */
export async function seedPastEdition(app: INestApplicationContext, input: PastEditionInput): Promise<number> {
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const now = app.get(Clock).now();
  const title = `Climathon Scuole Trentino ${now.getFullYear() - 1}`;
  if (await dataSource.getRepository(Challenge).existsBy({ title, organizerId: input.promoterId })) return 0;
  const identity = app.get(IdentityService);
  const challenges = app.get(ChallengesService);
  const teams = app.get(TeamsService);
  const ideas = app.get(IdeasService);
  const judging = app.get(JudgingService);
  const adoption = app.get(AdoptionService);
  const companies = app.get(MiniCompaniesService);
  let created = 0;

  const challenge = await challenges.create(input.organizer, {
    organizerId: input.promoterId,
    title,
    description: "L'edizione dell'anno scorso del Climathon delle scuole del Trentino: sei classi, due giurati, un'idea adottata diventata mini-impresa.",
    format: ChallengeFormat.SCHOOL_CLIMATHON,
    submissionOpensAt: new Date(now.getTime() - DAY),
    submissionClosesAt: new Date(now.getTime() + 30 * DAY),
    judgingClosesAt: new Date(now.getTime() + 45 * DAY),
    reviewsPerIdea: input.jurors.length,
    maxTeamSize: 8,
    rankingNormalization: ScoreNormalization.ZSCORE,
    themes: [{ name: 'Acqua' }, { name: 'Spreco alimentare' }, { name: 'Mobilità' }],
    criteria: [
      { name: 'Impatto ambientale', weight: 3, maxScore: 10 },
      { name: 'Fattibilità', weight: 2, maxScore: 10 },
      { name: 'Originalità', weight: 1, maxScore: 10 },
    ],
  });
  await challenges.publish(input.organizer, challenge.id);
  const [themes, criteria] = await Promise.all([challenges.themesOf([challenge.id]), challenges.criteriaOf([challenge.id])]);
  for (const juror of input.jurors) await judging.addJuror(input.organizer, { challengeId: challenge.id, email: juror.email, affiliationId: input.labId });
  created += 2 + input.jurors.length;

  const made: { teamId: string; ideaId: string; coach: Viewer; firstStudent: Viewer }[] = [];
  for (const data of CLASSES) {
    const coach = input.schools[data.school].teacher;
    const team = await teams.create(coach, { challengeId: challenge.id, name: data.name, schoolId: input.schools[data.school].id, className: data.className });
    const students: Viewer[] = [];
    for (const name of data.students) {
      const email = `${local(name)}@${input.domain}`;
      const existing = await identity.findByEmail(email);
      const userId = existing?.id ?? (await identity.signUp({ email, password: input.password, displayName: name, locale: 'it' }, { verified: true })).user.id;
      const student = { userId, isAdmin: false };
      await teams.join(student, team.joinCode);
      students.push(student);
    }
    const idea = await ideas.save(students[0], {
      teamId: team.id,
      themeId: themes[data.theme].id,
      title: data.title,
      summary: `${data.title}: il progetto della ${data.className}.`,
      problem: 'Un problema concreto della nostra scuola e del nostro quartiere, misurato dalla classe.',
      solution: 'Una soluzione costruita con gli studenti, il Comune e le imprese del territorio.',
      impact: 'Risparmi misurabili in un anno scolastico.',
      tags: ['scuola', 'territorio'],
    });
    await ideas.submit(coach, idea.id);
    made.push({ teamId: team.id, ideaId: idea.id, coach, firstStudent: students[0] });
    created += 3 + students.length;
  }

  // Judging: the first juror a little more generous than the second, the classes in a clear order with one dispute.
  await judging.startJudging(input.organizer, challenge.id);
  for (const [j, juror] of input.jurors.entries()) {
    for (const assignment of await judging.myAssignments(juror.viewer, challenge.id)) {
      const k = made.findIndex((m) => m.ideaId === assignment.ideaId);
      const base = [8, 7, 6, 6, 5, 4][k] ?? 5;
      const dispute = k === 3 ? (j === 0 ? 3 : -2) : 0;
      const value = (c: number) => Math.max(0, Math.min(10, base + dispute + (j === 0 ? 1 : 0) - (c === 2 ? k % 2 : 0)));
      await judging.submitReview(juror.viewer, {
        assignmentId: assignment.id,
        scores: criteria.map((c, i) => ({ criterionId: c.id, value: value(i) })),
        comment: 'Valutazione della giuria.',
      });
      created++;
    }
  }
  await judging.publishResults(input.organizer, {
    challengeId: challenge.id,
    awards: [
      { ideaId: made[0].ideaId, title: 'Primo premio', place: 1 },
      { ideaId: made[1].ideaId, title: 'Secondo premio', place: 2 },
      { ideaId: made[3].ideaId, title: 'Premio della Camera di Commercio' },
    ],
  });

  // The sponsor proposes to the two winners: the first class accepts and founds its mini-company, the second declines.
  const accepted = await adoption.propose(input.sponsor, {
    ideaId: made[0].ideaId,
    companyId: input.companyId,
    message: 'Vi aiutiamo a portare le fontanelle in tutte le scuole della città.',
  });
  const declined = await adoption.propose(input.sponsor, { ideaId: made[1].ideaId, companyId: input.companyId, message: 'Ci piacerebbe sostenere la ciclofficina.' });
  await adoption.accept(made[0].coach, { adoptionId: accepted.id });
  await adoption.decline(made[1].coach, { adoptionId: declined.id, note: 'La scuola ha già un partner.' });
  const company = await companies.found(made[0].coach, { teamId: made[0].teamId, name: 'Acqua Chiara Impresa Studentesca' });
  const milestones = await companies.milestonesOf([company.id]);
  for (const milestone of milestones) {
    await companies.submitMilestone(made[0].firstStudent, { milestoneId: milestone.id, evidence: `Fatto: ${milestone.title}.` });
    await companies.reviewMilestone(made[0].coach, { milestoneId: milestone.id, approve: true });
  }
  await challenges.close(input.organizer, challenge.id);
  created += 12 + milestones.length * 2;

  await backdate(dataSource, challenge.id, company.id);
  return created;
}

/**
 * Moves every timestamp of the edition's rows back YEARS_AGO_DAYS days, then spreads the moments a real year has: the
 * adoption accepted 12 days after the results, the mini-company founded 20 days after them, each milestone submitted
 * 4 days before its (shifted) due date and approved the day after, but the business plan submitted 6 days late.
 */
async function backdate(dataSource: DataSource, challengeId: string, miniCompanyId: string): Promise<void> {
  const back = `interval '${YEARS_AGO_DAYS} days'`;
  await dataSource.transaction(async (m) => {
    const idea = `(SELECT id FROM idea WHERE challenge_id = $1)`;
    const shift = (table: string, columns: string[], where: string) =>
      m.query(`UPDATE ${table} SET ${columns.map((c) => `${c} = ${c} - ${back}`).join(', ')} WHERE ${where}`, [challengeId]);
    await shift('challenge', ['created_at', 'submission_opens_at', 'submission_closes_at', 'judging_closes_at', 'results_published_at', 'closed_at'], 'id = $1');
    await shift('team', ['created_at'], 'challenge_id = $1');
    await shift('team_member', ['created_at'], 'challenge_id = $1');
    await shift('juror', ['created_at'], 'challenge_id = $1');
    await shift('idea', ['created_at', 'updated_at', 'submitted_at'], 'challenge_id = $1');
    await shift('review_assignment', ['due_at', 'created_at'], 'challenge_id = $1');
    await shift('review', ['submitted_at', 'updated_at'], 'challenge_id = $1');
    await shift('review_revision', ['submitted_at'], `review_id IN (SELECT id FROM review WHERE challenge_id = $1)`);
    await shift('award', ['created_at'], 'challenge_id = $1');
    // A calendar a year reads like: ideas in before the deadline, reviews before judging closes, results the day after,
    // the edition closed a month later.
    await m.query(`UPDATE challenge SET results_published_at = judging_closes_at + interval '1 day', closed_at = judging_closes_at + interval '31 days' WHERE id = $1`, [
      challengeId,
    ]);
    await m.query(
      `UPDATE idea i SET submitted_at = c.submission_closes_at - interval '2 days', updated_at = c.submission_closes_at - interval '2 days', created_at = c.submission_closes_at - interval '12 days'
         FROM challenge c WHERE c.id = i.challenge_id AND c.id = $1`,
      [challengeId],
    );
    await m.query(
      `UPDATE review r SET submitted_at = c.judging_closes_at - interval '5 days', updated_at = c.judging_closes_at - interval '5 days' FROM challenge c WHERE c.id = r.challenge_id AND c.id = $1`,
      [challengeId],
    );
    await m.query(`UPDATE review_revision v SET submitted_at = r.submitted_at FROM review r WHERE r.id = v.review_id AND r.challenge_id = $1`, [challengeId]);
    await m.query(`UPDATE award a SET created_at = c.results_published_at FROM challenge c WHERE c.id = a.challenge_id AND c.id = $1`, [challengeId]);
    await m.query(
      `UPDATE adoption a SET created_at = c.results_published_at + interval '3 days',
              decided_at = c.results_published_at + CASE WHEN a.status = 'ACCEPTED' THEN interval '12 days' ELSE interval '9 days' END
         FROM challenge c WHERE c.id = $1 AND a.idea_id IN ${idea}`,
      [challengeId],
    );
    await m.query(
      `UPDATE mini_company mc SET founded_at = c.results_published_at + interval '20 days', created_at = c.results_published_at + interval '20 days'
         FROM challenge c WHERE c.id = $1 AND mc.id = $2`,
      [challengeId, miniCompanyId],
    );
    // Due dates follow the default plan from the founding day; BUSINESS_PLAN came in late.
    await m.query(
      `UPDATE milestone ms SET due_at = mc.founded_at + (ms.due_at - ms.created_at),
              created_at = mc.founded_at
         FROM mini_company mc WHERE mc.id = ms.mini_company_id AND mc.id = $1`,
      [miniCompanyId],
    );
    await m.query(
      `UPDATE milestone SET submitted_at = due_at + CASE WHEN kind = 'BUSINESS_PLAN' THEN interval '6 days' ELSE interval '-4 days' END,
              reviewed_at = due_at + CASE WHEN kind = 'BUSINESS_PLAN' THEN interval '7 days' ELSE interval '-3 days' END
        WHERE mini_company_id = $1`,
      [miniCompanyId],
    );
    await m.query(
      `UPDATE scheduled_reminder SET cancelled_at = now()
        WHERE fired_at IS NULL AND cancelled_at IS NULL
          AND (subject_id = $1 OR subject_id IN (SELECT id FROM milestone WHERE mini_company_id = $2) OR subject_id IN (SELECT id FROM review_assignment WHERE challenge_id = $1))`,
      [challengeId, miniCompanyId],
    );
  });
}
