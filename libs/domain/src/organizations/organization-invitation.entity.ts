import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '../identity/user.entity.js';
import { OrganizationRole } from './organization-member.entity.js';
import { Organization } from './organization.entity.js';

export enum OrganizationInvitationStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
}

/**
 * An owner's invitation of a person into an organization (docs/rules.md "Membership is by invitation"). Until the invitee
 * accepts it, it counts for nothing: every rule reads organization_member, which only an accepted invitation (or
 * createOrganization) writes. The rows stay after the decision: who invited whom and when is kept. At most one
 * PENDING invitation per organization and invitee (`uq_organization_invitation_pending`, answered with CONFLICT).
 */
@Entity({ name: 'organization_invitation' })
@Index('uq_organization_invitation_pending', ['organizationId', 'inviteeId'], { unique: true, where: `status = 'PENDING'` })
@Index('ix_organization_invitation_invitee_status', ['inviteeId', 'status'])
@Index('ix_organization_invitation_organization_status', ['organizationId', 'status'])
export class OrganizationInvitation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Relation<Organization>;

  @Column({ type: 'uuid' })
  inviteeId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  invitee?: Relation<User>;

  /** The owner (or platform admin) who invited; null only if that account row is gone. */
  @Column({ type: 'uuid', nullable: true })
  invitedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  invitedBy?: Relation<User> | null;

  @Column({ type: 'enum', enum: OrganizationRole, enumName: 'organization_role' })
  role!: OrganizationRole;

  @Column({ type: 'enum', enum: OrganizationInvitationStatus, enumName: 'organization_invitation_status', default: OrganizationInvitationStatus.PENDING })
  status!: OrganizationInvitationStatus;

  @CreateDateColumn({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  createdAt!: Date;

  /** When the invitee accepted or declined it, or an owner withdrew it. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  decidedAt!: Date | null;

  /** Who decided: the invitee (accept, decline) or the owner who withdrew it. */
  @Column({ type: 'uuid', nullable: true })
  decidedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  decidedBy?: Relation<User> | null;
}
