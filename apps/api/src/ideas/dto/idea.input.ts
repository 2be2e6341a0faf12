import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IdeaStatus } from '#domain/ideas/idea.entity.js';

@InputType()
export class IdeaFilter {
  @Field(() => ID, { nullable: true })
  challengeId?: string | null;

  @Field(() => ID, { nullable: true })
  themeId?: string | null;

  @Field(() => IdeaStatus, { nullable: true })
  status?: IdeaStatus | null;

  @Field(() => ID, { nullable: true })
  schoolId?: string | null;

  @Field(() => String, { nullable: true, description: "The district of the team's school." })
  district?: string | null;

  @Field(() => String, { nullable: true, description: 'Full-text search over title, summary, problem, solution, impact and tags (Italian and English stemming).' })
  search?: string | null;

  @Field(() => Boolean, { nullable: true })
  adopted?: boolean | null;
}

@InputType()
export class SaveIdeaInput {
  @Field(() => ID)
  teamId!: string;

  @Field(() => ID)
  themeId!: string;

  @Field()
  title!: string;

  @Field()
  summary!: string;

  @Field()
  problem!: string;

  @Field()
  solution!: string;

  @Field(() => String, { nullable: true })
  impact?: string | null;

  @Field(() => [String], { nullable: true, defaultValue: [] })
  tags?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'When given and different from the stored version, the save fails with CONFLICT.' })
  expectedVersion?: number | null;
}
