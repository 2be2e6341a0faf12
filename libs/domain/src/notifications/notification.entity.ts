import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { User } from '../identity/user.entity.js';

/** One in-app notification; unique per causing event and recipient, so a re-run job stores nothing twice. */
@Entity({ name: 'notification' })
@Unique('uq_notification_event_recipient', ['eventId', 'recipientId'])
@Index('ix_notification_recipient_created', ['recipientId', 'createdAt', 'id'])
/** Not emailed yet: what the worker re-queues when Redis lost the email job. */
@Index('ix_notification_email_pending', ['createdAt'], { where: 'email_sent_at IS NULL' })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  recipientId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  recipient?: Relation<User>;

  /** The outbox event (or scheduled occurrence) that caused it. */
  @Column({ type: 'text' })
  eventId!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'uuid', nullable: true })
  subjectId!: string | null;

  /** The web client's route of the page it is about (e.g. `/ideas/<id>`); its email links to PUBLIC_URL + path. */
  @Column({ type: 'text' })
  path!: string;

  @Column({ type: 'text' })
  locale!: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  /** Set once the email went out; an email job that finds it set sends nothing. */
  @Column({ type: 'timestamptz', nullable: true })
  emailSentAt!: Date | null;

  /** Set when the email will never go out (the relay refused the address for good, or there is no address); never retried. */
  @Column({ type: 'timestamptz', nullable: true })
  emailFailedAt!: Date | null;

  /** Why, for operators (e.g. the relay's 5xx answer); never shown to users. */
  @Column({ type: 'text', nullable: true })
  emailFailure!: string | null;
}
