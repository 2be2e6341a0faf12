import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { Clock } from '#platform/clock/clock.js';
import { DomainError, isUniqueViolation } from '#platform/errors/domain-error.js';
import { ChallengeAccess } from '../challenges/challenge-access.js';
import { User } from '../identity/user.entity.js';
import { TeamMember, TeamRole } from '../teams/team-member.entity.js';
import { isUuid } from '../validation.js';
import { requireUser, type Viewer } from '../viewer.js';
import { ConsentGivenBy, ConsentPurpose, ConsentRecord } from './consent-record.entity.js';

type Relation = 'self' | 'coach' | 'admin';

/**
 * Consents for optional uses (docs/rules.md: off by default, withdrawable). A STUDENT's own consent is recorded by the
 * student (who thereby declares being 14 or more: the service stores no birth dates); a PARENT's by a coach of one of
 * the student's teams, who holds the signed form. Either of them (or an admin) may withdraw.
 */
@Injectable()
export class ConsentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ChallengeAccess,
    private readonly clock: Clock,
  ) {}

  async record(viewer: Viewer, userId: string, purpose: ConsentPurpose, givenBy: ConsentGivenBy): Promise<ConsentRecord> {
    const me = requireUser(viewer);
    const relation = await this.relationTo(viewer, userId);
    if (!Object.values(ConsentPurpose).includes(purpose)) throw DomainError.badInput('purpose', 'consents.unknownPurpose');
    if (givenBy === ConsentGivenBy.STUDENT && relation !== 'self' && relation !== 'admin') {
      throw DomainError.forbidden('consents.ownOnly');
    }
    if (givenBy === ConsentGivenBy.PARENT && relation !== 'coach' && relation !== 'admin') {
      throw DomainError.forbidden('consents.parentByCoach');
    }
    const target = userId.toLowerCase();
    const repo = this.dataSource.getRepository(ConsentRecord);
    const active = await repo.findOneBy({ userId: target, purpose, withdrawnAt: IsNull() });
    if (active) return active; // already given: nothing changes
    try {
      await repo.insert({ userId: target, purpose, givenBy, recordedById: me.userId, givenAt: this.clock.now(), withdrawnAt: null, withdrawnById: null });
    } catch (error) {
      if (!isUniqueViolation(error, 'uq_consent_record_active')) throw error; // a concurrent twin was first
    }
    return repo.findOneByOrFail({ userId: target, purpose, withdrawnAt: IsNull() });
  }

  /** Withdraws the consent in force; true when one was withdrawn, false when there was none. */
  async withdraw(viewer: Viewer, userId: string, purpose: ConsentPurpose): Promise<boolean> {
    const me = requireUser(viewer);
    await this.relationTo(viewer, userId);
    const result = await this.dataSource
      .getRepository(ConsentRecord)
      .update({ userId: userId.toLowerCase(), purpose, withdrawnAt: IsNull() }, { withdrawnAt: this.clock.now(), withdrawnById: me.userId });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Who the viewer is to the student: themself, a coach of one of their teams, or an admin. Those who see the
   * student's team (its members, organizers, tutors) are FORBIDDEN; for everyone else the user does not exist.
   */
  private async relationTo(viewer: Viewer, userId: string): Promise<Relation> {
    const user = isUuid(userId) ? await this.dataSource.getRepository(User).findOneBy({ id: userId.toLowerCase() }) : null;
    if (!user) throw DomainError.notFound('user');
    if (viewer.userId === user.id) return 'self';
    if (viewer.isAdmin) return 'admin';
    const teams = (await this.dataSource.getRepository(TeamMember).findBy({ userId: user.id })).map((m) => m.teamId);
    const roles = await this.access.teamRoles(viewer, teams);
    if (teams.some((t) => roles.get(t) === TeamRole.COACH)) return 'coach';
    if ((await this.access.teamsWithVisibleMembers(viewer, teams)).size > 0) throw DomainError.forbidden('consents.manageForbidden');
    throw DomainError.notFound('user');
  }
}
