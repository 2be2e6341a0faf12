import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { projectionOf, readRows } from '#platform/database/sql-reads.js';
import { memberOfOrganization, memberOfTeam, studentNameVisible, tutorOfTeam } from '../access/grounds.js';
import { User } from '../identity/user.entity.js';
import { isUuid } from '../validation.js';
import type { Viewer } from '../viewer.js';
import { viewPerson, type PersonView } from './person-view.js';

/**
 * Whether the viewer `:viewerId` may not see the name of the user `u`, as SQL: a STUDENT member of some team, with no
 * PUBLIC_NAME consent in force, none of whose teams the viewer belongs to (as a member or coach), tutors, or
 * organizes the challenge of. Never the viewer themself.
 */
const NAME_HIDDEN = `(u.id <> :viewerId
     AND EXISTS (SELECT 1 FROM team_member s WHERE s.user_id = u.id AND s.role = 'STUDENT')
     AND NOT ${studentNameVisible('u.id')}
     AND NOT EXISTS (
       SELECT 1 FROM team_member s JOIN team t ON t.id = s.team_id JOIN challenge c ON c.id = t.challenge_id
        WHERE s.user_id = u.id AND s.role = 'STUDENT'
          AND (${memberOfTeam('t.id', ':viewerId')} OR ${tutorOfTeam('t.id', ':viewerId')} OR ${memberOfOrganization('c.organizer_id', ':viewerId')})))`;

/** An anonymous viewer is nobody's teammate: the nil uuid matches no row. */
const NOBODY = '00000000-0000-0000-0000-000000000000';

/** People as a viewer may see them, in batches (one statement per request: the API's person loader calls it). */
@Injectable()
export class PeopleService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
