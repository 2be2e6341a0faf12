import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { User } from '../identity/user.entity.js';
import { Organization } from './organization.entity.js';

export enum OrganizationRole {
  OWNER = 'OWNER',
  MEMBER = 'MEMBER',
}

@Entity({ name: 'organization_member' })
@Index('ix_organization_member_user', ['userId'])
export class OrganizationMember {
  @PrimaryColumn({ type: 'uuid' })
  organizationId!: string;

  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Relation<Organization>;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: Relation<User>;

  @Column({ type: 'enum', enum: OrganizationRole, enumName: 'organization_role', default: OrganizationRole.MEMBER })
  role!: OrganizationRole;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
