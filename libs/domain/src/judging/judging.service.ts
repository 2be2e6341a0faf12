import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Clock } from '#platform/clock/clock.js';
import { DomainError, isUniqueViolation } from '#platform/errors/domain-error.js';
import { projectionOf, readRows } from '#platform/database/sql-reads.js';
import { recordEvents } from '#platform/outbox/outbox.js';
import { ChallengeAccess, RESULTS_VISIBLE_STATUSES } from '../challenges/challenge-access.js';
import { Challenge, ChallengeStatus } from '../challenges/challenge.entity.js';
import { ChallengesService } from '../challenges/challenges.service.js';
import { Criterion } from '../challenges/criterion.entity.js';
import { Theme } from '../challenges/theme.entity.js';
import { IdeaReads, type IdeaView } from '../ideas/idea-reads.js';
import { User } from '../identity/user.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { check, checkInput, isUuid } from '../validation.js';
import { requireUser, selfAmong, type Viewer } from '../viewer.js';
import { assignReviews, conflictKey } from './assignment.js';
import { Award } from './award.entity.js';
import {
  JUDGING_STARTED,
  RESULTS_PUBLISHED,
  REVIEW_RECUSED,
  REVIEW_SUBMITTED,
  type JudgingStartedPayload,
  type ResultsPublishedPayload,
  type ReviewRecusedPayload,
  type ReviewSubmittedPayload,
} from './judging-events.js';
import { conflictPairsSql } from './judging-access.js';
import { Juror } from './juror.entity.js';
import { LeaderboardService } from './leaderboard.service.js';
import { checkReviewScores, type CriterionScoreData } from './review-input.js';
import { AssignmentStatus, ReviewAssignment } from './review-assignment.entity.js';
import { Review, ReviewRevision } from './review.entity.js';
import { reviewTotal } from './scoring.js';
import { MATCHING_IDEAS_PUBLISHED, type MatchingIdeasPublishedPayload } from '../sponsors/sponsor-events.js';

export const JUDGING_LIMITS = {
  comment: 5_000,
  reason: [1, 2_000],
  awards: 100,
  awardTitle: [1, 200],
  place: [1, 1_000],
  /** How many uncoverable ideas the FAILED_PRECONDITION message names (extensions.ideaIds lists them all). */
  namedIdeas: 20,
} as const;

/** Statuses in which organizers may add and remove jurors (docs/rules.md: DRAFT to JUDGING). */
const JURY_OPEN = [ChallengeStatus.DRAFT, ChallengeStatus.PUBLISHED, ChallengeStatus.JUDGING];

export interface AddJurorData {
  challengeId: string;
  email: string;
  affiliationId?: string | null;
}

export interface SubmitReviewData {
  assignmentId: string;
  scores: CriterionScoreData[];
  comment?: string | null;
}

export interface AwardData {
  ideaId: string;
  title: string;
  place?: number | null;
}

export interface PublishResultsData {
  challengeId: string;
  awards?: AwardData[] | null;
}

/** Per-juror counters; "assigned" counts the assignments the juror holds (PENDING or SUBMITTED), not recused ones. */
export interface JurorCounts {
  assigned: number;
  submitted: number;
  recused: number;
}

export interface JudgingProgressData {
  assignments: number;
  submitted: number;
  recused: number;
  pending: number;
  ideasFullyReviewed: number;
  ideas: number;
  jurors: { juror: Juror; counts: JurorCounts }[];
}

/** A review together with whether its juror must be hidden from the viewer (the idea's team after results). */
export interface VisibleReview {
  review: Review;
  hideJuror: boolean;
}

/** Relations of the viewer's assignments to read with them (see JudgingService.myAssignmentsWith). */
export interface AssignmentIncludes {
  /** The idea, with only these of its optional fields (OPTIONAL_IDEA_FIELDS; all when absent), and its theme. */
  idea?: { fields?: ReadonlySet<string>; theme?: boolean };
  review?: boolean;
}

