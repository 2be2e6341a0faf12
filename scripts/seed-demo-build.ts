// Builds the demo (npm run seed:demo) through the domain services, so validation, hashing, access rules and outbox
// events are the real ones. One edition of the promoter per phase of the lifecycle, each reached the way an organizer
// reaches it: the seed's clock (DemoClock) is moved to the moments of the edition's calendar (created, submissions,
// judging, results...) and the services are called at each moment as the organizer, the coaches, the students, the
// jurors and the sponsor would. Timestamps the database sets itself (created_at) are then aligned to those moments.
// It builds on a database without the demo: scripts/seed-demo.ts checks that first (and --reset removes it).
import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AdoptionService } from '#domain/adoption/adoption.service.js';
import { ChallengeFormat, ScoreNormalization, type Challenge } from '#domain/challenges/challenge.entity.js';
import { ChallengesService } from '#domain/challenges/challenges.service.js';
import { IdeasService } from '#domain/ideas/ideas.service.js';
import { IdentityService } from '#domain/identity/identity.service.js';
import { JudgingService } from '#domain/judging/judging.service.js';
import { MiniCompaniesService } from '#domain/minicompanies/minicompanies.service.js';
import { MilestoneKind } from '#domain/minicompanies/milestone.entity.js';
import { OrganizationRole } from '#domain/organizations/organization-member.entity.js';
import { OrganizationKind } from '#domain/organizations/organization.entity.js';
import { OrganizationInvitationsService } from '#domain/organizations/organization-invitations.service.js';
import { OrganizationsService } from '#domain/organizations/organizations.service.js';
import { RostersService } from '#domain/rosters/rosters.service.js';
import type { Team } from '#domain/teams/team.entity.js';
import { TeamsService } from '#domain/teams/teams.service.js';
import type { Viewer } from '#domain/viewer.js';
import { Clock } from '#platform/clock/clock.js';
import {
  ADMIN,
  COMPANY,
  COMPANY_ADOPTION,
  COMPANY_EDITION,
  CRITERIA,
  CURRENT_CLASSES,
  CURRENT_DESCRIPTION,
  CURRENT_TITLE,
  DAY,
  DEMO_DOMAIN,
  DEMO_PASSWORD,
  JUDGING_EDITION,
  JURORS,
  LAB,
  ORGANIZER,
  ORGANIZER_2,
  PROMOTER,
  RESULTS_EDITION,
  RESULTS_PROPOSAL,
  ROSTER_CLASS,
  SCHOOLS,
  SPONSORS,
  THEMES,
  type ClassData,
  type EditionData,
  type Person,
} from './seed-demo-data.js';
import { seedPastEdition } from './seed-demo-past-edition.js';

/**
 * The seed's clock: the real time, or the moment the seed moved it to, running on from there. The domain services
 * read it for every rule (deadlines, phases) and every time they record (submittedAt, resultsPublishedAt, foundedAt...).
 */
export class DemoClock extends Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  travelTo(moment: Date): void {
    this.offsetMs = moment.getTime() - Date.now();
  }

  backToNow(): void {
    this.offsetMs = 0;
  }
}

/**
 * The one place the seed makes a person a member of an organization. Membership is by invitation (docs/rules.md): the
 * owner invites them by email, and the member accepts, as `member.viewer`.
 */
export async function addMember(
  app: INestApplicationContext,
  owner: Viewer,
  organizationId: string,
  member: { viewer: Viewer; email: string },
  role = OrganizationRole.MEMBER,
): Promise<void> {
  const invitations = app.get(OrganizationInvitationsService);
  await invitations.invite(owner, { organizationId, email: member.email, role });
  await invitations.accept(member.viewer, organizationId);
}

/** A roster student's sign-in, as addStudents returned it (the code exists nowhere else in clear). */
export interface RosterLogin {
  displayName: string;
  username: string;
  code: string;
}

interface People {
  organizer: Viewer;
  promoterId: string;
  jurors: { viewer: Viewer; email: string }[];
  labId: string;
  sponsor: Viewer;
  tutor: Person;
  companyId: string;
  schools: { id: string; teacher: Viewer }[];
}

/** Days from the seed's start: the moments of each edition's calendar. */
interface Calendar {
  created: number;
  opens: number;
  closes: number;
  judgingCloses: number;
  teams: number;
  saved: number;
  submitted: number;
  judging?: number;
  reviews?: number;
  results?: number;
}

