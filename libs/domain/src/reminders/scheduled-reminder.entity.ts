import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One planned reminder of one deadline (PostgreSQL is the truth; the delayed BullMQ job `reminder-<id>` only wakes
 * the worker at `fireAt`). Fired or cancelled exactly once, under a row lock.
 */
@Entity({ name: 'scheduled_reminder' })
// One live row per slot; a cancelled row frees its slot (a deadline moved away and back gets its reminders again).
@Index('uq_scheduled_reminder_slot', ['kind', 'subjectId', 'dueAt', 'leadMs'], { unique: true, where: 'cancelled_at IS NULL' })
@Index('ix_scheduled_reminder_pending', ['fireAt'], { where: 'fired_at IS NULL AND cancelled_at IS NULL' })
@Index('ix_scheduled_reminder_subject', ['kind', 'subjectId'])
export class ScheduledReminder {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  kind!: string;

  @Column({ type: 'uuid' })
  subjectId!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  dueAt!: Date;

  /** How long before `dueAt` the reminder is meant for; 0 for an overdue check. */
  @Column({ type: 'integer' })
  leadMs!: number;

  @Column({ type: 'timestamptz', precision: 3 })
  fireAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  firedAt!: Date | null;

  /** Set when the deadline moved or no longer applies, or a nearer reminder superseded this one. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  cancelledAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
