import { Field, ID, InputType } from '@nestjs/graphql';
import { MilestoneKind } from '#domain/minicompanies/milestone.entity.js';

@InputType()
export class MilestoneInput {
  @Field(() => MilestoneKind)
  kind!: MilestoneKind;

  @Field()
  title!: string;

  @Field(() => Date)
  dueAt!: Date;
}

@InputType()
export class FoundMiniCompanyInput {
  @Field(() => ID)
  teamId!: string;

  @Field()
  name!: string;

  @Field(() => [MilestoneInput], { nullable: true, description: 'When omitted, the default plan of docs/rules.md is used.' })
  milestones?: MilestoneInput[] | null;
}

@InputType()
export class SubmitMilestoneInput {
  @Field(() => ID)
  milestoneId!: string;

  @Field()
  evidence!: string;
}

@InputType()
export class ReviewMilestoneInput {
  @Field(() => ID)
  milestoneId!: string;

  @Field()
  approve!: boolean;

  @Field(() => String, { nullable: true })
  feedback?: string | null;
}

@InputType()
export class RescheduleMilestoneInput {
  @Field(() => ID)
  milestoneId!: string;

  @Field(() => Date)
  dueAt!: Date;
}
