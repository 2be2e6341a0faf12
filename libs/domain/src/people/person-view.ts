import type { User } from '../identity/user.entity.js';
import type { Viewer } from '../viewer.js';

/**
 * A person as one viewer may see them: the only shape in which a user's personal fields leave the domain.
 * `email` is null where the viewer may not see it.
 */
export interface PersonView {
  id: string;
  displayName: string;
  email: string | null;
  /** A roster student's sign-in name (null for accounts with an email); seen like the email. */
  username: string | null;
  isAdmin: boolean;
  locale: string;
  emailVerified: boolean;
}

/**
 * The one decision on which personal fields of `user` the viewer sees (docs/rules.md, "Who sees a person").
 * - email and username: only the person themself and platform admins (the answer of sign-up, sign-in and the other account
 *   operations goes to the person who just proved who they are: `ownView`).
 * - displayName: wherever the user is reachable; the lists that reach a user are gated by their own rules
 *   (ChallengeAccess, OrganizationsService), not here.
 *
 * Rules that depend on a relationship between the viewer and the person (the next one: a roster student's name only
 * to their team, its coaches and tutors and the challenge's organizers; everyone else sees a count) go here as one
 * more argument, the grounds `PeopleService.viewsOf` resolves in one batch for all the people of a request; the
 * resolvers, which only map a PersonView, stay as they are.
 */
export function viewPerson(viewer: Viewer, user: User): PersonView {
  const self = viewer.userId !== null && viewer.userId === user.id;
  return {
    id: user.id,
    displayName: user.displayName,
    email: self || viewer.isAdmin ? user.email : null,
    username: self || viewer.isAdmin ? (user.username ?? null) : null,
    isAdmin: user.isAdmin,
    locale: user.locale,
    emailVerified: user.emailVerifiedAt !== null && user.emailVerifiedAt !== undefined,
  };
}

/**
 * The person as they see themself, for answers that go to whoever has just proved to be them (sign-up, sign-in,
 * refresh, a verification link): the request itself may carry no token, or another one.
 */
export function ownView(user: User): PersonView {
  return viewPerson({ userId: user.id, isAdmin: user.isAdmin }, user);
}