interface BuiltClass {
  data: ClassData;
  team: Team;
  ideaId: string;
  coach: Viewer;
  students: Viewer[];
}

interface BuiltEdition {
  challenge: Challenge;
  classes: BuiltClass[];
}

export class DemoBuilder {
  private readonly dataSource: DataSource;
  private readonly identity: IdentityService;
  private readonly organizations: OrganizationsService;
  private readonly challenges: ChallengesService;
  private readonly teams: TeamsService;
  private readonly ideas: IdeasService;
  private readonly judging: JudgingService;
  private readonly adoption: AdoptionService;
  private readonly companies: MiniCompaniesService;
  private readonly rosters: RostersService;
  private readonly clock: DemoClock;
  /** The real time when the seed started: every calendar counts its days from here. */
  private readonly start = Date.now();
  private readonly users = new Map<string, Viewer>();

  constructor(private readonly app: INestApplicationContext) {
    const clock = app.get(Clock);
    if (!(clock instanceof DemoClock)) throw new Error('The demo is built on a DemoClock (DomainModule.withClock(new DemoClock()))');
    this.clock = clock;
    this.dataSource = app.get<DataSource>(getDataSourceToken());
    this.identity = app.get(IdentityService);
    this.organizations = app.get(OrganizationsService);
    this.challenges = app.get(ChallengesService);
    this.teams = app.get(TeamsService);
    this.ideas = app.get(IdeasService);
    this.judging = app.get(JudgingService);
    this.adoption = app.get(AdoptionService);
    this.companies = app.get(MiniCompaniesService);
    this.rosters = app.get(RostersService);
  }

