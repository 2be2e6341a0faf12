import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Challenge } from '../challenges/challenge.entity.js';
import { User } from '../identity/user.entity.js';
import { Organization } from '../organizations/organization.entity.js';

/** An expert on a challenge's jury (docs/rules.md "Judging" > Jurors); a user is a juror of a challenge at most once. */
@Entity({ name: 'juror' })
@Unique('uq_juror_challenge_user', ['challengeId', 'userId'])
@Unique('uq_juror_challenge_number', ['challengeId', 'number'])
@Index('ix_juror_user', ['userId'])
export class Juror {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  challengeId!: string;

  @ManyToOne(() => Challenge, { onDelete: 'CASCADE' })
  challenge?: Relation<Challenge>;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: Relation<User>;

  /** The organization the juror is affiliated with; when it is a team's school, the juror has a conflict with its idea. */
  @Column({ type: 'uuid', nullable: true })
  affiliationId!: string | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  affiliation?: Relation<Organization> | null;

  /**
   * The juror's number in the jury, 1, 2, 3... in the order they were added (one more than the largest in the jury),
   * never changed: the stable pseudonym J<number> of the exports and the jury report. A removal renumbers nobody (only
   * jurors without assignments, hence without reviews, can be removed). Given by the database at insert (trigger
   * tr_juror_number), never written by the application.
   */
  @Column({ type: 'int', insert: false, update: false })
  number!: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  createdAt!: Date;
}
