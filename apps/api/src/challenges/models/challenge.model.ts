import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { InheritsCacheHint } from '../../graphql/cache-hints.js';
import { Challenge, ChallengeFormat, ChallengeStatus, ScoreNormalization } from '#domain/challenges/challenge.entity.js';
import type { Criterion } from '#domain/challenges/criterion.entity.js';
import type { Theme } from '#domain/challenges/theme.entity.js';
import { Connection } from '../../common/page-info.model.js';

registerEnumType(ChallengeFormat, {
  name: 'ChallengeFormat',
  valuesMap: {
    SCHOOL_CLIMATHON: { description: 'Classes of a school form the teams; a teacher coaches and submits.' },
    OPEN_HACKATHON: { description: 'Anyone signs up and forms a team with a captain.' },
  },
});
registerEnumType(ChallengeStatus, { name: 'ChallengeStatus' });
registerEnumType(ScoreNormalization, {
  name: 'ScoreNormalization',
  valuesMap: {
    NONE: { description: "Mean of the reviews' weighted totals (0-100)." },
    ZSCORE: { description: "Mean of per-juror z-scores of the reviews' weighted totals." },
  },
});

@InheritsCacheHint()
@ObjectType('Theme')
export class ThemeModel {
  @Field(() => ID)
  id!: string;

  /** The theme's challenge, for resolvers; not exposed. */
  challengeId!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;
}

@ObjectType('Criterion')
export class CriterionModel {
  @Field(() => ID)
  id!: string;

  challengeId!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Float)
  weight!: number;

  @Field(() => Int)
  maxScore!: number;
}

/**
 * A challenge's own fields. Relations (organizer, themes, criteria, teams, ideas) and the fields of later
 * features (jurors, leaderboard, judgingProgress, awards) are @ResolveField()s of their features' resolvers.
 */
@ObjectType('Challenge')
export class ChallengeModel {
  @Field(() => ID)
  id!: string;

  /** The organizer organization, for resolvers. */
  organizerId!: string;
  /** The people's-choice window, for the voting resolvers (Challenge.publicVoting). */
  publicVotingOpensAt!: Date | null;
  publicVotingClosesAt!: Date | null;

  @Field()
  slug!: string;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field(() => ChallengeFormat)
  format!: ChallengeFormat;

  @Field(() => ChallengeStatus)
  status!: ChallengeStatus;

  @Field(() => Date)
  submissionOpensAt!: Date;

  @Field(() => Date)
  submissionClosesAt!: Date;

  @Field(() => Date)
  judgingClosesAt!: Date;

  @Field(() => Int)
  reviewsPerIdea!: number;

  @Field(() => Int)
  maxTeamSize!: number;

  @Field()
  blindJudging!: boolean;

  @Field(() => ScoreNormalization)
  rankingNormalization!: ScoreNormalization;
}

@ObjectType('ChallengeConnection')
export class ChallengeConnection extends Connection(ChallengeModel, 'Challenge') {}

export const toChallengeModel = (c: Challenge): ChallengeModel => ({
  id: c.id,
  organizerId: c.organizerId,
  publicVotingOpensAt: c.publicVotingOpensAt,
  publicVotingClosesAt: c.publicVotingClosesAt,
  slug: c.slug,
  title: c.title,
  description: c.description,
  format: c.format,
  status: c.status,
  submissionOpensAt: c.submissionOpensAt,
  submissionClosesAt: c.submissionClosesAt,
  judgingClosesAt: c.judgingClosesAt,
  reviewsPerIdea: c.reviewsPerIdea,
  maxTeamSize: c.maxTeamSize,
  blindJudging: c.blindJudging,
  rankingNormalization: c.rankingNormalization,
});

export const toThemeModel = (t: Theme): ThemeModel => ({ id: t.id, challengeId: t.challengeId, name: t.name, description: t.description });

export const toCriterionModel = (c: Criterion): CriterionModel => ({
  id: c.id,
  challengeId: c.challengeId,
  name: c.name,
  description: c.description,
  weight: c.weight,
  maxScore: c.maxScore,
});
