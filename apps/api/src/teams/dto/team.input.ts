import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class CreateTeamInput {
  @Field(() => ID)
  challengeId!: string;

  @Field()
  name!: string;

  @Field(() => ID, { nullable: true })
  schoolId?: string | null;

  @Field(() => String, { nullable: true })
  className?: string | null;
}
