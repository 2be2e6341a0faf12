import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { TeamRole } from '../teams/team-member.entity.js';
import type { Viewer } from '../viewer.js';
import { ideaAdoptedSql, tutorOfTeamSql } from '../adoption/adoption-access.js';
import { jurorAssignedToIdeaSql, jurorOfChallengeSql } from '../judging/judging-access.js';
import { ChallengeStatus, type Challenge } from './challenge.entity.js';

/**
 * Access grounds that later features own. Each returns an SQL predicate over the given SQL expressions
 * (column references or bound parameters such as `:viewerId` / `$2`); 'FALSE' means "nobody, yet" and lets
 * the batched checks below skip their query. Judging and adoption replace the bodies; every check of
 * challenges, teams and ideas goes through these, so there is exactly one place to change for each.
 */
export const accessHooks = {
  /** HOOK(judging): `userId` is a juror assigned to review the idea `ideaId` (e.g. EXISTS over the assignments). */
  jurorAssignedToIdea: jurorAssignedToIdeaSql,
  /** HOOK(judging): `userId` is a juror of the challenge `challengeId` (used for blind judging). */
  jurorOfChallenge: jurorOfChallengeSql,
  /** HOOK(adoption): `userId` is a company tutor of the team `teamId` (tutors see the team's members and idea). */
  tutorOfTeam: tutorOfTeamSql,
  /** HOOK(adoption): the idea `ideaId` has an ACCEPTED adoption (IdeaFilter.adopted). */
  ideaAdopted: ideaAdoptedSql,
};

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
    if (ids.length === 0) return new Set();
    if (viewer.isAdmin) return new Set(ids);
    if (!viewer.userId) return new Set();
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT t.id FROM team t JOIN challenge c ON c.id = t.challenge_id
        WHERE t.id = ANY($1::uuid[])
          AND (EXISTS (SELECT 1 FROM team_member tm WHERE tm.team_id = t.id AND tm.user_id = $2)
               OR EXISTS (SELECT 1 FROM organization_member om WHERE om.organization_id = c.organizer_id AND om.user_id = $2)
               OR ${accessHooks.tutorOfTeam('t.id', '$2')})`,
      [ids, viewer.userId],
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * The challenges among `challengeIds` whose teams and schools must stay hidden from the viewer: blind judging,
   * and the viewer is one of its jurors (not an organizer, not an admin). No query while judging has no jurors.
   */
  async blindJuryChallenges(viewer: Viewer, challengeIds: readonly string[]): Promise<Set<string>> {
    const ids = uniq(challengeIds);
    const jurorSql = accessHooks.jurorOfChallenge('c.id', '$2');
    if (ids.length === 0 || viewer.isAdmin || !viewer.userId || jurorSql === 'FALSE') return new Set();
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT c.id FROM challenge c
        WHERE c.id = ANY($1::uuid[]) AND c.blind_judging AND ${jurorSql}
          AND NOT EXISTS (SELECT 1 FROM organization_member om WHERE om.organization_id = c.organizer_id AND om.user_id = $2)`,
      [ids, viewer.userId],
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * PRODUCT.md "Who sees an idea", as an SQL predicate over an idea alias and its challenge alias (for lists,
   * counts and single reads alike): its team (members of every role, tutors), the challenge's organizers, the
   * jurors assigned to it, admins; and everyone for SUBMITTED ideas once results are published.
   * Binds `:viewerId` when the viewer is signed in.
   */
  ideaVisibility(viewer: Viewer, idea = 'i', challenge = 'c'): { sql: string; params: Record<string, unknown> } {
    if (viewer.isAdmin) return { sql: 'TRUE', params: {} };
    const published = `(${idea}.status = 'SUBMITTED' AND ${challenge}.status IN (${RESULTS_VISIBLE_STATUSES.map((s) => `'${s}'`).join(', ')}))`;
    if (!viewer.userId) return { sql: published, params: {} };
    const grounds = [
      `EXISTS (SELECT 1 FROM team_member vtm WHERE vtm.team_id = ${idea}.team_id AND vtm.user_id = :viewerId)`,
      `EXISTS (SELECT 1 FROM organization_member vom WHERE vom.organization_id = ${challenge}.organizer_id AND vom.user_id = :viewerId)`,
      accessHooks.jurorAssignedToIdea(`${idea}.id`, ':viewerId'),
      accessHooks.tutorOfTeam(`${idea}.team_id`, ':viewerId'),
      published,
    ].filter((g) => g !== 'FALSE');
    return { sql: `(${grounds.join(' OR ')})`, params: { viewerId: viewer.userId } };
  }
}
