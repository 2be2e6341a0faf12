import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Award } from '#domain/judging/award.entity.js';
import type { JudgingProgressData, JurorCounts } from '#domain/judging/judging.service.js';
import type { Juror } from '#domain/judging/juror.entity.js';
import { AssignmentStatus, type ReviewAssignment } from '#domain/judging/review-assignment.entity.js';
import type { Review } from '#domain/judging/review.entity.js';
import type { RankedIdea } from '#domain/judging/scoring.js';
import { round2 } from '#domain/reports/csv.js';
import type { IdeaModel } from '../../ideas/models/idea.model.js';

registerEnumType(AssignmentStatus, { name: 'AssignmentStatus' });

/** A juror of a challenge; user, challenge, affiliation and the counters are @ResolveField()s. */
@ObjectType('Juror')
export class JurorModel {
  @Field(() => ID)
  id!: string;

  userId!: string;
  challengeId!: string;
  affiliationId!: string | null;
}

@ObjectType('ReviewAssignment')
export class ReviewAssignmentModel {
  @Field(() => ID)
  id!: string;

  challengeId!: string;
  ideaId!: string;
  jurorId!: string;

  @Field(() => AssignmentStatus)
  status!: AssignmentStatus;

  @Field(() => Date)
  dueAt!: Date;
}

@ObjectType('CriterionScore')
export class CriterionScoreModel {
  challengeId!: string;
  criterionId!: string;

  @Field(() => Int)
  value!: number;
}

@ObjectType('Review')
export class ReviewModel {
  @Field(() => ID)
  id!: string;

  jurorId!: string;
  /** The idea's team looks at it: Review.juror is null. */
  hideJuror!: boolean;

  @Field(() => [CriterionScoreModel])
  scores!: CriterionScoreModel[];

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field(() => Float, { description: 'Weighted total on a 0-100 scale, see docs/rules.md.' })
  total!: number;

  @Field(() => Date)
  submittedAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType('LeaderboardEntry')
export class LeaderboardEntryModel {
  ideaId!: string;
  /** The idea, when the resolver already read it (LeaderboardEntry.idea then costs nothing per entry). */
  idea?: IdeaModel;

  @Field(() => Int, { nullable: true, description: 'Competition ranking (1, 2, 2, 4); null for ideas with no submitted review.' })
  rank!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean of the weighted totals, 0-100; null without reviews.' })
  rawScore!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean per-juror z-score; null without reviews.' })
  normalizedScore!: number | null;

  @Field(() => Int)
  reviewCount!: number;
}

@ObjectType('JurorProgress')
export class JurorProgressModel {
  @Field(() => JurorModel)
  juror!: JurorModel;

  @Field(() => Int, { description: 'Assignments the juror holds (PENDING or SUBMITTED; recused ones are counted in `recused`).' })
  assigned!: number;

  @Field(() => Int)
  submitted!: number;

  @Field(() => Int)
  recused!: number;
}

@ObjectType('JudgingProgress')
export class JudgingProgressModel {
  @Field(() => Int, { description: 'Assignments held by jurors (PENDING or SUBMITTED): pending + submitted.' })
  assignments!: number;

  @Field(() => Int)
  submitted!: number;

  @Field(() => Int)
  recused!: number;

  @Field(() => Int)
  pending!: number;

  @Field(() => Int, { description: 'Ideas with at least reviewsPerIdea submitted reviews.' })
  ideasFullyReviewed!: number;

  @Field(() => Int)
  ideas!: number;

  @Field(() => [JurorProgressModel])
  jurors!: JurorProgressModel[];
}

@ObjectType('Award')
export class AwardModel {
  @Field(() => ID)
  id!: string;

  ideaId!: string;

  @Field()
  title!: string;

  @Field(() => Int, { nullable: true })
  place!: number | null;
}

export const toJurorModel = (j: Juror): JurorModel => ({ id: j.id, userId: j.userId, challengeId: j.challengeId, affiliationId: j.affiliationId });

export const toReviewAssignmentModel = (a: ReviewAssignment): ReviewAssignmentModel => ({
  id: a.id,
  challengeId: a.challengeId,
  ideaId: a.ideaId,
  jurorId: a.jurorId,
  status: a.status,
  dueAt: a.dueAt,
});

/** Scores leave the API rounded to two decimals (docs/rules.md: no `65.00000000000001`); stored values and rankings keep full precision. */
export const toReviewModel = (r: Review, hideJuror = false): ReviewModel => ({
  id: r.id,
  jurorId: r.jurorId,
  hideJuror,
  scores: r.scores.map((s) => ({ challengeId: r.challengeId, criterionId: s.criterionId, value: s.value })),
  comment: r.comment,
  total: round2(r.total),
  submittedAt: r.submittedAt,
  updatedAt: r.updatedAt,
});

export const toLeaderboardEntryModel = (e: RankedIdea, idea?: IdeaModel): LeaderboardEntryModel => ({
  ideaId: e.ideaId,
  idea,
  rank: e.rank,
  rawScore: e.rawScore === null ? null : round2(e.rawScore),
  normalizedScore: e.normalizedScore === null ? null : round2(e.normalizedScore),
  reviewCount: e.reviewCount,
});

const toJurorProgressModel = (p: { juror: Juror; counts: JurorCounts }): JurorProgressModel => ({
  juror: toJurorModel(p.juror),
  assigned: p.counts.assigned,
  submitted: p.counts.submitted,
  recused: p.counts.recused,
});

export const toJudgingProgressModel = (p: JudgingProgressData): JudgingProgressModel => ({ ...p, jurors: p.jurors.map(toJurorProgressModel) });

export const toAwardModel = (a: Award): AwardModel => ({ id: a.id, ideaId: a.ideaId, title: a.title, place: a.place });
