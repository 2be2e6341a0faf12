import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { ChallengeFormat, ScoreNormalization } from '#domain/challenges/challenge.entity.js';

@InputType()
export class ThemeInput {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType()
export class CriterionInput {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Float, { nullable: true, defaultValue: 1 })
  weight?: number | null;

  @Field(() => Int, { nullable: true, defaultValue: 10 })
  maxScore?: number | null;
}

@InputType({ description: 'A theme in updateChallenge: with the id of an existing theme it keeps it (ideas stay filed under it), without one it adds a theme.' })
export class UpdateThemeInput extends ThemeInput {
  @Field(() => ID, { nullable: true })
  id?: string | null;
}

@InputType({ description: 'A criterion in updateChallenge: with the id of an existing criterion it keeps it, without one it adds a criterion.' })
export class UpdateCriterionInput extends CriterionInput {
  @Field(() => ID, { nullable: true })
  id?: string | null;
}

@InputType()
export class CreateChallengeInput {
  @Field(() => ID)
  organizerId!: string;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field(() => ChallengeFormat)
  format!: ChallengeFormat;

  @Field(() => Date)
  submissionOpensAt!: Date;

  @Field(() => Date)
  submissionClosesAt!: Date;

  @Field(() => Date)
  judgingClosesAt!: Date;

  @Field(() => Int, { nullable: true, defaultValue: 3 })
  reviewsPerIdea?: number | null;

  @Field(() => Int, { nullable: true, defaultValue: 30 })
  maxTeamSize?: number | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  blindJudging?: boolean | null;

  @Field(() => ScoreNormalization, { nullable: true, defaultValue: ScoreNormalization.ZSCORE })
  rankingNormalization?: ScoreNormalization | null;

  @Field(() => [ThemeInput])
  themes!: ThemeInput[];

  @Field(() => [CriterionInput])
  criteria!: CriterionInput[];
}

@InputType()
export class UpdateChallengeInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Date, { nullable: true })
  submissionOpensAt?: Date | null;

  @Field(() => Date, { nullable: true })
  submissionClosesAt?: Date | null;

  @Field(() => Date, { nullable: true })
  judgingClosesAt?: Date | null;

  @Field(() => Int, { nullable: true })
  reviewsPerIdea?: number | null;

  @Field(() => Int, { nullable: true })
  maxTeamSize?: number | null;

  @Field(() => Boolean, { nullable: true })
  blindJudging?: boolean | null;

  @Field(() => ScoreNormalization, { nullable: true })
  rankingNormalization?: ScoreNormalization | null;

  @Field(() => [UpdateThemeInput], {
    nullable: true,
    description: 'The themes, in order, replacing the current ones; a theme left out is removed, which a theme with ideas cannot be (FAILED_PRECONDITION).',
  })
  themes?: UpdateThemeInput[] | null;

  @Field(() => [UpdateCriterionInput], { nullable: true, description: 'The criteria, in order, replacing the current ones (no review exists before judging).' })
  criteria?: UpdateCriterionInput[] | null;
}
