import { Field, ID, InputType, Int } from '@nestjs/graphql';

@InputType()
export class AddJurorInput {
  @Field(() => ID)
  challengeId!: string;

  @Field({ description: "An existing user's email." })
  email!: string;

  @Field(() => ID, { nullable: true })
  affiliationId?: string | null;
}

@InputType()
export class CriterionScoreInput {
  @Field(() => ID)
  criterionId!: string;

  @Field(() => Int)
  value!: number;
}

@InputType()
export class SubmitReviewInput {
  @Field(() => ID)
  assignmentId!: string;

  @Field(() => [CriterionScoreInput])
  scores!: CriterionScoreInput[];

  @Field(() => String, { nullable: true })
  comment?: string | null;
}

@InputType()
export class AwardInput {
  @Field(() => ID)
  ideaId!: string;

  @Field()
  title!: string;

  @Field(() => Int, { nullable: true })
  place?: number | null;
}

@InputType()
export class PublishResultsInput {
  @Field(() => ID)
  challengeId!: string;

  @Field(() => [AwardInput], { nullable: true, defaultValue: [] })
  awards?: AwardInput[] | null;
}
