import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Idea } from '../ideas/idea.entity.js';
import { User } from '../identity/user.entity.js';
import { Organization } from '../organizations/organization.entity.js';

export enum AdoptionStatus {
  PROPOSED = 'PROPOSED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
  COMPLETED = 'COMPLETED',
}

/**
 * A sponsor company's proposal to adopt an idea. Two partial unique indexes keep the rules in the database:
 * at most one ACCEPTED adoption per idea (`uq_adoption_idea_accepted`, the guarantee under concurrent accepts)
 * and one open proposal per company and idea (`uq_adoption_open_proposal`); both are answered with CONFLICT.
 */
@Entity({ name: 'adoption' })
@Index('uq_adoption_idea_accepted', ['ideaId'], { unique: true, where: `status = 'ACCEPTED'` })
@Index('uq_adoption_open_proposal', ['ideaId', 'companyId'], { unique: true, where: `status = 'PROPOSED'` })
@Index('ix_adoption_idea_created', ['ideaId', 'createdAt', 'id'])
@Index('ix_adoption_company_created', ['companyId', 'createdAt', 'id'])
export class Adoption {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  ideaId!: string;

  @ManyToOne(() => Idea, { onDelete: 'CASCADE' })
  idea?: Relation<Idea>;

  @Column({ type: 'uuid' })
  companyId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  company?: Relation<Organization>;

  @Column({ type: 'uuid' })
  proposedById!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  proposedBy?: Relation<User>;

  @Column({ type: 'text' })
  message!: string;

  /** What the company commits to, e.g. '20 hours of mentoring, 2 internships'. */
  @Column({ type: 'text', nullable: true })
  commitment!: string | null;

  @Column({ type: 'enum', enum: AdoptionStatus, enumName: 'adoption_status', default: AdoptionStatus.PROPOSED })
  status!: AdoptionStatus;

  @CreateDateColumn({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  createdAt!: Date;

  /** When it was accepted, declined (by the team or because another proposal was accepted) or withdrawn. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  decidedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  decidedBy?: Relation<User> | null;

  @Column({ type: 'text', nullable: true })
  decisionNote!: string | null;
}
