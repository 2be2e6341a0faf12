import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { readRows } from '#platform/database/sql-reads.js';
import { TeamRole } from '../teams/team-member.entity.js';
import type { Viewer } from '../viewer.js';
import { memberOfOrganization, memberOfTeam, tutorOfTeam } from '../access/grounds.js';
import { ChallengeStatus, type Challenge } from './challenge.entity.js';

/** Challenge statuses from which every SUBMITTED idea is public. */
export const RESULTS_VISIBLE_STATUSES = [ChallengeStatus.RESULTS_PUBLISHED, ChallengeStatus.CLOSED];

const uniq = (ids: readonly string[]) => [...new Set(ids)];

/** Who the viewer is with respect to challenges and teams, in batches (one query per call, whatever the count). */
@Injectable()
export class ChallengeAccess {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The challenges among `challengeIds` the viewer organizes (is a member of the organizer organization); all for admins. */
  async organizerOf(viewer: Viewer, challengeIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    const ids = uniq(challengeIds);
    if (ids.length === 0) return new Set();
    if (viewer.isAdmin) return new Set(ids);
    if (!viewer.userId) return new Set();
    const rows: { id: string }[] = await manager.query(
      `SELECT c.id FROM challenge c JOIN organization_member om ON om.organization_id = c.organizer_id AND om.user_id = $2 WHERE c.id = ANY($1::uuid[])`,
      [ids, viewer.userId],
    );
    return new Set(rows.map((r) => r.id));
  }

  async isOrganizer(viewer: Viewer, challenge: Pick<Challenge, 'id'>, manager?: EntityManager): Promise<boolean> {
    return (await this.organizerOf(viewer, [challenge.id], manager)).has(challenge.id);
  }

  /** Whether the viewer is a member of the organization (admins count as members of every organization). */
  async isOrganizationMember(viewer: Viewer, organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    if (viewer.isAdmin) return true;
    if (!viewer.userId) return false;
    const rows: unknown[] = await manager.query(`SELECT 1 FROM organization_member WHERE organization_id = $1 AND user_id = $2`, [organizationId, viewer.userId]);
    return rows.length > 0;
  }

  /** A DRAFT challenge exists only for its organizers (and admins); from PUBLISHED on it is public. */
  async canSeeChallenge(viewer: Viewer, challenge: Challenge, manager?: EntityManager): Promise<boolean> {
    return challenge.status !== ChallengeStatus.DRAFT || (await this.isOrganizer(viewer, challenge, manager));
  }

  /** The viewer's role in each of these teams they belong to. */
  async teamRoles(viewer: Viewer, teamIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, TeamRole>> {
    const ids = uniq(teamIds);
    if (!viewer.userId || ids.length === 0) return new Map();
    const rows: { team_id: string; role: TeamRole }[] = await manager.query(`SELECT team_id, role FROM team_member WHERE team_id = ANY($1::uuid[]) AND user_id = $2`, [
      ids,
      viewer.userId,
    ]);
    return new Map(rows.map((r) => [r.team_id, r.role]));
  }

  /**
   * The teams among `teamIds` whose member list the viewer may see: its members, its tutors, the challenge's
   * organizers and admins.
   */
  async teamsWithVisibleMembers(viewer: Viewer, teamIds: readonly string[]): Promise<Set<string>> {
    const ids = uniq(teamIds);
    const visible = this.membersVisible(viewer, 't');
    if (ids.length === 0 || visible.sql === 'FALSE') return new Set();
    if (visible.sql === 'TRUE') return new Set(ids);
    const rows: { id: string }[] = await readRows(this.dataSource, `SELECT t.id FROM team t JOIN challenge c ON c.id = t.challenge_id WHERE t.id = ANY(:ids) AND ${visible.sql}`, {
      ids,
      ...visible.params,
    });
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Who sees a team's members, as an SQL predicate over a team alias joined to its challenge as `c`: the team's
   * members (every role), the challenge's organizers, the team's tutors, admins (binds `:viewerId`).
   */
  membersVisible(viewer: Viewer, team: string): { sql: string; params: Record<string, unknown> } {
    if (viewer.isAdmin) return { sql: 'TRUE', params: {} };
    if (!viewer.userId) return { sql: 'FALSE', params: {} };
    const viewerId = ':viewerId';
    return {
      sql: `(${memberOfTeam(`${team}.id`, viewerId)} OR ${memberOfOrganization('c.organizer_id', viewerId)} OR ${tutorOfTeam(`${team}.id`, viewerId)})`,
      params: { viewerId: viewer.userId },
    };
  }
}
