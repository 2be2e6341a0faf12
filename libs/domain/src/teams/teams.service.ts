import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Clock } from '#platform/clock/clock.js';
import { DomainError, ErrorCode, isUniqueViolation } from '#platform/errors/domain-error.js';
import { projectionOf, readRows } from '#platform/database/sql-reads.js';
import { recordEvents } from '#platform/outbox/outbox.js';
import { assertPageSize, countOnlyPage, CursorCodec, type Page } from '#platform/pagination/cursor.js';
import { ChallengeAccess } from '../challenges/challenge-access.js';
import { Challenge, ChallengeFormat, ChallengeStatus } from '../challenges/challenge.entity.js';
import { keyset } from '../challenges/challenges.service.js';
import { IdeaReads } from '../ideas/idea-reads.js';
import { Organization, OrganizationKind } from '../organizations/organization.entity.js';
import { check, checkInput, isUuid } from '../validation.js';
import { requireUser, selfAmong, type Viewer } from '../viewer.js';
import { generateJoinCode, normalizeJoinCode } from './join-code.js';
import { TeamMember, TeamRole } from './team-member.entity.js';
import { Team } from './team.entity.js';

export const TEAM_MEMBER_JOINED = 'team.member_joined';
export interface TeamMemberJoinedPayload {
  teamId: string;
  userId: string;
}

export interface CreateTeamData {
  challengeId: string;
  name: string;
  schoolId?: string | null;
  className?: string | null;
}

export const TEAM_LIMITS = { name: [1, 120], className: 60 } as const;

const ORDER = { columns: ['t.created_at', 't.id'], directions: ['ASC', 'ASC'] as ('ASC' | 'DESC')[] };

/** Roles that lead a team: they see the join code, remove others, submit and withdraw the idea. */
export const LEAD_ROLES: readonly TeamRole[] = [TeamRole.COACH, TeamRole.CAPTAIN];

/** What to read with a team (see TeamsService.getWith). */
export interface TeamIncludes {
  school?: boolean;
  memberCount?: boolean;
}

/** A team with what was asked for; what was not asked for is undefined. */
export interface TeamWith {
  team: Team;
  school?: Organization | null;
  memberCount?: number;
}

