import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { User } from '../../../../../libs/domain/src/identity/user.entity.js';

@ObjectType('User')
export class UserModel {
  @Field(() => ID)
  id!: string;

  @Field()
  displayName!: string;

  /** Resolved per viewer (User.email field resolver); kept here for the mapping only. */
  privateEmail!: string | null;

  /** Resolved per viewer (User.username field resolver), like the email. */
  privateUsername!: string | null;

  /** True where the user is the one who just authenticated (AuthPayload.user). */
  revealEmail?: boolean;

  @Field()
  isAdmin!: boolean;

  @Field()
  locale!: string;

  @Field({ description: 'Whether the user confirmed their email address; until then no email but the verification is sent.' })
  emailVerified!: boolean;
}

export const toUserModel = (user: User, revealEmail = false): UserModel => ({
  revealEmail,
  id: user.id,
  displayName: user.displayName,
  privateEmail: user.email,
  privateUsername: user.username,
  isAdmin: user.isAdmin,
  locale: user.locale,
  emailVerified: user.emailVerifiedAt !== null && user.emailVerifiedAt !== undefined,
});
