import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class OrganizationInterestsInput {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => String, { nullable: true, description: "Territorial district, e.g. 'Pianura Est'; omitted or null keeps it, an empty string clears it." })
  district?: string | null;

  @Field(() => [String], { nullable: true, description: 'Sectors of interest (at most 20, 1-120 characters each); omitted or null keeps them, [] clears them.' })
  sectors?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Themes of interest (at most 20, 1-120 characters each); omitted or null keeps them, [] clears them.' })
  themes?: string[] | null;
}