  /** Builds everything; returns the roster codes, which nothing can show again. */
  async build(): Promise<RosterLogin[]> {
    this.clock.backToNow();
    await this.identity.createAdmin(ADMIN.email, DEMO_PASSWORD);
    // Every account first, on today's clock (they sign up now; what they do happens on the editions' calendars).
    const everyone = [ORGANIZER, ORGANIZER_2, ...JURORS, ...SPONSORS, ...SCHOOLS.map((s) => s.teacher)];
    for (const edition of [COMPANY_EDITION, RESULTS_EDITION, JUDGING_EDITION, { classes: CURRENT_CLASSES }]) for (const c of edition.classes) everyone.push(...c.students);
    const pending = [...new Map(everyone.map((p) => [p.email, p])).values()];
    // A few at a time: each sign-up hashes a password (argon2id, on the thread pool).
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let p = pending.shift(); p; p = pending.shift()) await this.user(p);
      }),
    );

    const organizer = this.viewer(ORGANIZER);
    const promoterId = (await this.organizations.create(organizer, PROMOTER)).id;
    await addMember(this.app, organizer, promoterId, this.member(ORGANIZER_2));
    const sponsor = this.viewer(SPONSORS[0]);
    const companyId = (await this.organizations.create(sponsor, COMPANY)).id;
    await addMember(this.app, sponsor, companyId, this.member(SPONSORS[1]));
    const labOwner = this.viewer(JURORS[0]);
    const labId = (await this.organizations.create(labOwner, LAB)).id;
    await addMember(this.app, labOwner, labId, this.member(JURORS[1]));
    const schools: People['schools'] = [];
    for (const school of SCHOOLS) {
      const teacher = this.viewer(school.teacher);
      const { id } = await this.organizations.create(teacher, { name: school.name, kind: OrganizationKind.SCHOOL, city: school.city, district: school.district });
      schools.push({ id, teacher });
    }
    const people: People = {
      organizer,
      promoterId,
      jurors: JURORS.map((p) => ({ viewer: this.viewer(p), email: p.email })),
      labId,
      sponsor,
      tutor: SPONSORS[1],
      companyId,
      schools,
    };

    // Oldest first, so that the promoter's editions are listed newest first like real ones.
    // Last year's edition, judged, adopted and closed: what the impact and jury reports show.
    await seedPastEdition(this.app, { ...people, password: DEMO_PASSWORD, domain: DEMO_DOMAIN });
    await this.companyEdition(people);
    await this.resultsEdition(people);
    await this.judgingEdition(people);
    const current = await this.currentEdition(people);
    this.clock.backToNow();
    return this.rosterClass(people, current);
  }

  // ---------------------------------------------------------------------------------------------- the editions

  /** Phase 4: results published four months ago, the winner adopted, its mini-company half-way through its plan. */
  private async companyEdition(people: People): Promise<void> {
    const edition = await this.edition(people, COMPANY_EDITION, {
      created: -205,
      opens: -200,
      closes: -160,
      judgingCloses: -130,
      teams: -195,
      saved: -180,
      submitted: -165,
      judging: -158,
      reviews: -140,
      results: -125,
    });
    const winner = edition.classes[0];
    const proposed = await this.at(-118, () =>
      this.adoption.propose(people.sponsor, { ideaId: winner.ideaId, companyId: people.companyId, message: COMPANY_ADOPTION.message, commitment: COMPANY_ADOPTION.commitment }),
    );
    // Accepted 12 days after the results, like last year's: the impact report's "days to first adoption" stays 12.
    await this.at(-113, () => this.adoption.accept(winner.coach, { adoptionId: proposed.id, note: 'Grazie, la classe è entusiasta.' }));
    await this.at(-112, () => this.adoption.assignTutor(people.sponsor, { adoptionId: proposed.id, email: people.tutor.email }));
    await this.at(-95, () => this.challenges.close(people.organizer, edition.challenge.id));
    const company = await this.at(-80, () => this.companies.found(winner.coach, { teamId: winner.team.id, name: COMPANY_ADOPTION.miniCompany }));
    const milestones = await this.companies.milestonesOf([company.id]);
    const milestone = (kind: MilestoneKind) => milestones.find((m) => m.kind === kind)!.id;
    const [student] = winner.students;
    const tutor = this.viewer(people.tutor);
    // Concept and business plan approved on time (by the coach, then by the tutor); the prototype waits for its review.
    await this.at(-68, () =>
      this.companies.submitMilestone(student, { milestoneId: milestone(MilestoneKind.CONCEPT), evidence: 'Il concept con lo schema della comunità energetica.' }),
    );
    await this.at(-67, () => this.companies.reviewMilestone(winner.coach, { milestoneId: milestone(MilestoneKind.CONCEPT), approve: true, feedback: 'Chiaro e ben argomentato.' }));
    await this.at(-38, () =>
      this.companies.submitMilestone(student, { milestoneId: milestone(MilestoneKind.BUSINESS_PLAN), evidence: 'Business plan con preventivi e quote delle famiglie.' }),
    );
    await this.at(-37, () => this.companies.reviewMilestone(tutor, { milestoneId: milestone(MilestoneKind.BUSINESS_PLAN), approve: true, feedback: 'Numeri realistici.' }));
    await this.at(-2, () =>
      this.companies.submitMilestone(student, {
        milestoneId: milestone(MilestoneKind.PROTOTYPE),
        evidence: 'Il modellino del tetto con due pannelli e il contatore di produzione.',
      }),
    );
    await this.dataSource.transaction(async (m) => {
      await m.query(`UPDATE adoption SET created_at = $2 WHERE id = $1`, [proposed.id, this.day(-118)]);
      await m.query(`UPDATE adoption_tutor SET created_at = $2 WHERE adoption_id = $1`, [proposed.id, this.day(-112)]);
      await m.query(`UPDATE mini_company SET created_at = founded_at WHERE id = $1`, [company.id]);
      await m.query(`UPDATE milestone SET created_at = $2 WHERE mini_company_id = $1`, [company.id, this.day(-80)]);
    });
  }

  /** Phase 3: results published twelve days ago; the sponsor's proposal to adopt the winner waits for the coach. */
  private async resultsEdition(people: People): Promise<void> {
    const edition = await this.edition(people, RESULTS_EDITION, {
      created: -80,
      opens: -75,
      closes: -35,
      judgingCloses: -15,
      teams: -72,
      saved: -55,
      submitted: -38,
      judging: -34,
      reviews: -22,
      results: -12,
    });
    const winner = edition.classes[0];
    const proposal = await this.at(-3, () =>
      this.adoption.propose(people.sponsor, { ideaId: winner.ideaId, companyId: people.companyId, message: RESULTS_PROPOSAL.message, commitment: RESULTS_PROPOSAL.commitment }),
    );
    await this.dataSource.query(`UPDATE adoption SET created_at = $2 WHERE id = $1`, [proposal.id, this.day(-3)]);
  }

  /** Phase 2: judging started two days ago; the second juror has reviewed the first two classes' ideas, the first juror none yet. */
  private async judgingEdition(people: People): Promise<void> {
    await this.edition(
      people,
      JUDGING_EDITION,
      { created: -45, opens: -40, closes: -3, judgingCloses: 18, teams: -38, saved: -25, submitted: -6, judging: -2, reviews: -1 },
      (juror, k) => juror === 1 && k < 2,
    );
  }

  /** Phase 1: this year's edition, open for submissions for three more weeks; two ideas are still drafts. */
  private async currentEdition(people: People): Promise<BuiltEdition> {
    return this.edition(
      people,
      { title: CURRENT_TITLE, description: CURRENT_DESCRIPTION, themes: THEMES.map((t) => ({ ...t })), classes: CURRENT_CLASSES, awards: [] },
      { created: -20, opens: -14, closes: 21, judgingCloses: 35, teams: -12, saved: -8, submitted: -5 },
    );
  }

  /**
   * Phase 5, in the current edition: a class whose students have no email. The school's owner accepts the
   * data-processing agreement, the coach creates the students (username and one-time code each), one of them starts
   * the class's idea. Today, on the real clock: the codes are fresh.
   */
  private async rosterClass(people: People, current: BuiltEdition): Promise<RosterLogin[]> {
    const school = people.schools[ROSTER_CLASS.school];
    await this.rosters.acceptDataProcessingAgreement(school.teacher, school.id, ROSTER_CLASS.agreementVersion);
    const team = await this.teams.create(school.teacher, { challengeId: current.challenge.id, name: ROSTER_CLASS.name, schoolId: school.id, className: ROSTER_CLASS.className });
    const sheet = await this.rosters.addStudents(school.teacher, {
      teamId: team.id,
      students: ROSTER_CLASS.students.map((displayName) => ({ displayName })),
      guardianConsentConfirmed: true,
    });
    const themes = await this.challenges.themesOf([current.challenge.id]);
    const author: Viewer = { userId: sheet.students[0].user.id, isAdmin: false };
    await this.ideas.save(author, { teamId: team.id, themeId: themes.find((t) => t.name === ROSTER_CLASS.theme)!.id, ...ROSTER_CLASS.idea });
    return sheet.students.map((s) => ({ displayName: s.displayName, username: s.username, code: s.code }));
  }

  /**
   * One edition through its calendar: created and published, its jury named; the classes form and join, write their
   * ideas and the coaches submit them; then, as far as the calendar goes, judging starts, the jurors review (all their
   * assignments, or those of the classes `reviews` picks) and the results are published with the edition's awards.
   */
  private async edition(people: People, data: EditionData, calendar: Calendar, reviews: (juror: number, k: number) => boolean = () => true): Promise<BuiltEdition> {
    const challenge = await this.at(calendar.created, async () => {
      const created = await this.challenges.create(people.organizer, {
        organizerId: people.promoterId,
        // The year of its results, or this year's for an edition still running.
        title: `${data.title} ${this.day(calendar.results ?? 0).getFullYear()}`,
        description: data.description,
        format: ChallengeFormat.SCHOOL_CLIMATHON,
        submissionOpensAt: this.day(calendar.opens),
        submissionClosesAt: this.day(calendar.closes),
        judgingClosesAt: this.day(calendar.judgingCloses),
        reviewsPerIdea: people.jurors.length,
        maxTeamSize: 8,
        blindJudging: true,
        rankingNormalization: ScoreNormalization.ZSCORE,
        themes: data.themes,
        criteria: CRITERIA,
      });
      const published = await this.challenges.publish(people.organizer, created.id);
      // The jurors are affiliated with the research centre (no school: no conflict of interest with any class).
      for (const juror of people.jurors) await this.judging.addJuror(people.organizer, { challengeId: created.id, email: juror.email, affiliationId: people.labId });
      return published;
    });
    const [themes, criteria] = await Promise.all([this.challenges.themesOf([challenge.id]), this.challenges.criteriaOf([challenge.id])]);

    const classes: BuiltClass[] = [];
    await this.at(calendar.teams, async () => {
      for (const c of data.classes) {
        const school = people.schools[c.school];
        const team = await this.teams.create(school.teacher, { challengeId: challenge.id, name: c.name, schoolId: school.id, className: c.className });
        const students: Viewer[] = [];
        for (const p of c.students) {
          await this.teams.join(this.viewer(p), team.joinCode);
          students.push(this.viewer(p));
        }
        classes.push({ data: c, team, coach: school.teacher, students, ideaId: '' });
      }
    });
    // A student writes the idea, the coach submits it (when the demo wants it submitted).
    await this.at(calendar.saved, async () => {
      for (const c of classes) {
        const idea = await this.ideas.save(c.students[0], { teamId: c.team.id, themeId: themes.find((t) => t.name === c.data.theme)!.id, ...c.data.idea });
        c.ideaId = idea.id;
      }
    });
    await this.at(calendar.submitted, async () => {
      for (const c of classes) if (c.data.submit) await this.ideas.submit(c.coach, c.ideaId);
    });

    if (calendar.judging !== undefined) await this.at(calendar.judging, () => this.judging.startJudging(people.organizer, challenge.id));
    if (calendar.reviews !== undefined) {
      await this.at(calendar.reviews, async () => {
        // Scores with a clear order between the classes (first best), the first juror a little more generous.
        for (const [j, juror] of people.jurors.entries()) {
          const assignments = await this.judging.myAssignments(juror.viewer, challenge.id);
          for (const assignment of assignments) {
            const k = classes.findIndex((c) => c.ideaId === assignment.ideaId);
            if (!reviews(j, k)) continue;
            const base = [8, 7, 6, 5, 4][k] ?? 4;
            await this.judging.submitReview(juror.viewer, {
              assignmentId: assignment.id,
              scores: criteria.map((c, i) => ({ criterionId: c.id, value: Math.max(0, Math.min(c.maxScore, base + (j === 0 ? 1 : 0) - (i === 2 ? k % 2 : 0))) })),
              comment: k === 0 ? 'Idea concreta, con numeri credibili.' : 'Buona idea: va approfondita la fattibilità.',
            });
          }
        }
      });
    }
    if (calendar.results !== undefined) {
      await this.at(calendar.results, () =>
        this.judging.publishResults(people.organizer, {
          challengeId: challenge.id,
          awards: data.awards.map((a) => ({ ideaId: classes[a.class].ideaId, title: a.title, place: a.place })),
        }),
      );
    }
    await this.settle(challenge.id, calendar);
    return { challenge, classes };
  }

  /** The timestamps the database set (at the real time) moved to the moments of the edition's calendar. */
  private async settle(challengeId: string, calendar: Calendar): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(`UPDATE challenge SET created_at = $2 WHERE id = $1`, [challengeId, this.day(calendar.created)]);
      await m.query(`UPDATE juror SET created_at = $2 WHERE challenge_id = $1`, [challengeId, this.day(calendar.created)]);
      await m.query(`UPDATE team SET created_at = $2 WHERE challenge_id = $1`, [challengeId, this.day(calendar.teams)]);
      await m.query(`UPDATE team_member SET created_at = $2 WHERE challenge_id = $1`, [challengeId, this.day(calendar.teams)]);
      await m.query(`UPDATE idea SET created_at = $2, updated_at = COALESCE(submitted_at, $2) WHERE challenge_id = $1`, [challengeId, this.day(calendar.saved)]);
      if (calendar.judging !== undefined) await m.query(`UPDATE review_assignment SET created_at = $2 WHERE challenge_id = $1`, [challengeId, this.day(calendar.judging)]);
      await m.query(`UPDATE award SET created_at = c.results_published_at FROM challenge c WHERE c.id = award.challenge_id AND c.id = $1`, [challengeId]);
    });
  }

  // ---------------------------------------------------------------------------------------------- helpers

  /** `days` from the seed's start (negative: in the past). */
  private day(days: number): Date {
    return new Date(this.start + days * DAY);
  }

  /** Runs `action` with the clock at that day of the calendar. */
  private async at<T>(days: number, action: () => Promise<T>): Promise<T> {
    this.clock.travelTo(this.day(days));
    try {
      return await action();
    } finally {
      this.clock.backToNow();
    }
  }

  /** The user of this email (a demo student of last year may come back), signed up through IdentityService when missing. */
  private async user(p: Person): Promise<Viewer> {
    const known = this.users.get(p.email);
    if (known) return known;
    const existing = await this.identity.findByEmail(p.email);
    const id = existing?.id ?? (await this.identity.signUp({ email: p.email, password: DEMO_PASSWORD, displayName: p.name, locale: 'it' }, { verified: true })).user.id;
    const viewer = { userId: id, isAdmin: false };
    this.users.set(p.email, viewer);
    return viewer;
  }

  private viewer(p: Person): Viewer {
    const viewer = this.users.get(p.email);
    if (!viewer) throw new Error(`${p.email} has not signed up`);
    return viewer;
  }

  private member(p: Person): { viewer: Viewer; email: string } {
    return { viewer: this.viewer(p), email: p.email };
  }
}
