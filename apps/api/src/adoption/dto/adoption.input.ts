import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class ProposeAdoptionInput {
  @Field(() => ID)
  ideaId!: string;

  @Field(() => ID)
  companyId!: string;

  @Field()
  message!: string;

  @Field(() => String, { nullable: true })
  commitment?: string | null;
}

@InputType()
export class DecideAdoptionInput {
  @Field(() => ID)
  adoptionId!: string;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType()
export class AssignTutorInput {
  @Field(() => ID)
  adoptionId!: string;

  @Field({ description: "An existing user's email; the user must be a member of the adopting company." })
  email!: string;
}
