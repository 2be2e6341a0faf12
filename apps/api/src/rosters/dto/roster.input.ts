import { Field, InputType } from '@nestjs/graphql';

@InputType()
export class RosterStudentInput {
  @Field({ description: 'First name and initial, e.g. "Giulia R." (at most 40 characters).' })
  displayName!: string;
}
