/**
 * The grounds of the access policy (docs/rules.md "Who sees what"), as SQL predicates over the given SQL expressions
 * (column references or bound parameters such as `:viewerId` or `$2`). They name tables, never another feature's
 * code: every feature's access check composes them, and this file imports nothing, so no feature reaches into
 * another one to ask "is this user a juror / a tutor / an organizer here?". Subquery aliases are prefixed `g_` so
 * they never shadow the caller's.
 */

/** `userId` is a member (of any role) of the team `teamId`. */
export const memberOfTeam = (teamId: string, userId: string): string => `EXISTS (SELECT 1 FROM team_member g_tm WHERE g_tm.team_id = ${teamId} AND g_tm.user_id = ${userId})`;

/** `userId` is a member of the organization `organizationId` (for a challenge: its organizer_id, i.e. an organizer). */
export const memberOfOrganization = (organizationId: string, userId: string): string =>
  `EXISTS (SELECT 1 FROM organization_member g_om WHERE g_om.organization_id = ${organizationId} AND g_om.user_id = ${userId})`;

/** `userId` is a juror assigned to review `ideaId` (whatever the assignment's status: a recused juror saw it already). */
export const jurorAssignedToIdea = (ideaId: string, userId: string): string =>
  `EXISTS (SELECT 1 FROM review_assignment g_ra JOIN juror g_j ON g_j.id = g_ra.juror_id WHERE g_ra.idea_id = ${ideaId} AND g_j.user_id = ${userId})`;

/** `userId` is a juror of the challenge `challengeId`. */
export const jurorOfChallenge = (challengeId: string, userId: string): string =>
  `EXISTS (SELECT 1 FROM juror g_j WHERE g_j.challenge_id = ${challengeId} AND g_j.user_id = ${userId})`;

/** `userId` is a company tutor of the team `teamId`: a tutor of an ACCEPTED adoption of the team's idea. */
export const tutorOfTeam = (teamId: string, userId: string): string =>
  `EXISTS (SELECT 1 FROM adoption_tutor g_at JOIN adoption g_a ON g_a.id = g_at.adoption_id JOIN idea g_i ON g_i.id = g_a.idea_id
            WHERE g_i.team_id = ${teamId} AND g_at.user_id = ${userId} AND g_a.status = 'ACCEPTED')`;

/** The idea `ideaId` has an ACCEPTED adoption. */
export const ideaAdopted = (ideaId: string): string => `EXISTS (SELECT 1 FROM adoption g_a WHERE g_a.idea_id = ${ideaId} AND g_a.status = 'ACCEPTED')`;

/** `userId` (a student) has a PUBLIC_NAME consent in force: their display name may be shown to anyone. */
export const studentNameVisible = (userId: string): string =>
  `EXISTS (SELECT 1 FROM consent_record g_cr WHERE g_cr.user_id = ${userId} AND g_cr.purpose = 'PUBLIC_NAME' AND g_cr.withdrawn_at IS NULL)`;