@Injectable()
export class TeamsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ChallengeAccess,
    private readonly clock: Clock,
    private readonly cursors: CursorCodec,
    private readonly ideaReads: IdeaReads,
  ) {}

  /**
   * SCHOOL_CLIMATHON: a member of the SCHOOL organization `schoolId` creates the team and becomes its COACH.
   * OPEN_HACKATHON: anyone creates one and becomes CAPTAIN (their one team of the challenge); `schoolId` is optional,
   * and when given the caller must be a member of that school too.
   */
  async create(viewer: Viewer, input: CreateTeamData): Promise<Team> {
    const user = requireUser(viewer);
    const challenge = await this.visibleChallenge(viewer, input.challengeId);
    const schoolId = input.schoolId ?? null;
    const { name, className } = checkInput((field) => ({
      name: field(() => check.line('name', input.name, ...TEAM_LIMITS.name)),
      className: field(() => check.optionalLine('className', input.className, TEAM_LIMITS.className)),
      school: field(() => {
        if (challenge.format === ChallengeFormat.SCHOOL_CLIMATHON && !schoolId) throw DomainError.badInput('schoolId', 'teams.schoolRequired');
      }),
    }));
    let school: Organization | null = null;
    if (schoolId) {
      school = isUuid(schoolId) ? await this.dataSource.getRepository(Organization).findOneBy({ id: schoolId }) : null;
      if (!school) throw DomainError.notFound('school');
      if (school.kind !== OrganizationKind.SCHOOL) throw DomainError.badInput('schoolId', 'teams.notASchool');
    }
    const role = challenge.format === ChallengeFormat.SCHOOL_CLIMATHON ? TeamRole.COACH : TeamRole.CAPTAIN;
    // In both formats: a team shown as a school's steers the conflicts of judging, so only its members may claim it.
    if (school && !(await this.access.isOrganizationMember(viewer, school.id))) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'teams.schoolMembersOnly', {}, { field: 'schoolId' });
    }
    this.assertTeamsOpen(challenge);

    for (let attempt = 0; ; attempt++) {
      try {
        return await this.dataSource.transaction(async (manager) => {
          const team = await manager.save(Team, manager.create(Team, { challengeId: challenge.id, name, schoolId: school?.id ?? null, className, joinCode: generateJoinCode() }));
          await manager.insert(TeamMember, { teamId: team.id, userId: user.userId, challengeId: challenge.id, role });
          return team;
        });
      } catch (error) {
        if (isUniqueViolation(error, 'uq_team_join_code') && attempt < 5) continue; // 2^-50 per pair, but never fail on it
        if (isUniqueViolation(error, 'uq_team_member_challenge_user')) throw DomainError.conflict('teams.alreadyInChallenge');
        throw error;
      }
    }
  }

  /**
   * Joins the team of the code as STUDENT. The team row is locked before counting, so concurrent joins never
   * take the team over maxTeamSize (coaches included); one team per user and challenge (CONFLICT).
   */
  async join(viewer: Viewer, joinCode: string): Promise<Team> {
    const user = requireUser(viewer);
    const code = normalizeJoinCode(joinCode ?? '');
    if (code.length === 0 || code.length > 64) throw DomainError.notFound('team');
    try {
      return await this.dataSource.transaction(async (manager) => {
        const team = await manager.getRepository(Team).createQueryBuilder('t').setLock('pessimistic_write').where('t.join_code = :code', { code }).getOne();
        if (!team) throw DomainError.notFound('team');
        // Shared lock: an organizer lowering maxTeamSize (row locked for update) waits for this join or is seen by it.
        const challenge = await manager.getRepository(Challenge).createQueryBuilder('c').setLock('pessimistic_read').where('c.id = :id', { id: team.challengeId }).getOneOrFail();
        this.assertTeamsOpen(challenge);
        const mine = await manager.find(TeamMember, { where: { challengeId: challenge.id, userId: user.userId } });
        if (mine.some((m) => m.teamId === team.id)) throw DomainError.conflict('teams.alreadyMember');
        if (mine.some((m) => m.role !== TeamRole.COACH)) throw DomainError.conflict('teams.alreadyInChallenge');
        const size = await manager.count(TeamMember, { where: { teamId: team.id } });
        if (size >= challenge.maxTeamSize) throw DomainError.precondition('teams.full', { max: challenge.maxTeamSize });
        await manager.insert(TeamMember, { teamId: team.id, userId: user.userId, challengeId: challenge.id, role: TeamRole.STUDENT });
        await recordEvents(manager, [{ type: TEAM_MEMBER_JOINED, payload: { teamId: team.id, userId: user.userId } satisfies TeamMemberJoinedPayload }]);
        return team;
      });
    } catch (error) {
      // The same user joining two teams at once: the partial unique index lets one through.
      if (isUniqueViolation(error)) throw DomainError.conflict('teams.alreadyInChallenge');
      throw error;
    }
  }

  /** Coaches and the captain remove others; anyone removes themself; the captain and the last coach stay. */
  async removeMember(viewer: Viewer, teamId: string, userId: string): Promise<Team> {
    requireUser(viewer);
    const team = await this.get(viewer, teamId);
    return this.dataSource.transaction(async (manager) => {
      // The team row lock serializes removals, so two coaches cannot remove each other at once.
      await manager.getRepository(Team).createQueryBuilder('t').setLock('pessimistic_write').where('t.id = :id', { id: team.id }).getOne();
      const members = await manager.find(TeamMember, { where: { teamId: team.id } });
      const own = members.find((m) => m.userId === viewer.userId);
      const self = viewer.userId === userId;
      if (!self && !viewer.isAdmin && !(own && LEAD_ROLES.includes(own.role))) {
        throw DomainError.forbidden('teams.removeForbidden');
      }
      const target = isUuid(userId) ? members.find((m) => m.userId === userId.toLowerCase()) : undefined;
      if (!target) throw DomainError.notFound('teamMember');
      if (target.role === TeamRole.CAPTAIN) throw DomainError.precondition('teams.captainStays');
      if (target.role === TeamRole.COACH && members.filter((m) => m.role === TeamRole.COACH).length === 1) {
        throw DomainError.precondition('teams.lastCoachStays');
      }
      await manager.delete(TeamMember, { teamId: team.id, userId: target.userId });
      return team;
    });
  }

  /** A team as the viewer may see it: teams are public once their challenge is (NOT_FOUND otherwise). */
  async get(viewer: Viewer, id: string): Promise<Team> {
    return (await this.getWith(viewer, id, {})).team;
  }

  /**
   * A team of a challenge the viewer may see (NOT_FOUND otherwise), read with its challenge and what `include` asks
   * for in one statement (every team page starts here): its school, null where it has none or where blind judging
   * hides it from the viewer (as Team.school does), and its member count.
   */
  async getWith(viewer: Viewer, id: string, include: TeamIncludes): Promise<TeamWith> {
    if (!isUuid(id)) throw DomainError.notFound('team');
    const team = projectionOf(this.dataSource, Team, 't', 'team.');
    const challenge = projectionOf(this.dataSource, Challenge, 'c', 'challenge.');
    const school = projectionOf(this.dataSource, Organization, 's', 'school.');
    const columns = [team.select, challenge.select];
    const params: Record<string, unknown> = { id };
    let joins = 'JOIN challenge c ON c.id = t.challenge_id';
    if (include.school) {
      const hidden = this.ideaReads.teamHidden(viewer, 'c');
      columns.push(school.select, `${hidden.sql} AS "schoolHidden"`);
      Object.assign(params, hidden.params);
      joins += ' LEFT JOIN organization s ON s.id = t.school_id';
    }
    if (include.memberCount) columns.push('(SELECT count(*)::int FROM team_member tm WHERE tm.team_id = t.id) AS "memberCount"');
    const [row] = await readRows(this.dataSource, `SELECT ${columns.join(', ')} FROM team t ${joins} WHERE t.id = :id`, params);
    if (!row || !(await this.access.canSeeChallenge(viewer, challenge.read(row)!))) throw DomainError.notFound('team');
    const found: TeamWith = { team: team.read(row)! };
    if (include.school) found.school = row.schoolHidden ? null : school.read(row);
    if (include.memberCount) found.memberCount = row.memberCount as number;
    return found;
  }

  /** The viewer's teams across challenges, newest first. */
  /** User.teams: myTeams of each user, for the viewer only (everyone else's read as none, for admins too). */
  async teamsOf(viewer: Viewer, userIds: readonly string[]): Promise<Map<string, Team[]>> {
    const self = selfAmong(viewer, userIds);
    return new Map(self ? [[self, await this.mine(viewer)]] : []);
  }

  async mine(viewer: Viewer): Promise<Team[]> {
    const user = requireUser(viewer);
    return this.dataSource
      .getRepository(Team)
      .createQueryBuilder('t')
      .where('t.id IN (SELECT tm.team_id FROM team_member tm WHERE tm.user_id = :userId)', { userId: user.userId })
      .orderBy('t.created_at', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .getMany();
  }

  /**
   * The teams of a challenge the caller already sees, in creation order. Under blind judging a juror who does not
   * organize the challenge gets the count only (docs/rules.md "Ideas"): no names, classes or schools, no cursors.
   */
  async listByChallenge(viewer: Viewer, challengeId: string, args: { first?: number | null; after?: string | null }): Promise<Page<Team>> {
    const first = assertPageSize(args.first);
    const list = `Challenge.teams:${challengeId}`;
    const after = args.after ? this.cursors.decodeKeyed(list, args.after, 'time') : null;
    const query = this.dataSource.getRepository(Team).createQueryBuilder('t').where('t.challenge_id = :challengeId', { challengeId });
    const [totalCount, blind] = await Promise.all([query.clone().getCount(), this.ideaReads.blindChallenges(viewer, [challengeId])]);
    if (blind.has(challengeId)) return countOnlyPage(totalCount);
    if (after) query.andWhere(...keyset(ORDER, after));
    const rows = await query
      .orderBy('t.created_at', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .limit(first + 1)
      .getMany();
    return this.cursors.page(list, rows, first, totalCount, (t) => [t.createdAt.toISOString(), t.id]);
  }

  async byIds(ids: readonly string[]): Promise<Team[]> {
    const valid = [...new Set(ids)].filter(isUuid);
    return valid.length ? this.dataSource.getRepository(Team).findBy({ id: In(valid) }) : [];
  }

  /** Members per team, counted (teams without members are absent). */
  async memberCounts(teamIds: readonly string[]): Promise<Map<string, number>> {
    if (teamIds.length === 0) return new Map();
    const rows: { team_id: string; members: number }[] = await this.dataSource.query(
      'SELECT team_id, count(*)::int AS members FROM team_member WHERE team_id = ANY($1::uuid[]) GROUP BY team_id',
      [teamIds],
    );
    return new Map(rows.map((row) => [row.team_id, row.members]));
  }

  /** The join codes the viewer may see: their teams where they are COACH or CAPTAIN (all for admins). */
  async joinCodesVisibleTo(viewer: Viewer, teams: readonly Pick<Team, 'id' | 'joinCode'>[]): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    if (viewer.isAdmin) {
      for (const t of teams) result.set(t.id, t.joinCode);
      return result;
    }
    const roles = await this.access.teamRoles(
      viewer,
      teams.map((t) => t.id),
    );
    for (const t of teams) if (LEAD_ROLES.includes(roles.get(t.id)!)) result.set(t.id, t.joinCode);
    return result;
  }

  /** Teams can be created and joined while PUBLISHED and before submissionClosesAt. */
  private assertTeamsOpen(challenge: Challenge): void {
    if (challenge.status !== ChallengeStatus.PUBLISHED) throw DomainError.precondition('teams.notFormable', { status: challenge.status });
    if (this.clock.now().getTime() >= challenge.submissionClosesAt.getTime()) throw DomainError.precondition('teams.submissionsClosed');
  }

  private async visibleChallenge(viewer: Viewer, id: string, manager: EntityManager = this.dataSource.manager): Promise<Challenge> {
    const challenge = isUuid(id) ? await manager.findOneBy(Challenge, { id }) : null;
    if (!challenge || !(await this.access.canSeeChallenge(viewer, challenge, manager))) throw DomainError.notFound('challenge');
    return challenge;
  }
}
