import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '#platform/errors/domain-error.js';
import { ChallengeAccess } from '../challenges/challenge-access.js';
import { Challenge, ChallengeStatus } from '../challenges/challenge.entity.js';
import { ChallengesService } from '../challenges/challenges.service.js';
import { Criterion } from '../challenges/criterion.entity.js';
import { Juror } from '../judging/juror.entity.js';
import type { CriterionScore } from '../judging/scoring.js';
import { Organization } from '../organizations/organization.entity.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { check } from '../validation.js';
import { requireUser, type Viewer } from '../viewer.js';
import { impactFiguresSql, readImpactRows, type ImpactFigures, type ImpactRow } from './impact-figures.js';
import { juryAgreement, type CriterionAgreementData, type DisputedIdeaData, type JurorAgreementData } from './jury-agreement.js';
import type { AlphaResult } from './krippendorff.js';

/** What an organizer reads once judging has started: the exports or the jury report (their error messages name it). */
export type JudgedReport = 'exports' | 'juryReport';

/** Statuses from which judging has started: the jury report and the challenge exports exist. */
export const JUDGING_STARTED = [ChallengeStatus.JUDGING, ChallengeStatus.RESULTS_PUBLISHED, ChallengeStatus.CLOSED];

/** The longest period an impact report may cover (a promoter's history, not a scan of the whole table). */
export const IMPACT_MAX_YEARS = 20;

export interface JuryReportData {
  challengeId: string;
  reviewCount: number;
  ideaCount: number;
  agreement: AlphaResult;
  criteria: (CriterionAgreementData & { criterion: Criterion })[];
  jurors: (JurorAgreementData & { juror: Juror })[];
  disputed: DisputedIdeaData[];
}

export interface ImpactGroup {
  /** The district (null: teams of schools without a district, and teams without a school). */
  district: string | null;
  figures: ImpactFigures;
}

export interface ImpactSchoolGroup {
  school: Organization;
  figures: ImpactFigures;
}

export interface ImpactReportData {
  organizer: Organization;
  from: Date;
  to: Date;
  /** The editions counted: the organizer's challenges (past DRAFT) whose submissions open in [from, to). */
  editions: Challenge[];
  overall: ImpactFigures;
  byDistrict: ImpactGroup[];
  bySchool: ImpactSchoolGroup[];
}

