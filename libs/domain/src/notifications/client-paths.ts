/**
 * The web client's routes of the pages notifications are about (docs/rules.md "Notifications": `Notification.path`, and
 * `PUBLIC_URL` + path in the email). apps/web/src/app/routes.tsx routes each of them; test/web/notification-paths.pw.ts
 * opens every kind's path in the browser.
 */
export const clientPaths = {
  idea: (ideaId: string) => `/ideas/${ideaId}`,
  challenge: (challengeId: string) => `/challenges/${challengeId}`,
  challengeResults: (challengeId: string) => `/challenges/${challengeId}/results`,
  /** The juror's own assignments in a challenge. */
  challengeReviews: (challengeId: string) => `/challenges/${challengeId}/reviews`,
  team: (teamId: string) => `/teams/${teamId}`,
  miniCompany: (miniCompanyId: string) => `/mini-companies/${miniCompanyId}`,
  organization: (organizationId: string) => `/organizations/${organizationId}`,
  /** Where a signed-in person changes their name and the language of their emails. */
  profile: () => '/profile',
  notifications: () => '/notifications',
};

/** The full link of a path: the public address people open (PUBLIC_URL) and the path. */
export const absoluteLink = (publicUrl: string, path: string): string => `${publicUrl.replace(/\/+$/, '')}${path}`;
