/**
 * The adoption grounds of the access policy (plugged into `accessHooks` of challenges/challenge-access.ts), as SQL
 * predicates over the given SQL expressions (column references or bound parameters). Aliases are prefixed so they
 * never shadow the caller's.
 */

/** `userId` is a tutor of an ACCEPTED adoption of the team's idea. */
export const tutorOfTeamSql = (teamId: string, userId: string): string =>
  `EXISTS (SELECT 1 FROM adoption_tutor adt_t JOIN adoption adt_a ON adt_a.id = adt_t.adoption_id JOIN idea adt_i ON adt_i.id = adt_a.idea_id
            WHERE adt_i.team_id = ${teamId} AND adt_t.user_id = ${userId} AND adt_a.status = 'ACCEPTED')`;

/** The idea has an ACCEPTED adoption. */
export const ideaAdoptedSql = (ideaId: string): string => `EXISTS (SELECT 1 FROM adoption adt_a WHERE adt_a.idea_id = ${ideaId} AND adt_a.status = 'ACCEPTED')`;