/** The reports of docs/rules.md "Reports, exports and public voting": the jury's agreement and the impact of a promoter's editions. */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ChallengeAccess,
    private readonly challenges: ChallengesService,
    private readonly organizations: OrganizationsService,
  ) {}

  /**
   * A challenge the viewer organizes and whose judging has started (the jury report, the results and reviews exports):
   * UNAUTHENTICATED without a viewer, NOT_FOUND when they may not see it, FORBIDDEN when they see it but do not
   * organize it, FAILED_PRECONDITION before judging.
   */
  async judgedChallengeFor(viewer: Viewer, challengeId: string, what: JudgedReport): Promise<Challenge> {
    requireUser(viewer);
    const challenge = await this.challenges.get(viewer, { id: challengeId });
    return this.checkJudgedChallenge(viewer, challenge, what);
  }

  async checkJudgedChallenge<C extends Pick<Challenge, 'id' | 'status'>>(viewer: Viewer, challenge: C, what: JudgedReport): Promise<C> {
    requireUser(viewer);
    if (!(await this.access.isOrganizer(viewer, challenge))) throw DomainError.forbidden('reports.organizersOnly', { what });
    if (!JUDGING_STARTED.includes(challenge.status)) throw DomainError.precondition('reports.beforeJudging', { what, status: challenge.status });
    return challenge;
  }

  /**
   * Challenge.juryReport: the agreement of the jury over the submitted reviews (three reads: reviews, criteria,
   * jurors, whatever the size of the jury), for the organizers once judging has started.
   */
  async juryReport(viewer: Viewer, challenge: Pick<Challenge, 'id' | 'status'>): Promise<JuryReportData> {
    await this.checkJudgedChallenge(viewer, challenge, 'juryReport');
    const [reviews, criteria, jurors] = await Promise.all([
      // The reviews the leaderboard counts (a stored total outside [0, 100] counts for nothing there either).
      this.dataSource.query<{ ideaId: string; jurorId: string; total: number; scores: CriterionScore[] }[]>(
        `SELECT idea_id AS "ideaId", juror_id AS "jurorId", total, scores FROM review WHERE challenge_id = $1 AND total BETWEEN 0 AND 100`,
        [challenge.id],
      ),
      this.dataSource.getRepository(Criterion).find({ where: { challengeId: challenge.id }, order: { position: 'ASC' } }),
      this.dataSource.getRepository(Juror).find({ where: { challengeId: challenge.id }, order: { number: 'ASC' } }),
    ]);
    const data = juryAgreement({ reviews, criterionIds: criteria.map((c) => c.id), jurorIds: jurors.map((j) => j.id) });
    return {
      challengeId: challenge.id,
      reviewCount: data.reviewCount,
      ideaCount: data.ideaCount,
      agreement: data.agreement,
      criteria: data.criteria.map((c, i) => ({ ...c, criterion: criteria[i] })),
      jurors: data.jurors.map((j, i) => ({ ...j, juror: jurors[i] })),
      disputed: data.disputed,
    };
  }

  /** The organization whose impact report the viewer asks for, when they may see it (see impactReport). */
  async impactAccess(viewer: Viewer, organizerId: string): Promise<Organization> {
    requireUser(viewer);
    const organizer = await this.organizations.get(organizerId);
    if (!(await this.access.isOrganizationMember(viewer, organizer.id))) throw DomainError.forbidden('reports.impactMembersOnly');
    return organizer;
  }

  /**
   * impactReport: the editions of `organizerId` whose submissions open in [from, to), overall, per district and per
   * school, in counts only (never a person). For the organization's members and platform admins: NOT_FOUND for an
   * unknown organization, FORBIDDEN for others (organizations are public); then BAD_USER_INPUT for the period.
   * Three reads: the organization, the editions, and every figure of every group in one statement (impactFiguresSql).
   */
  async impactReport(viewer: Viewer, input: { organizerId: string; from: Date; to: Date }): Promise<ImpactReportData> {
    const organizer = await this.impactAccess(viewer, input.organizerId);
    const { from, to } = checkPeriod(input.from, input.to);
    const [editions, rows] = await Promise.all([
      this.dataSource
        .getRepository(Challenge)
        .createQueryBuilder('c')
        .where(`c.organizer_id = :organizer AND c.status <> 'DRAFT' AND c.submission_opens_at >= :from AND c.submission_opens_at < :to`, { organizer: organizer.id, from, to })
        .orderBy('c.submission_opens_at', 'ASC')
        .addOrderBy('c.id', 'ASC')
        .getMany(),
      this.impactRows(organizer.id, from, to),
    ]);
    const groups = readImpactRows(rows);
    const schoolIds = groups.bySchool.map((g) => g.schoolId);
    const schools = new Map((schoolIds.length ? await this.organizations.byIds(schoolIds) : []).map((s) => [s.id, s]));
    const bySchool = groups.bySchool
      .map((g) => ({ school: schools.get(g.schoolId)!, figures: g.figures }))
      .filter((g) => g.school)
      .sort((a, b) => a.school.name.localeCompare(b.school.name, 'it') || (a.school.id < b.school.id ? -1 : 1));
    return {
      organizer,
      from,
      to,
      editions,
      overall: { ...groups.overall, editions: editions.length },
      byDistrict: groups.byDistrict,
      bySchool,
    };
  }

  /**
   * impactFiguresSql with PostgreSQL's JIT compiler off, for this statement only (SET LOCAL, in its own transaction).
   * A dozen grouped aggregates over every team, member, idea and review of the editions make its estimated cost far
   * exceed jit_above_cost and jit_optimize_above_cost, so PostgreSQL compiled, inlined and optimized some 250
   * functions before running it: over 10 editions of 5,000 ideas (bench/reports.bench.ts) that took 2.4 s of a 3.6 s
   * statement, for an execution of 0.6 s that the compiled code did not make faster. The statement reads a promoter's
   * history (tens of thousands of rows, hundreds of groups), a size at which JIT never pays back its compilation.
   * READ ONLY: the report reads, and never shows a figure that a later write could make stale (nothing is cached).
   */
  private impactRows(organizerId: string, from: Date, to: Date): Promise<ImpactRow[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET TRANSACTION READ ONLY`);
      await manager.query(`SET LOCAL jit = off`);
      return manager.query<ImpactRow[]>(impactFiguresSql, [organizerId, from, to]);
    });
  }
}

/** The report's period: valid dates, `to` after `from`, at most IMPACT_MAX_YEARS long. */
export function checkPeriod(fromInput: Date, toInput: Date): { from: Date; to: Date } {
  const from = check.date('from', fromInput);
  const to = check.date('to', toInput);
  if (to.getTime() <= from.getTime()) throw DomainError.badInput('to', 'reports.periodOrder');
  if (to.getTime() - from.getTime() > IMPACT_MAX_YEARS * 366 * 86_400_000) throw DomainError.badInput('to', 'reports.periodTooLong', { years: IMPACT_MAX_YEARS });
  return { from, to };
}
