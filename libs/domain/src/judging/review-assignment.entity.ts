import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Challenge } from '../challenges/challenge.entity.js';
import { Idea } from '../ideas/idea.entity.js';
import { Juror } from './juror.entity.js';

export enum AssignmentStatus {
  PENDING = 'PENDING',
  SUBMITTED = 'SUBMITTED',
  RECUSED = 'RECUSED',
}

/**
 * One idea to review by one juror. A juror is assigned an idea at most once (a recused juror is never assigned it
 * again); an assignment made by the worker after a recusal names the one it replaces, at most once.
 */
@Entity({ name: 'review_assignment' })
@Unique('uq_review_assignment_idea_juror', ['ideaId', 'jurorId'])
@Unique('uq_review_assignment_replaces', ['replacesAssignmentId'])
@Index('ix_review_assignment_juror_status', ['jurorId', 'status'])
@Index('ix_review_assignment_challenge_status', ['challengeId', 'status'])
export class ReviewAssignment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  challengeId!: string;

  @ManyToOne(() => Challenge, { onDelete: 'CASCADE' })
  challenge?: Relation<Challenge>;

  @Column({ type: 'uuid' })
  ideaId!: string;

  @ManyToOne(() => Idea, { onDelete: 'CASCADE' })
  idea?: Relation<Idea>;

  @Column({ type: 'uuid' })
  jurorId!: string;

  @ManyToOne(() => Juror, { onDelete: 'RESTRICT' })
  juror?: Relation<Juror>;

  @Column({ type: 'enum', enum: AssignmentStatus, enumName: 'assignment_status', default: AssignmentStatus.PENDING })
  status!: AssignmentStatus;

  /** The challenge's judgingClosesAt when the assignment was made. */
  @Column({ type: 'timestamptz', precision: 3 })
  dueAt!: Date;

  /** Set on assignments the worker made after a recusal: the recused assignment this one replaces. */
  @Column({ type: 'uuid', nullable: true })
  replacesAssignmentId!: string | null;

  @Column({ type: 'text', nullable: true })
  recusalReason!: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  recusedAt!: Date | null;

  /** Set by the worker once it handled the recusal (reassigned, or told the organizers nobody is eligible). */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  recusalResolvedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  createdAt!: Date;
}
