import { DomainError } from '#platform/errors/domain-error.js';

/** Who is asking: an authenticated user or nobody. Built once per request from the access token. */
export interface Viewer {
  userId: string | null;
  isAdmin: boolean;
  /** The refresh family (sign-in session) of the access token; revoking it ends the token at once. */
  sessionId?: string;
}

export const ANONYMOUS: Viewer = Object.freeze({ userId: null, isAdmin: false });

export interface AuthenticatedViewer extends Viewer {
  userId: string;
}

export function requireUser(viewer: Viewer): AuthenticatedViewer {
  if (!viewer.userId) throw DomainError.unauthenticated();
  return viewer as AuthenticatedViewer;
}

/**
 * The one user id among `userIds` whose own records (memberships, juror seats, teams, invitations) this viewer may
 * read through User fields: the viewer themself, nobody else, admins included (User.memberships and the like).
 */
export function selfAmong(viewer: Viewer, userIds: readonly string[]): string | null {
  return viewer.userId && userIds.includes(viewer.userId) ? viewer.userId : null;
}