/** One of the viewer's assignments with the relations asked for; one that was not asked for is undefined. */
export interface MyAssignment {
  assignment: ReviewAssignment;
  idea?: IdeaView;
  theme?: Theme;
  /** The juror's review of it, null until there is one. */
  review?: Review | null;
}

@Injectable()
export class JudgingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ChallengeAccess,
    private readonly challenges: ChallengesService,
    private readonly leaderboard: LeaderboardService,
    private readonly clock: Clock,
    private readonly ideaReads: IdeaReads,
  ) {}

  // ------------------------------------------------------------------------------------------------ jurors

  /** An organizer adds an existing user (by email) to the jury, DRAFT to JUDGING. */
  async addJuror(viewer: Viewer, input: AddJurorData): Promise<Juror> {
    requireUser(viewer);
    return this.dataSource.transaction(async (manager) => {
      const challenge = await this.challenges.lockForOrganizer(viewer, input.challengeId, manager);
      const email = check.email('email', input.email);
      let affiliationId: string | null = null;
      if (input.affiliationId !== null && input.affiliationId !== undefined) {
        const affiliation = isUuid(input.affiliationId) ? await manager.findOneBy(Organization, { id: input.affiliationId }) : null;
        if (!affiliation) throw DomainError.badInput('affiliationId', 'judging.affiliationUnknown');
        affiliationId = affiliation.id;
      }
      if (!JURY_OPEN.includes(challenge.status)) throw DomainError.precondition('judging.juryFrozen', { status: challenge.status });
      const user = await manager.findOneBy(User, { email });
      if (!user) throw DomainError.notFound('user');
      try {
        return await manager.save(Juror, manager.create(Juror, { challengeId: challenge.id, userId: user.id, affiliationId }));
      } catch (error) {
        if (isUniqueViolation(error, 'uq_juror_challenge_user')) throw DomainError.conflict('judging.alreadyJuror');
        throw error;
      }
    });
  }

  /**
   * An organizer removes a juror, DRAFT to JUDGING, as long as the juror holds no assignment (once judging
   * started, a juror with work recuses instead, so that every idea keeps its reviewers).
   */
  async removeJuror(viewer: Viewer, jurorId: string): Promise<boolean> {
    requireUser(viewer);
    const juror = isUuid(jurorId) ? await this.dataSource.getRepository(Juror).findOneBy({ id: jurorId }) : null;
    if (!juror) throw DomainError.notFound('juror');
    return this.dataSource.transaction(async (manager) => {
      const challenge = await this.lockJurorChallenge(viewer, juror, manager);
      if (!JURY_OPEN.includes(challenge.status)) throw DomainError.precondition('judging.juryFrozen', { status: challenge.status });
      const [{ n }]: { n: number }[] = await manager.query(`SELECT count(*)::int AS n FROM review_assignment WHERE juror_id = $1`, [juror.id]);
      if (n > 0) throw DomainError.precondition('judging.jurorHasAssignments');
      const result = await manager.delete(Juror, { id: juror.id });
      if (!result.affected) throw DomainError.notFound('juror');
      return true;
    });
  }

  /** The jury of each challenge the viewer organizes (others: nothing), in the order they were added. */
  async jurorsVisibleTo(viewer: Viewer, challengeIds: readonly string[]): Promise<Map<string, Juror[]>> {
    const organized = [...(await this.access.organizerOf(viewer, challengeIds))];
    const result = new Map<string, Juror[]>();
    if (organized.length === 0) return result;
    const jurors = await this.dataSource.getRepository(Juror).find({ where: { challengeId: In(organized) }, order: { createdAt: 'ASC', id: 'ASC' } });
    for (const juror of jurors) result.set(juror.challengeId, [...(result.get(juror.challengeId) ?? []), juror]);
    return result;
  }

  /** User.jurorSeats: the juror rows of each user, newest challenge first; only the viewer's own (others read as none). */
  async jurorSeatsOf(viewer: Viewer, userIds: readonly string[]): Promise<Map<string, Juror[]>> {
    const self = selfAmong(viewer, userIds);
    const result = new Map<string, Juror[]>();
    if (!self) return result;
    const seats = await this.dataSource
      .getRepository(Juror)
      .createQueryBuilder('j')
      .innerJoin(Challenge, 'c', 'c.id = j.challenge_id')
      .where('j.user_id = :userId', { userId: self })
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .getMany();
    result.set(self, seats);
    return result;
  }

  /** Jurors by id without access checks: for fields below an object the viewer already sees. */
  async jurorsByIds(ids: readonly string[]): Promise<Juror[]> {
    const valid = [...new Set(ids)].filter(isUuid);
    return valid.length ? this.dataSource.getRepository(Juror).findBy({ id: In(valid) }) : [];
  }

  /** Assignment counters per juror (Juror.assignedCount / submittedCount). */
  async jurorCounts(jurorIds: readonly string[]): Promise<Map<string, JurorCounts>> {
    const ids = [...new Set(jurorIds)].filter(isUuid);
    const result = new Map<string, JurorCounts>(ids.map((id) => [id, { assigned: 0, submitted: 0, recused: 0 }]));
    if (ids.length === 0) return result;
    const rows: ({ juror_id: string } & JurorCounts)[] = await this.dataSource.query(
      `SELECT juror_id,
              count(*) FILTER (WHERE status <> 'RECUSED')::int AS assigned,
              count(*) FILTER (WHERE status = 'SUBMITTED')::int AS submitted,
              count(*) FILTER (WHERE status = 'RECUSED')::int AS recused
         FROM review_assignment WHERE juror_id = ANY($1::uuid[]) GROUP BY juror_id`,
      [ids],
    );
    for (const r of rows) result.set(r.juror_id, { assigned: r.assigned, submitted: r.submitted, recused: r.recused });
    return result;
  }

  // ------------------------------------------------------------------------------------------------ assignment

  /**
   * PUBLISHED -> JUDGING, by an organizer: closes submissions and gives every SUBMITTED idea exactly
   * `reviewsPerIdea` distinct jurors without a conflict of interest, loads balanced (assignReviews), all in one
   * transaction. When some idea cannot be covered: FAILED_PRECONDITION naming those ideas, and nothing changes.
   */
  async startJudging(viewer: Viewer, challengeId: string): Promise<Challenge> {
    const user = requireUser(viewer);
    return this.dataSource.transaction(async (manager) => {
      const challenge = await this.challenges.lockForOrganizer(viewer, challengeId, manager);
      if (challenge.status !== ChallengeStatus.PUBLISHED) throw DomainError.precondition('judging.startNotPublished', { status: challenge.status });
      const jurors: { id: string }[] = await manager.query(`SELECT id FROM juror WHERE challenge_id = $1`, [challenge.id]);
      if (jurors.length === 0) throw DomainError.precondition('judging.noJurors');
      const ideas: { id: string; title: string; submittedAt: Date }[] = await manager.query(
        `SELECT id, title, submitted_at AS "submittedAt" FROM idea WHERE challenge_id = $1 AND status = 'SUBMITTED'`,
        [challenge.id],
      );
      const pairs: { idea_id: string; juror_id: string }[] = await manager.query(conflictPairsSql(), [challenge.id]);
      const result = assignReviews({
        ideas,
        jurors,
        reviewsPerIdea: challenge.reviewsPerIdea,
        conflicts: new Set(pairs.map((p) => conflictKey(p.idea_id, p.juror_id))),
      });
      if (!result.ok) {
        const titles = new Map(ideas.map((i) => [i.id, i.title]));
        const named = result.uncoverableIdeas.slice(0, JUDGING_LIMITS.namedIdeas).map((id) => `«${titles.get(id)}» (${id})`);
        throw DomainError.precondition(
          'judging.notEnoughJurors',
          { reviewsPerIdea: challenge.reviewsPerIdea, count: result.uncoverableIdeas.length, ideas: named.join(', '), more: result.uncoverableIdeas.length - named.length },
          { ideaIds: result.uncoverableIdeas },
        );
      }
      if (result.assignments.length > 0) {
        await manager.query(
          `INSERT INTO review_assignment (challenge_id, idea_id, juror_id, due_at)
           SELECT $1, a.idea_id, a.juror_id, $4 FROM unnest($2::uuid[], $3::uuid[]) AS a(idea_id, juror_id)`,
          [challenge.id, result.assignments.map((a) => a.ideaId), result.assignments.map((a) => a.jurorId), challenge.judgingClosesAt],
        );
      }
      await manager.update(Challenge, { id: challenge.id }, { status: ChallengeStatus.JUDGING });
      const payload: JudgingStartedPayload = { challengeId: challenge.id, by: user.userId };
      await recordEvents(manager, [{ type: JUDGING_STARTED, payload: { ...payload } }]);
      return { ...challenge, status: ChallengeStatus.JUDGING };
    });
  }

  /** The viewer's assignments in a challenge they may see (jurors; empty for everyone else), oldest first. */
  async myAssignments(viewer: Viewer, challengeId: string, status?: AssignmentStatus | null): Promise<ReviewAssignment[]> {
    return (await this.myAssignmentsWith(viewer, challengeId, status, {})).map((mine) => mine.assignment);
  }

  /**
   * The viewer's assignments as `myAssignments` reads them, with the
   * relations `include` asks for read in the same statement (a juror's assignments page shows every one of them):
   * each assignment's idea, redacted as IdeaReads.byIds redacts it (blind judging hides its team from the jurors),
   * with only the optional fields asked for; the idea's theme; the juror's review, null until there is one.
   */
  async myAssignmentsWith(viewer: Viewer, challengeId: string, status: AssignmentStatus | null | undefined, include: AssignmentIncludes): Promise<MyAssignment[]> {
    const user = requireUser(viewer);
    await this.challenges.get(viewer, { id: challengeId });
    const assignment = projectionOf(this.dataSource, ReviewAssignment, 'ra', 'a.');
    const columns = [assignment.select];
    let joins = 'JOIN juror j ON j.id = ra.juror_id';
    const params: Record<string, unknown> = { challengeId, userId: user.userId };
    const idea = include.idea ? this.ideaReads.projection(include.idea.fields, 'i', 'idea.') : undefined;
    const theme = include.idea?.theme ? projectionOf(this.dataSource, Theme, 'th', 'theme.') : undefined;
    const review = include.review ? projectionOf(this.dataSource, Review, 'r', 'review.') : undefined;
    if (idea) {
      const hidden = this.ideaReads.teamHidden(viewer, 'c');
      columns.push(idea.select, `${hidden.sql} AS "teamHidden"`);
      Object.assign(params, hidden.params);
      joins += ' JOIN idea i ON i.id = ra.idea_id JOIN challenge c ON c.id = ra.challenge_id';
    }
    if (theme) {
      columns.push(theme.select);
      joins += ' JOIN theme th ON th.id = i.theme_id';
    }
    if (review) {
      columns.push(review.select);
      joins += ' LEFT JOIN review r ON r.assignment_id = ra.id';
    }
    if (status) params.status = status;
    const rows = await readRows(
      this.dataSource,
      `SELECT ${columns.join(', ')} FROM review_assignment ra ${joins}
        WHERE ra.challenge_id = :challengeId AND j.user_id = :userId${status ? ' AND ra.status = :status' : ''}
        ORDER BY ra.created_at ASC, ra.id ASC`,
      params,
    );
    return rows.map((row) => {
      const mine: MyAssignment = { assignment: assignment.read(row)! };
      if (idea) {
        const read = idea.read(row)!;
        mine.idea = row.teamHidden ? { ...read, teamId: null } : read;
      }
      if (theme) mine.theme = theme.read(row)!;
      if (review) mine.review = review.read(row);
      return mine;
    });
  }

  /** Assignments by id without access checks: for fields below an object the viewer already sees. */
  async assignmentsByIds(ids: readonly string[]): Promise<ReviewAssignment[]> {
    const valid = [...new Set(ids)].filter(isUuid);
    return valid.length ? this.dataSource.getRepository(ReviewAssignment).findBy({ id: In(valid) }) : [];
  }

  // ------------------------------------------------------------------------------------------------ reviews

  /**
   * The assignment's juror scores the idea: every criterion exactly once, integers 0..maxScore, comment up to 5,000
   * characters; while JUDGING and before judgingClosesAt. A resubmission replaces the scores; every accepted
   * submission is kept in review_revision. The assignment row is locked FOR UPDATE first, so concurrent
   * submissions of one assignment apply one after the other: one review, one revision per accepted call.
   */
  async submitReview(viewer: Viewer, input: SubmitReviewData): Promise<Review> {
    const user = requireUser(viewer);
    return this.dataSource.transaction(async (manager) => {
      const { assignment, challenge } = await this.lockOwnAssignment(viewer, input.assignmentId, manager);
      const criteria = await manager.find(Criterion, { where: { challengeId: challenge.id }, order: { position: 'ASC' } });
      const { scores, comment } = checkInput((field) => ({
        scores: field(() => checkReviewScores(input.scores, criteria)),
        comment: field(() => check.optionalText('comment', input.comment, JUDGING_LIMITS.comment)),
      }));
      if (assignment.status === AssignmentStatus.RECUSED) throw DomainError.precondition('judging.assignmentRecused');
      this.assertReviewWindow(challenge);
      const total = reviewTotal(scores, criteria);
      const now = this.clock.now();
      let review = await manager.findOneBy(Review, { assignmentId: assignment.id });
      if (review) {
        review = { ...review, scores, comment, total, version: review.version + 1, updatedAt: now };
        await manager.update(Review, { id: review.id }, { scores, comment, total, version: review.version, updatedAt: now });
      } else {
        review = await manager.save(
          Review,
          manager.create(Review, {
            assignmentId: assignment.id,
            challengeId: challenge.id,
            ideaId: assignment.ideaId,
            jurorId: assignment.jurorId,
            scores,
            comment,
            total,
            version: 1,
            submittedAt: now,
            updatedAt: now,
          }),
        );
      }
      await manager.insert(ReviewRevision, {
        reviewId: review.id,
        assignmentId: assignment.id,
        version: review.version,
        scores,
        comment,
        total,
        submittedBy: user.userId,
        submittedAt: now,
      });
      if (assignment.status !== AssignmentStatus.SUBMITTED) await manager.update(ReviewAssignment, { id: assignment.id }, { status: AssignmentStatus.SUBMITTED });
      const payload: ReviewSubmittedPayload = { reviewId: review.id, challengeId: challenge.id };
      await recordEvents(manager, [{ type: REVIEW_SUBMITTED, payload: { ...payload } }]);
      return review;
    });
  }

  /**
   * The assignment's juror recuses from a PENDING assignment while JUDGING, before the deadline, giving a reason.
   * The worker then reassigns the idea (or tells the organizers nobody is eligible), from the outbox event.
   */
  async recuse(viewer: Viewer, assignmentId: string, reason: string): Promise<ReviewAssignment> {
    requireUser(viewer);
    return this.dataSource.transaction(async (manager) => {
      const { assignment, challenge } = await this.lockOwnAssignment(viewer, assignmentId, manager);
      const checkedReason = check.text('reason', reason, ...JUDGING_LIMITS.reason);
      if (assignment.status !== AssignmentStatus.PENDING) throw DomainError.precondition('judging.recuseNotPending');
      this.assertReviewWindow(challenge);
      const recusedAt = this.clock.now();
      await manager.update(ReviewAssignment, { id: assignment.id }, { status: AssignmentStatus.RECUSED, recusalReason: checkedReason, recusedAt });
      const payload: ReviewRecusedPayload = { assignmentId: assignment.id, challengeId: challenge.id, ideaId: assignment.ideaId };
      await recordEvents(manager, [{ type: REVIEW_RECUSED, payload: { ...payload } }]);
      return { ...assignment, status: AssignmentStatus.RECUSED, recusalReason: checkedReason, recusedAt };
    });
  }

  /** The review of each assignment (for ReviewAssignment.review, shown to the assignment's juror only). */
  async reviewsByAssignmentIds(assignmentIds: readonly string[]): Promise<Review[]> {
    const valid = [...new Set(assignmentIds)].filter(isUuid);
    return valid.length ? this.dataSource.getRepository(Review).findBy({ assignmentId: In(valid) }) : [];
  }

  /**
   * Idea.reviews as the viewer may see them: organizers (and admins) all, with jurors; a juror their own; the
   * idea's team (members of every role) all, with jurors hidden, once results are published; others nothing.
   */
  async reviewsVisibleTo(viewer: Viewer, ideaIds: readonly string[]): Promise<Map<string, VisibleReview[]>> {
    const ids = [...new Set(ideaIds)].filter(isUuid);
    const result = new Map<string, VisibleReview[]>();
    if (ids.length === 0 || !viewer.userId) return result;
    const rows: { id: string; juror_user_id: string; team_id: string; challenge_id: string; challenge_status: ChallengeStatus }[] = await this.dataSource.query(
      `SELECT r.id, j.user_id AS juror_user_id, i.team_id, c.id AS challenge_id, c.status AS challenge_status
         FROM review r JOIN juror j ON j.id = r.juror_id JOIN idea i ON i.id = r.idea_id JOIN challenge c ON c.id = i.challenge_id
        WHERE r.idea_id = ANY($1::uuid[])`,
      [ids],
    );
    if (rows.length === 0) return result;
    const [organized, teams] = await Promise.all([
      this.access.organizerOf(
        viewer,
        rows.map((r) => r.challenge_id),
      ),
      this.access.teamRoles(
        viewer,
        rows.filter((r) => RESULTS_VISIBLE_STATUSES.includes(r.challenge_status)).map((r) => r.team_id),
      ),
    ]);
    const verdict = new Map<string, boolean>(); // review id -> hide the juror
    for (const r of rows) {
      if (organized.has(r.challenge_id) || r.juror_user_id === viewer.userId) verdict.set(r.id, false);
      else if (teams.has(r.team_id) && RESULTS_VISIBLE_STATUSES.includes(r.challenge_status)) verdict.set(r.id, true);
    }
    if (verdict.size === 0) return result;
    const reviews = await this.dataSource.getRepository(Review).find({ where: { id: In([...verdict.keys()]) }, order: { submittedAt: 'ASC', id: 'ASC' } });
    for (const review of reviews) result.set(review.ideaId, [...(result.get(review.ideaId) ?? []), { review, hideJuror: verdict.get(review.id)! }]);
    return result;
  }

  // ------------------------------------------------------------------------------------------------ progress & results

  /** judgingProgress: organizers (and admins) only; FORBIDDEN for others who see the challenge. */
  async progress(viewer: Viewer, challenge: Pick<Challenge, 'id' | 'reviewsPerIdea'>): Promise<JudgingProgressData> {
    requireUser(viewer);
    if (!(await this.access.isOrganizer(viewer, challenge))) throw DomainError.forbidden('judging.progressOrganizersOnly');
    const [jurors, ideaRows] = await Promise.all([
      this.dataSource.getRepository(Juror).find({ where: { challengeId: challenge.id }, order: { createdAt: 'ASC', id: 'ASC' } }),
      this.dataSource.query<{ ideas: number; fully: number }[]>(
        `SELECT count(*)::int AS ideas, count(*) FILTER (WHERE coalesce(r.n, 0) >= $2)::int AS fully
           FROM idea i LEFT JOIN (SELECT idea_id, count(*) AS n FROM review WHERE challenge_id = $1 GROUP BY idea_id) r ON r.idea_id = i.id
          WHERE i.challenge_id = $1 AND i.status = 'SUBMITTED'`,
        [challenge.id, challenge.reviewsPerIdea],
      ),
    ]);
    const counts = await this.jurorCounts(jurors.map((j) => j.id));
    const perJuror = jurors.map((juror) => ({ juror, counts: counts.get(juror.id)! }));
    const sum = (key: keyof JurorCounts) => perJuror.reduce((total, p) => total + p.counts[key], 0);
    const assignments = sum('assigned');
    const submitted = sum('submitted');
    return {
      assignments,
      submitted,
      recused: sum('recused'),
      pending: assignments - submitted,
      ideasFullyReviewed: ideaRows[0]?.fully ?? 0,
      ideas: ideaRows[0]?.ideas ?? 0,
      jurors: perJuror,
    };
  }

  /**
   * JUDGING -> RESULTS_PUBLISHED, by an organizer: freezes the ranking (result_ranking) and records the awards,
   * which may only name SUBMITTED ideas of the challenge; one transaction, with the RESULTS_PUBLISHED event.
   */
  async publishResults(viewer: Viewer, input: PublishResultsData): Promise<Challenge> {
    const user = requireUser(viewer);
    return this.dataSource.transaction(async (manager) => {
      const challenge = await this.challenges.lockForOrganizer(viewer, input.challengeId, manager);
      if (challenge.status !== ChallengeStatus.JUDGING) throw DomainError.precondition('judging.publishNotJudging', { status: challenge.status });
      const awards = this.checkAwards(input.awards ?? []);
      const ideaIds = [...new Set(awards.map((a) => a.ideaId))];
      const valid: { id: string }[] = ideaIds.length
        ? await manager.query(`SELECT id FROM idea WHERE id = ANY($1::uuid[]) AND challenge_id = $2 AND status = 'SUBMITTED'`, [ideaIds, challenge.id])
        : [];
      const validIds = new Set(valid.map((v) => v.id));
      const wrong = awards.findIndex((a) => !validIds.has(a.ideaId));
      if (wrong >= 0) throw DomainError.badInput(`awards.${wrong}.ideaId`, 'judging.awardIdea');
      await this.leaderboard.freeze(manager, challenge.id);
      if (awards.length > 0)
        await manager.insert(
          Award,
          awards.map((a, position) => ({ ...a, challengeId: challenge.id, position })),
        );
      const resultsPublishedAt = this.clock.now();
      await manager.update(Challenge, { id: challenge.id }, { status: ChallengeStatus.RESULTS_PUBLISHED, resultsPublishedAt });
      const payload: ResultsPublishedPayload = { challengeId: challenge.id, by: user.userId };
      const matching: MatchingIdeasPublishedPayload = { challengeId: challenge.id };
      await recordEvents(manager, [
        { type: RESULTS_PUBLISHED, payload: { ...payload } },
        // Its own event: a notification is unique per event and recipient, and a sponsor may also be a juror.
        { type: MATCHING_IDEAS_PUBLISHED, payload: { ...matching } },
      ]);
      return { ...challenge, status: ChallengeStatus.RESULTS_PUBLISHED, resultsPublishedAt };
    });
  }

  /** Awards of these challenges, in the organizers' order (awards exist once results are published, and are public then). */
  async awardsOfChallenges(challengeIds: readonly string[]): Promise<Award[]> {
    const valid = [...new Set(challengeIds)].filter(isUuid);
    return valid.length ? this.dataSource.getRepository(Award).find({ where: { challengeId: In(valid) }, order: { position: 'ASC' } }) : [];
  }

  async awardsOfIdeas(ideaIds: readonly string[]): Promise<Award[]> {
    const valid = [...new Set(ideaIds)].filter(isUuid);
    return valid.length ? this.dataSource.getRepository(Award).find({ where: { ideaId: In(valid) }, order: { position: 'ASC' } }) : [];
  }

  // ------------------------------------------------------------------------------------------------ helpers

  /**
   * The assignment locked FOR UPDATE with its challenge, when it is the viewer's (or the viewer is an admin):
   * FORBIDDEN for the challenge's organizers (they see every assignment), NOT_FOUND for everyone else.
   */
  private async lockOwnAssignment(viewer: Viewer, assignmentId: string, manager: EntityManager): Promise<{ assignment: ReviewAssignment; challenge: Challenge }> {
    const assignment = isUuid(assignmentId)
      ? await manager.getRepository(ReviewAssignment).createQueryBuilder('ra').setLock('pessimistic_write').where('ra.id = :id', { id: assignmentId }).getOne()
      : null;
    if (!assignment) throw DomainError.notFound('assignment');
    const juror = await manager.findOneByOrFail(Juror, { id: assignment.jurorId });
    const challenge = await manager.findOneByOrFail(Challenge, { id: assignment.challengeId });
    if (!viewer.isAdmin && juror.userId !== viewer.userId) {
      if (await this.access.isOrganizer(viewer, challenge, manager)) throw DomainError.forbidden('judging.assignedJurorOnly');
      throw DomainError.notFound('assignment');
    }
    return { assignment, challenge };
  }

  /**
   * The juror's challenge locked for an organizer. Only organizers see a jury (Challenge.jurors), so for anyone
   * else the juror does not exist: NOT_FOUND, exactly as for an unknown id, even on a public challenge.
   */
  private async lockJurorChallenge(viewer: Viewer, juror: Juror, manager: EntityManager): Promise<Challenge> {
    try {
      return await this.challenges.lockForOrganizer(viewer, juror.challengeId, manager);
    } catch (error) {
      if (error instanceof DomainError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) throw DomainError.notFound('juror');
      throw error;
    }
  }

  /** Reviews (and recusals) while JUDGING and before judgingClosesAt. */
  private assertReviewWindow(challenge: Challenge): void {
    if (challenge.status !== ChallengeStatus.JUDGING) throw DomainError.precondition('judging.reviewsClosed', { status: challenge.status });
    if (this.clock.now().getTime() >= challenge.judgingClosesAt.getTime()) throw DomainError.precondition('judging.deadlinePassed');
  }

  private checkAwards(awards: AwardData[]): Required<AwardData>[] {
    if (!Array.isArray(awards)) throw DomainError.badInput('awards', 'input.list', { field: 'awards' });
    if (awards.length > JUDGING_LIMITS.awards) throw DomainError.badInput('awards', 'input.tooMany', { field: 'awards', max: JUDGING_LIMITS.awards });
    return checkInput((field) =>
      awards.map((a, i) => ({
        ideaId: field(() => {
          if (typeof a.ideaId !== 'string' || !isUuid(a.ideaId)) throw DomainError.badInput(`awards.${i}.ideaId`, 'judging.awardIdea');
          return a.ideaId.toLowerCase();
        }),
        title: field(() => check.line(`awards.${i}.title`, a.title, ...JUDGING_LIMITS.awardTitle)),
        place: a.place === null || a.place === undefined ? null : field(() => check.int(`awards.${i}.place`, a.place!, ...JUDGING_LIMITS.place)),
      })),
    );
  }
}
