import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '../identity/user.entity.js';

/** Optional uses of a student's data, each with its own consent; today only showing the display name on public pages. */
export enum ConsentPurpose {
  PUBLIC_NAME = 'PUBLIC_NAME',
}

/** A student of 14 or more consents alone; below 14 a parent does, recorded by the coach. */
export enum ConsentGivenBy {
  STUDENT = 'STUDENT',
  PARENT = 'PARENT',
}

/** One consent, kept after withdrawal (when, by whom) as the record of what was allowed when. */
@Entity({ name: 'consent_record' })
@Index('uq_consent_record_active', ['userId', 'purpose'], { unique: true, where: 'withdrawn_at IS NULL' })
export class ConsentRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: Relation<User>;

  @Column({ type: 'enum', enum: ConsentPurpose, enumName: 'consent_purpose' })
  purpose!: ConsentPurpose;

  @Column({ type: 'enum', enum: ConsentGivenBy, enumName: 'consent_given_by' })
  givenBy!: ConsentGivenBy;

  /** Who recorded it: the student themself (STUDENT) or their coach (PARENT). */
  @Column({ type: 'uuid', nullable: true })
  recordedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  recordedBy?: Relation<User>;

  @Column({ type: 'timestamptz', precision: 3 })
  givenAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  withdrawnAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  withdrawnById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  withdrawnBy?: Relation<User>;
}
