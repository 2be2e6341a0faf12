import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Clock } from '#platform/clock/clock.js';
import { DomainError, isUniqueViolation } from '#platform/errors/domain-error.js';
import { recordEvents } from '#platform/outbox/outbox.js';
import { User } from '../identity/user.entity.js';
import { check, isUuid } from '../validation.js';
import { requireUser, selfAmong, type AuthenticatedViewer, type Viewer } from '../viewer.js';
import { OrganizationInvitation, OrganizationInvitationStatus } from './organization-invitation.entity.js';
import { OrganizationMember, OrganizationRole } from './organization-member.entity.js';
import { Organization } from './organization.entity.js';
import { ORGANIZATION_MEMBER_ADDED, type OrganizationMemberAddedPayload } from './organizations.service.js';

/** What the invitee or an owner sees of an invitation they have no pending one for: nothing exists. */
const noInvitation = () => DomainError.notFound('invitation');

/**
 * Membership by invitation (docs/rules.md "Membership is by invitation"): an OWNER (or a platform admin) invites an
 * existing user with addOrganizationMember; the invitee accepts (then, and only then, a member) or declines; an
 * owner may withdraw a pending invitation. Every decision keeps the row, with who decided and when.
 *
 * Decisions where docs/rules.md is silent:
 * - Inviting someone who already has a PENDING invitation to the organization is CONFLICT (withdraw it first to
 *   change the role); inviting a member is CONFLICT as before.
 * - Accepting, declining or withdrawing when there is no PENDING invitation (never invited, already decided, unknown
 *   or malformed organization or user id) is NOT_FOUND (notFound.invitation), the same answer in every case.
 * - Organizations are public, so withdrawing by someone who is not an owner is FORBIDDEN.
 */
