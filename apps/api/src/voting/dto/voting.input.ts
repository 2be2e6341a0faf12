import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class OpenPublicVotingInput {
  @Field(() => ID)
  challengeId!: string;

  @Field(() => Date, { nullable: true, description: 'When voting opens; omitted: at once. Not in the past; fixed once the vote is open.' })
  opensAt?: Date | null;

  @Field(() => Date, { description: 'When voting closes and the counts become public: after opensAt and in the future.' })
  closesAt!: Date;
}
