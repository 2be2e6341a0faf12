import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A domain event written in the same transaction as the change that caused it. */
@Entity({ name: 'outbox_event' })
@Index('ix_outbox_event_pending', ['createdAt'], { where: 'relayed_at IS NULL' })
/** Relayed but not handled yet: what the worker re-queues when Redis lost the job. */
@Index('ix_outbox_event_unprocessed', ['relayedAt'], { where: 'processed_at IS NULL' })
export class OutboxEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  createdAt!: Date;

  /** When the relay handed the event to BullMQ. */
  @Column({ type: 'timestamptz', nullable: true })
  relayedAt!: Date | null;

  /** When a worker finished handling the event. */
  @Column({ type: 'timestamptz', nullable: true })
  processedAt!: Date | null;
}