@Injectable()
export class OrganizationInvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** addOrganizationMember: records a PENDING invitation and tells the invitee (ORGANIZATION_MEMBER_ADDED). */
  async invite(viewer: Viewer, input: { organizationId: string; email: string; role?: OrganizationRole | null }): Promise<Organization> {
    const user = requireUser(viewer);
    const organization = await this.organization(input.organizationId);
    const email = check.email('email', input.email);
    const role = input.role ?? OrganizationRole.MEMBER;
    return this.dataSource.transaction(async (manager) => {
      await this.assertOwner(manager, viewer, organization.id, 'organizations.ownerOnlyInvitations');
      const invitee = await manager.findOneBy(User, { email });
      if (!invitee) throw DomainError.notFound('user');
      if (await manager.existsBy(OrganizationMember, { organizationId: organization.id, userId: invitee.id })) {
        throw DomainError.conflict('organizations.alreadyMember');
      }
      let invitation: OrganizationInvitation;
      try {
        invitation = await manager.save(
          OrganizationInvitation,
          manager.create(OrganizationInvitation, { organizationId: organization.id, inviteeId: invitee.id, invitedById: user.userId, role }),
        );
      } catch (error) {
        if (isUniqueViolation(error, 'uq_organization_invitation_pending')) throw DomainError.conflict('organizations.alreadyInvited');
        throw error;
      }
      const payload: OrganizationMemberAddedPayload = { organizationId: organization.id, userId: invitee.id, role, addedBy: user.userId, invitationId: invitation.id };
      await recordEvents(manager, [{ type: ORGANIZATION_MEMBER_ADDED, payload: { ...payload } }]);
      return organization;
    });
  }

  /** The invitee accepts their pending invitation: from now on a member, with the invitation's role. */
  async accept(viewer: Viewer, organizationId: string): Promise<Organization> {
    const user = requireUser(viewer);
    return this.dataSource.transaction(async (manager) => {
      const invitation = await this.lockPending(manager, organizationId, user.userId);
      try {
        await manager.insert(OrganizationMember, { organizationId: invitation.organizationId, userId: user.userId, role: invitation.role });
      } catch (error) {
        if (isUniqueViolation(error)) throw DomainError.conflict('organizations.youAreAlreadyMember');
        throw error;
      }
      await this.decide(manager, invitation, OrganizationInvitationStatus.ACCEPTED, user);
      return manager.findOneByOrFail(Organization, { id: invitation.organizationId });
    });
  }

  /** The invitee declines their pending invitation; it stays, DECLINED. */
  async decline(viewer: Viewer, organizationId: string): Promise<OrganizationInvitation> {
    const user = requireUser(viewer);
    return this.dataSource.transaction(async (manager) => {
      const invitation = await this.lockPending(manager, organizationId, user.userId);
      return this.decide(manager, invitation, OrganizationInvitationStatus.DECLINED, user);
    });
  }

  /** An owner (or a platform admin) withdraws the pending invitation of `userId`; it stays, WITHDRAWN. */
  async withdraw(viewer: Viewer, organizationId: string, userId: string): Promise<OrganizationInvitation> {
    const user = requireUser(viewer);
    const organization = await this.organization(organizationId);
    return this.dataSource.transaction(async (manager) => {
      await this.assertOwner(manager, viewer, organization.id, 'organizations.ownerOnlyWithdraw');
      const invitation = await this.lockPending(manager, organization.id, userId);
      return this.decide(manager, invitation, OrganizationInvitationStatus.WITHDRAWN, user);
    });
  }

  /** Organization.invitations: the pending invitations, oldest first, for the organization's owners and admins; none for anyone else. */
  async pendingVisibleTo(viewer: Viewer, organizationIds: readonly string[]): Promise<Map<string, OrganizationInvitation[]>> {
    const ids = [...new Set(organizationIds)].filter(isUuid);
    const result = new Map<string, OrganizationInvitation[]>();
    if (ids.length === 0 || !viewer.userId) return result;
    const owned = viewer.isAdmin
      ? ids
      : (
          await this.dataSource.getRepository(OrganizationMember).find({
            select: { organizationId: true },
            where: { userId: viewer.userId, organizationId: In(ids), role: OrganizationRole.OWNER },
          })
        ).map((m) => m.organizationId);
    if (owned.length === 0) return result;
    const rows = await this.dataSource.getRepository(OrganizationInvitation).find({
      where: { organizationId: In(owned), status: OrganizationInvitationStatus.PENDING },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    for (const row of rows) result.set(row.organizationId, [...(result.get(row.organizationId) ?? []), row]);
    return result;
  }

  /** myInvitations: the viewer's pending invitations, newest first. */
  async mine(viewer: Viewer): Promise<OrganizationInvitation[]> {
    const user = requireUser(viewer);
    return (await this.pendingOf(viewer, [user.userId])).get(user.userId) ?? [];
  }

  /** User.invitations: the pending invitations of each user, newest first; only the viewer's own (others read as none, for admins too). */
  async pendingOf(viewer: Viewer, userIds: readonly string[]): Promise<Map<string, OrganizationInvitation[]>> {
    const self = selfAmong(viewer, userIds);
    if (!self) return new Map();
    const rows = await this.dataSource.getRepository(OrganizationInvitation).find({
      where: { inviteeId: self, status: OrganizationInvitationStatus.PENDING },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    return new Map([[self, rows]]);
  }

  private async organization(id: string): Promise<Organization> {
    const organization = isUuid(id) ? await this.dataSource.getRepository(Organization).findOneBy({ id }) : null;
    if (!organization) throw DomainError.notFound('organization');
    return organization;
  }

  private async assertOwner(
    manager: EntityManager,
    viewer: Viewer,
    organizationId: string,
    key: 'organizations.ownerOnlyInvitations' | 'organizations.ownerOnlyWithdraw',
  ): Promise<void> {
    if (viewer.isAdmin) return;
    const own = await manager.findOneBy(OrganizationMember, { organizationId, userId: viewer.userId! });
    if (own?.role !== OrganizationRole.OWNER) throw DomainError.forbidden(key);
  }

  /** The PENDING invitation of (organization, invitee), locked; NOT_FOUND (notFound.invitation) when there is none. */
  private async lockPending(manager: EntityManager, organizationId: string, inviteeId: string): Promise<OrganizationInvitation> {
    if (!isUuid(organizationId) || !isUuid(inviteeId)) throw noInvitation();
    const invitation = await manager
      .getRepository(OrganizationInvitation)
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.organization_id = :organizationId AND i.invitee_id = :inviteeId AND i.status = :status', {
        organizationId,
        inviteeId: inviteeId.toLowerCase(),
        status: OrganizationInvitationStatus.PENDING,
      })
      .getOne();
    if (!invitation) throw noInvitation();
    return invitation;
  }

  private async decide(manager: EntityManager, invitation: OrganizationInvitation, status: OrganizationInvitationStatus, by: AuthenticatedViewer): Promise<OrganizationInvitation> {
    const decidedAt = this.clock.now();
    await manager.update(OrganizationInvitation, { id: invitation.id }, { status, decidedAt, decidedById: by.userId });
    return { ...invitation, status, decidedAt, decidedById: by.userId };
  }
}
