import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { projectionOf, readRows } from '#platform/database/sql-reads.js';
import { memberOfOrganization, memberOfTeam, studentNameVisible, tutorOfTeam } from '../access/grounds.js';
import { ChallengeAccess } from '../challenges/challenge-access.js';
import { User } from '../identity/user.entity.js';
import { TeamMember } from '../teams/team-member.entity.js';
import { isUuid } from '../validation.js';
import type { Viewer } from '../viewer.js';
import { viewPerson, type PersonView } from './person-view.js';

/**
 * Whether the viewer `:viewerId` may not see the name of the user `u`, as SQL: a STUDENT member of some team, with no
 * PUBLIC_NAME consent in force, none of whose teams the viewer belongs to (as a member or coach), tutors, or
 * organizes the challenge of. Never the viewer themself.
 */
const NAME_HIDDEN = `(u.id <> :viewerId
     AND EXISTS (SELECT 1 FROM team_member s WHERE s.user_id = u.id AND s.role = 'STUDENT' OFFSET 0)
     AND NOT ${studentNameVisible('u.id')}
     AND NOT EXISTS (
       SELECT 1 FROM team_member s JOIN team t ON t.id = s.team_id JOIN challenge c ON c.id = t.challenge_id
        WHERE s.user_id = u.id AND s.role = 'STUDENT'
          AND (${memberOfTeam('t.id', ':viewerId')} OR ${tutorOfTeam('t.id', ':viewerId')} OR ${memberOfOrganization('c.organizer_id', ':viewerId')})))`;

// `OFFSET 0` keeps the first EXISTS a probe of ix_team_member_user per user: without it the generic plan of the
// prepared statement may hash every STUDENT membership of the database (a sequential scan) to answer for ten people.

/** An anonymous viewer is nobody's teammate: the nil uuid matches no row. */
const NOBODY = '00000000-0000-0000-0000-000000000000';

/** People as a viewer may see them, in batches (one statement per request: the API's person loader calls it). */
@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ChallengeAccess,
  ) {}

  /**
   * The members of these teams, where the viewer may see the team's members (ChallengeAccess.membersVisible), in
   * joining order, each with the person as the viewer sees them: the members, their access rule and the people's name
   * rule in one statement (a team page shows them all).
   */
  async teamMembersVisibleTo(viewer: Viewer, teamIds: readonly string[]): Promise<{ member: TeamMember; person: PersonView }[]> {
    const ids = [...new Set(teamIds)].filter(isUuid);
    const visible = this.access.membersVisible(viewer, 't');
    if (ids.length === 0 || visible.sql === 'FALSE') return [];
    const member = projectionOf(this.dataSource, TeamMember, 'tm', 'member.');
    const user = projectionOf(this.dataSource, User, 'u');
    const rows = await readRows(
      this.dataSource,
      `SELECT ${member.select}, ${user.select}, ${viewer.isAdmin ? 'FALSE' : NAME_HIDDEN} AS "nameHidden"
         FROM team_member tm JOIN team t ON t.id = tm.team_id JOIN challenge c ON c.id = t.challenge_id JOIN app_user u ON u.id = tm.user_id
        WHERE tm.team_id = ANY(:ids) AND ${visible.sql} ORDER BY tm.created_at ASC, tm.user_id ASC`,
      { ids, ...visible.params, ...(viewer.isAdmin ? {} : { viewerId: viewer.userId ?? NOBODY }) },
    );
    return rows.map((row) => ({ member: member.read(row)!, person: viewPerson(viewer, user.read(row)!, { studentNameHidden: row.nameHidden === true }) }));
  }

  /** The people of `userIds` the viewer sees, by id (missing users are absent): the users and the rule on their names in one statement. */
  async viewsOf(viewer: Viewer, userIds: readonly string[]): Promise<Map<string, PersonView>> {
    const ids = [...new Set(userIds)].filter(isUuid);
    if (ids.length === 0) return new Map();
    const user = projectionOf(this.dataSource, User, 'u');
    const rows = await readRows(this.dataSource, `SELECT ${user.select}, ${viewer.isAdmin ? 'FALSE' : NAME_HIDDEN} AS "nameHidden" FROM app_user u WHERE u.id = ANY(:ids)`, {
      ids,
      ...(viewer.isAdmin ? {} : { viewerId: viewer.userId ?? NOBODY }),
    });
    return new Map(rows.map((row) => [row.id as string, viewPerson(viewer, user.read(row)!, { studentNameHidden: row.nameHidden === true })]));
  }
}
