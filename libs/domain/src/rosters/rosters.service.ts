import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Clock } from '#platform/clock/clock.js';
import { hashPassword } from '#platform/crypto/passwords.js';
import { DomainError, isUniqueViolation } from '#platform/errors/domain-error.js';
import { ChallengeAccess } from '../challenges/challenge-access.js';
import { Challenge, ChallengeFormat, ChallengeStatus } from '../challenges/challenge.entity.js';
import { SessionRevocation } from '../identity/session-revocation.js';
import { User } from '../identity/user.entity.js';
import { OrganizationMember, OrganizationRole } from '../organizations/organization-member.entity.js';
import { Organization, OrganizationKind } from '../organizations/organization.entity.js';
import { TeamMember, TeamRole } from '../teams/team-member.entity.js';
import { Team } from '../teams/team.entity.js';
import { check, checkInput, isUuid } from '../validation.js';
import { requireUser, type Viewer } from '../viewer.js';
import { DataProcessingAgreement } from './data-processing-agreement.entity.js';
import { checkRosterName, generateSignInCode, MAX_ROSTER_STUDENTS, usernameCandidate } from './roster-credentials.js';
import { RosterStudent } from './roster-student.entity.js';

/** One line of the printable sheet: shown once, the code exists nowhere else in clear. */
export interface RosterCredential {
  user: User;
  username: string;
  displayName: string;
  code: string;
  team: Team;
  school: Organization;
  challenge: Challenge;
}

export interface RosterSheet {
  team: Team;
  school: Organization;
  challenge: Challenge;
  students: RosterCredential[];
}

export const DPA_VERSION_MAX = 40;

