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
  @Field({ description: 'The email address; a roster student who chose a password gives their username here.' })
  email!: string;

  @Field()
  password!: string;
}

@InputType()
export class ResetPasswordInput {
  @Field({ description: 'The token of the reset link.' })
  token!: string;

  @Field()
  newPassword!: string;
}

@InputType()
export class ChangePasswordInput {
  @Field(() => String, { nullable: true, description: 'Required when the account has a password.' })
  currentPassword?: string | null;

  @Field()
  newPassword!: string;
}

@InputType()
export class UpdateProfileInput {
  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => String, { nullable: true, description: "'it' or 'en'." })
  locale?: string | null;
}
