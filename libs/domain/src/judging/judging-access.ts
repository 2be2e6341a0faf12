/**
 * Conflicts of interest (docs/rules.md "Jurors") of the challenge `$1`'s SUBMITTED ideas, as (idea_id, juror_id) rows:
 * the juror is a member of the idea's team, a member of the team's school organization, or affiliated with that
 * school. Three hash joins instead of a predicate over every (idea, juror) pair; `ideaFilter` narrows the ideas
 * (e.g. `AND i.id = $2`).
 */
export function conflictPairsSql(ideaFilter = ''): string {
  const submitted = `i.challenge_id = $1 AND i.status = 'SUBMITTED' ${ideaFilter}`;
  return `
    SELECT i.id AS idea_id, j.id AS juror_id
      FROM idea i
      JOIN team_member tm ON tm.team_id = i.team_id
      JOIN juror j ON j.challenge_id = i.challenge_id AND j.user_id = tm.user_id
     WHERE ${submitted}
    UNION
    SELECT i.id, j.id
      FROM idea i
      JOIN team t ON t.id = i.team_id
      JOIN juror j ON j.challenge_id = i.challenge_id AND j.affiliation_id = t.school_id
     WHERE ${submitted}
    UNION
    SELECT i.id, j.id
      FROM idea i
      JOIN team t ON t.id = i.team_id
      JOIN organization_member om ON om.organization_id = t.school_id
      JOIN juror j ON j.challenge_id = i.challenge_id AND j.user_id = om.user_id
     WHERE ${submitted}`;
}
