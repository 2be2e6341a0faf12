import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A job that failed on its last attempt, kept with its error for admins (BullMQ's own record expires). */
@Entity({ name: 'job_failure' })
export class JobFailure {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  queue!: string;

  @Column({ type: 'text' })
  jobId!: string;

  @Column({ type: 'text' })
  jobName!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'text' })
  error!: string;

  @Column({ type: 'int' })
  attempts!: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  failedAt!: Date;
}
