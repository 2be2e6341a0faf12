import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { PersonView } from '#domain/people/person-view.js';

@ObjectType('User')
export class UserModel {
  @Field(() => ID)
  id!: string;

  @Field()
  displayName!: string;

  @Field(() => String, { nullable: true, description: 'Visible to the user themself and to platform admins only; null otherwise.' })
  email!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "A roster student's sign-in name. Visible to the user themself and to platform admins only; null otherwise (and for accounts with an email).",
  })
  username!: string | null;

  @Field()
  isAdmin!: boolean;

  @Field()
  locale!: string;

  @Field({ description: 'Whether the user confirmed their email address; until then no email but the verification is sent.' })
  emailVerified!: boolean;

  @Field({ description: 'A student whose name this viewer may not see (not their team, coach, tutor or organizer): displayName is a placeholder; show a label instead.' })
  nameHidden!: boolean;

  @Field({ description: 'The person erased their data: displayName reads "Ex membro"; show "Former member" (or "Former juror") in the viewer\'s language.' })
  erased!: boolean;
}

/** Maps a person as the viewer sees them (libs/domain/src/people/person-view.ts decides which fields); nothing to decide here. */
export const toUserModel = (person: PersonView): UserModel => ({
  id: person.id,
  displayName: person.displayName,
  email: person.email,
  username: person.username,
  isAdmin: person.isAdmin,
  locale: person.locale,
  emailVerified: person.emailVerified,
  nameHidden: person.nameHidden,
  erased: person.erased,
});
