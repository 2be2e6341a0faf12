import type { User } from '../identity/user.entity.js';
import type { Viewer } from '../viewer.js';

/** What a hidden student's name reads as (the client shows its own label from `nameHidden`). */
export const HIDDEN_STUDENT_NAME = 'Studente';
/** What an erased person's row reads as: the row stays so ideas, versions and reviews stay whole. */
export const ERASED_PERSON_NAME = 'Ex membro';

/**
 * A person as one viewer may see them: the only shape in which a user's personal fields leave the domain.
 * `email` and `username` are null where the viewer may not see them; `displayName` is a placeholder where the
 * viewer may not see the name (`nameHidden`) or the person was erased (`erased`).
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
  /** The person is a student whose name this viewer may not see: they see that a member exists, nothing more. */
  nameHidden: boolean;
  /** The person erased their data (or was erased): "Ex membro" / "Former member". */
  erased: boolean;
}

/** What the viewer's relationship to the person allows, resolved in one batch by `PeopleService.viewsOf`. */
export interface PersonGrounds {
  /** The person is a student (a STUDENT member of a team) and the viewer is none of: their team, its coaches and tutors, the challenge's organizers; and no PUBLIC_NAME consent is in force. */
  studentNameHidden: boolean;
}

const NO_GROUNDS_NEEDED: PersonGrounds = { studentNameHidden: false };

/**
 * The one decision on which personal fields of `user` the viewer sees (docs/rules.md, "Who sees a person").
 * - email and username: only the person themself and platform admins (the answer of sign-up, sign-in and the other account
 *   operations goes to the person who just proved who they are: `ownView`).
 * - displayName: a student's name only to their team, its coaches and tutors and the challenge's organizers (the
 *   grounds); everyone else sees a placeholder, and lists of members show them a count. Other people's names
 *   wherever the user is reachable; the lists that reach a user are gated by their own rules.
 */
export function viewPerson(viewer: Viewer, user: User, grounds: PersonGrounds = NO_GROUNDS_NEEDED): PersonView {
  const self = viewer.userId !== null && viewer.userId === user.id;
  const erased = user.erasedAt !== null && user.erasedAt !== undefined;
  const nameHidden = !erased && !self && !viewer.isAdmin && grounds.studentNameHidden;
  return {
    id: user.id,
    displayName: erased ? ERASED_PERSON_NAME : nameHidden ? HIDDEN_STUDENT_NAME : user.displayName,
    email: self || viewer.isAdmin ? user.email : null,
    username: self || viewer.isAdmin ? (user.username ?? null) : null,
    isAdmin: user.isAdmin,
    locale: user.locale,
    emailVerified: user.emailVerifiedAt !== null && user.emailVerifiedAt !== undefined,
    nameHidden,
    erased,
  };
}

/**
 * The person as they see themself, for answers that go to whoever has just proved to be them (sign-up, sign-in,
 * refresh, a verification link): the request itself may carry no token, or another one.
 */
export function ownView(user: User): PersonView {
  return viewPerson({ userId: user.id, isAdmin: user.isAdmin }, user);
}