@Injectable()
export class RostersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ChallengeAccess,
    private readonly clock: Clock,
    private readonly sessions: SessionRevocation,
  ) {}

  /**
   * An OWNER of a SCHOOL accepts the data-processing agreement `version` (who, when, which version are kept). Accepting
   * a version already accepted changes nothing and answers the acceptance on record.
   */
  async acceptDataProcessingAgreement(viewer: Viewer, organizationId: string, versionInput: string): Promise<DataProcessingAgreement> {
    const user = requireUser(viewer);
    const organization = isUuid(organizationId) ? await this.dataSource.getRepository(Organization).findOneBy({ id: organizationId }) : null;
    if (!organization) throw DomainError.notFound('organization');
    if (!viewer.isAdmin) {
      const own = await this.dataSource.getRepository(OrganizationMember).findOneBy({ organizationId: organization.id, userId: user.userId });
      if (own?.role !== OrganizationRole.OWNER) throw DomainError.forbidden('rosters.dpaOwnerOnly');
    }
    if (organization.kind !== OrganizationKind.SCHOOL) throw DomainError.precondition('rosters.dpaSchoolOnly');
    const version = check.text('version', String(versionInput ?? ''), 1, DPA_VERSION_MAX);
    const repo = this.dataSource.getRepository(DataProcessingAgreement);
    try {
      await repo.insert({ organizationId: organization.id, version, acceptedById: user.userId, acceptedAt: this.clock.now() });
    } catch (error) {
      if (!isUniqueViolation(error, 'uq_data_processing_agreement_version')) throw error;
    }
    return repo.findOneByOrFail({ organizationId: organization.id, version });
  }

  /** The agreement in force (the latest accepted) per organization, for organizations whose members the viewer is (all for admins). */
  async agreementsVisibleTo(viewer: Viewer, organizationIds: readonly string[]): Promise<Map<string, DataProcessingAgreement>> {
    const ids = [...new Set(organizationIds)].filter(isUuid);
    const result = new Map<string, DataProcessingAgreement>();
    if (ids.length === 0 || !viewer.userId) return result;
    let visible = ids;
    if (!viewer.isAdmin) {
      const rows = await this.dataSource.getRepository(OrganizationMember).findBy({ organizationId: In(ids), userId: viewer.userId });
      visible = rows.map((r) => r.organizationId);
    }
    if (visible.length === 0) return result;
    const agreements = await this.dataSource.getRepository(DataProcessingAgreement).find({ where: { organizationId: In(visible) }, order: { acceptedAt: 'ASC', id: 'ASC' } });
    for (const a of agreements) result.set(a.organizationId, a);
    return result;
  }

  /**
   * A coach of a SCHOOL_CLIMATHON team creates its students: no email, a generated username, a one-time code
   * (returned here only, stored as an argon2id hash) and the coach's attestation per student. All or nothing.
   */
  async addStudents(
    viewer: Viewer,
    input: { teamId: string; students: readonly { displayName: string }[]; guardianConsentConfirmed: boolean; privacyNoticeVersion?: string | null },
  ): Promise<RosterSheet> {
    const user = requireUser(viewer);
    const { team, challenge } = await this.visibleTeam(viewer, input.teamId);
    await this.assertCoach(viewer, team);
    if (challenge.format !== ChallengeFormat.SCHOOL_CLIMATHON || !team.schoolId) throw DomainError.precondition('rosters.schoolClimathonOnly');

    const students: readonly { displayName: string }[] = Array.isArray(input.students) ? input.students : [];
    // Every invalid field at once: `field` is the first, `fields` lists them all.
    const { names, noticeVersion } = checkInput((field) => {
      field(() => {
        if (input.guardianConsentConfirmed !== true) throw DomainError.badInput('guardianConsentConfirmed', 'rosters.consentRequired');
      });
      field(() => {
        if (students.length === 0 || students.length > MAX_ROSTER_STUDENTS) throw DomainError.badInput('students', 'rosters.studentCount', { max: MAX_ROSTER_STUDENTS });
      });
      return {
        names: students
          .slice(0, MAX_ROSTER_STUDENTS)
          .map((s, i) => field(() => checkRosterName(`students[${i}].displayName`, (s as { displayName?: unknown } | null)?.displayName))),
        noticeVersion: field(() => check.optionalText('privacyNoticeVersion', input.privacyNoticeVersion, DPA_VERSION_MAX)),
      };
    });

    const school = await this.dataSource.getRepository(Organization).findOneByOrFail({ id: team.schoolId });
    const agreement = (await this.agreementsVisibleTo({ userId: user.userId, isAdmin: true }, [school.id])).get(school.id);
    if (!agreement) throw DomainError.precondition('rosters.noAgreement');

    const codes = students.map(() => generateSignInCode());
    // argon2id of each code, on the thread pool: ~20 ms of CPU each, run before any lock is taken.
    const hashes = await Promise.all(codes.map((code) => hashPassword(code.replace(/-/g, ''))));
    const privacyNoticeVersion = noticeVersion ?? agreement.version;

    for (let round = 0; ; round++) {
      try {
        const created = await this.dataSource.transaction(async (manager) => {
          await this.lockTeam(manager, team.id);
          const locked = await manager.getRepository(Challenge).createQueryBuilder('c').setLock('pessimistic_read').where('c.id = :id', { id: challenge.id }).getOneOrFail();
          this.assertTeamsOpen(locked);
          const size = await manager.count(TeamMember, { where: { teamId: team.id } });
          if (size + students.length > locked.maxTeamSize) {
            throw DomainError.precondition('rosters.teamWouldExceed', { max: locked.maxTeamSize, size }, { maxTeamSize: locked.maxTeamSize, members: size });
          }
          const rostered = await manager.count(RosterStudent, { where: { teamId: team.id } });
          if (rostered + students.length > MAX_ROSTER_STUDENTS) {
            throw DomainError.precondition(
              'rosters.rosterLimit',
              { max: MAX_ROSTER_STUDENTS, count: rostered },
              {
                maxRosterStudents: MAX_ROSTER_STUDENTS,
                rosterStudents: rostered,
              },
            );
          }
          const usernames = await this.freshUsernames(manager, school.name, names, round);
          const now = this.clock.now();
          const users = await manager.save(
            User,
            names.map((displayName, i) =>
              manager.create(User, { email: null, passwordHash: null, username: usernames[i], displayName, locale: 'it', isAdmin: false, emailVerifiedAt: null }),
            ),
          );
          await manager.insert(
            RosterStudent,
            users.map((u, i) => ({
              userId: u.id,
              teamId: team.id,
              schoolId: school.id,
              codeHash: hashes[i],
              codeIssuedAt: now,
              attestedById: user.userId,
              attestedAt: now,
              privacyNoticeVersion,
            })),
          );
          await manager.insert(
            TeamMember,
            users.map((u) => ({ teamId: team.id, userId: u.id, challengeId: challenge.id, role: TeamRole.STUDENT })),
          );
          return users;
        });
        return {
          team,
          school,
          challenge,
          students: created.map((u, i) => ({ user: u, username: u.username!, displayName: u.displayName, code: codes[i], team, school, challenge })),
        };
      } catch (error) {
        // Two rosters racing for the same username: try again with longer suffixes.
        if (isUniqueViolation(error, 'uq_app_user_username') && round < 4) continue;
        throw error;
      }
    }
  }

  /**
   * A coach of the student's roster team issues a new code: the old one stops working at once, any password the
   * student chose is cleared (the code is how a student without email gets back in) and their sessions end.
   */
  async resetStudentCode(viewer: Viewer, userId: string): Promise<RosterCredential> {
    requireUser(viewer);
    const roster = isUuid(userId) ? await this.dataSource.getRepository(RosterStudent).findOneBy({ userId: userId.toLowerCase() }) : null;
    if (!roster) throw DomainError.notFound('student');
    const team = await this.dataSource.getRepository(Team).findOneByOrFail({ id: roster.teamId });
    if (!viewer.isAdmin) {
      const roles = await this.access.teamRoles(viewer, [team.id]);
      if (roles.get(team.id) !== TeamRole.COACH) {
        // Who may see the team's members sees the student (FORBIDDEN); for everyone else the student does not exist.
        const sees = (await this.access.teamsWithVisibleMembers(viewer, [team.id])).has(team.id);
        throw sees ? DomainError.forbidden('rosters.resetCoachOnly') : DomainError.notFound('student');
      }
    }
    const code = generateSignInCode();
    const codeHash = await hashPassword(code.replace(/-/g, ''));
    const revoked = await this.dataSource.transaction(async (manager) => {
      await manager.update(RosterStudent, { userId: roster.userId }, { codeHash, codeIssuedAt: this.clock.now() });
      await manager.update(User, { id: roster.userId }, { passwordHash: null });
      return this.sessions.revokeInTransaction(manager, roster.userId, 'all');
    });
    await this.sessions.announce(revoked);
    const [student, school, challenge] = await Promise.all([
      this.dataSource.getRepository(User).findOneByOrFail({ id: roster.userId }),
      this.dataSource.getRepository(Organization).findOneByOrFail({ id: roster.schoolId }),
      this.dataSource.getRepository(Challenge).findOneByOrFail({ id: team.challengeId }),
    ]);
    return { user: student, username: student.username!, displayName: student.displayName, code, team, school, challenge };
  }

  /** Usernames not yet taken, one per name (distinct within the batch too); longer random suffixes on later rounds. */
  private async freshUsernames(manager: EntityManager, schoolName: string, names: readonly string[], round: number): Promise<string[]> {
    const chosen: string[] = [];
    const taken = new Set<string>();
    for (let pass = 0; chosen.length < names.length; pass++) {
      const suffixLength = 2 + round + Math.floor(pass / 2);
      const candidates = names.slice(chosen.length).map((n) => usernameCandidate(schoolName, n, suffixLength));
      const existing: { username: string }[] = await manager.query(`SELECT username FROM app_user WHERE username = ANY($1::text[])`, [candidates]);
      for (const e of existing) taken.add(e.username);
      for (const candidate of candidates) {
        if (taken.has(candidate)) break; // the rest are drawn again in the next pass, in order
        taken.add(candidate);
        chosen.push(candidate);
      }
    }
    return chosen;
  }

  private async visibleTeam(viewer: Viewer, teamId: string): Promise<{ team: Team; challenge: Challenge }> {
    const team = isUuid(teamId) ? await this.dataSource.getRepository(Team).findOneBy({ id: teamId }) : null;
    if (!team) throw DomainError.notFound('team');
    const challenge = await this.dataSource.getRepository(Challenge).findOneByOrFail({ id: team.challengeId });
    if (!(await this.access.canSeeChallenge(viewer, challenge))) throw DomainError.notFound('team');
    return { team, challenge };
  }

  private async assertCoach(viewer: Viewer, team: Team): Promise<void> {
    if (viewer.isAdmin) return;
    const roles = await this.access.teamRoles(viewer, [team.id]);
    if (roles.get(team.id) !== TeamRole.COACH) throw DomainError.forbidden('rosters.coachOnly');
  }

  private async lockTeam(manager: EntityManager, teamId: string): Promise<void> {
    await manager.getRepository(Team).createQueryBuilder('t').setLock('pessimistic_write').where('t.id = :id', { id: teamId }).getOne();
  }

  /** As for joining: while PUBLISHED and before submissions close. */
  private assertTeamsOpen(challenge: Challenge): void {
    if (challenge.status !== ChallengeStatus.PUBLISHED) throw DomainError.precondition('teams.notFormable', { status: challenge.status });
    if (this.clock.now().getTime() >= challenge.submissionClosesAt.getTime()) throw DomainError.precondition('teams.submissionsClosed');
  }
}
