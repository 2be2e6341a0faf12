import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '../identity/user.entity.js';
import { MiniCompany } from './mini-company.entity.js';

export enum MilestoneKind {
  CONCEPT = 'CONCEPT',
  BUSINESS_PLAN = 'BUSINESS_PLAN',
  PROTOTYPE = 'PROTOTYPE',
  MARKET_LAUNCH = 'MARKET_LAUNCH',
  LOCAL_COMPETITION = 'LOCAL_COMPETITION',
  REGIONAL_COMPETITION = 'REGIONAL_COMPETITION',
  CUSTOM = 'CUSTOM',
}

/** PLANNED -> SUBMITTED -> APPROVED, or back to PLANNED (OVERDUE once past due) when rejected; PLANNED -> OVERDUE at dueAt. */
export enum MilestoneStatus {
  PLANNED = 'PLANNED',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  OVERDUE = 'OVERDUE',
}

@Entity({ name: 'milestone' })
@Index('ix_milestone_mini_company_position', ['miniCompanyId', 'position'])
@Index('ix_milestone_planned_due', ['dueAt'], { where: `status = 'PLANNED'` })
export class Milestone {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  miniCompanyId!: string;

  @ManyToOne(() => MiniCompany, { onDelete: 'CASCADE' })
  miniCompany?: Relation<MiniCompany>;

  /** Order in the plan. */
  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'enum', enum: MilestoneKind, enumName: 'milestone_kind' })
  kind!: MilestoneKind;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  dueAt!: Date;

  @Column({ type: 'enum', enum: MilestoneStatus, enumName: 'milestone_status', default: MilestoneStatus.PLANNED })
  status!: MilestoneStatus;

  @Column({ type: 'text', nullable: true })
  evidence!: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  reviewedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  reviewedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  reviewedBy?: Relation<User> | null;

  @Column({ type: 'text', nullable: true })
  feedback!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  createdAt!: Date;
}
