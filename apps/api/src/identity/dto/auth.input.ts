import { Field, InputType } from '@nestjs/graphql';

@InputType()
export class SignUpInput {
  @Field()
  email!: string;

  @Field()
  password!: string;

  @Field()
  displayName!: string;

  @Field(() => String, { nullable: true, defaultValue: 'it', description: "BCP 47 language tag used for notifications, 'it' or 'en'." })
  locale?: string | null;
}

@InputType()
export class SignInInput {
  @Field()
  email!: string;

  @Field()
  password!: string;
}
