import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { memberOfOrganization, memberOfTeam, studentNameVisible, tutorOfTeam } from '../access/grounds.js';
import { IdentityService } from '../identity/identity.service.js';
import type { Viewer } from '../viewer.js';
import { viewPerson, type PersonView } from './person-view.js';

/**
 * The students among $1 whose name the viewer $2 may not see: STUDENT members of some team, with no PUBLIC_NAME consent
 * in force, and none of whose teams the viewer belongs to (as a member or coach), tutors, or organizes the challenge of.
 */
const HIDDEN_STUDENTS = `
  SELECT u.id FROM app_user u
   WHERE u.id = ANY($1::uuid[])
     AND EXISTS (SELECT 1 FROM team_member s WHERE s.user_id = u.id AND s.role = 'STUDENT')
     AND NOT ${studentNameVisible('u.id')}
     AND NOT EXISTS (
       SELECT 1 FROM team_member s JOIN team t ON t.id = s.team_id JOIN challenge c ON c.id = t.challenge_id
        WHERE s.user_id = u.id AND s.role = 'STUDENT'
          AND (${memberOfTeam('t.id', '$2')} OR ${tutorOfTeam('t.id', '$2')} OR ${memberOfOrganization('c.organizer_id', '$2')}))`;

/** People as a viewer may see them, in batches (one query per request: the API's person loader calls it). */
@Injectable()
export class PeopleService {
  constructor(
    private readonly identity: IdentityService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The people of `userIds` the viewer sees, by id (missing users are absent). */
  async viewsOf(viewer: Viewer, userIds: readonly string[]): Promise<Map<string, PersonView>> {
    const [users, hidden] = await Promise.all([this.identity.usersByIds(userIds), this.hiddenStudents(viewer, userIds)]);
    return new Map(users.map((user) => [user.id, viewPerson(viewer, user, { studentNameHidden: hidden.has(user.id) })]));
  }

  private async hiddenStudents(viewer: Viewer, userIds: readonly string[]): Promise<Set<string>> {
    if (viewer.isAdmin || userIds.length === 0) return new Set();
    const others = userIds.filter((id) => id !== viewer.userId);
    if (others.length === 0) return new Set();
    // An anonymous viewer is nobody's teammate: the nil uuid matches no row.
    const rows: { id: string }[] = await this.dataSource.query(HIDDEN_STUDENTS, [others, viewer.userId ?? '00000000-0000-0000-0000-000000000000']);
    return new Set(rows.map((row) => row.id));
  }
}
