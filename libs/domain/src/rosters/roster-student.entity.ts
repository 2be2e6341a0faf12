import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { User } from '../identity/user.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { Team } from '../teams/team.entity.js';

/**
 * A student created by their teacher in a class roster (`addStudents`): no email, a generated username (on the
 * user), a one-time sign-in code stored only as its hash, and the teacher's attestation that the families received
 * the school's privacy notice (who, when, which version).
 */
@Entity({ name: 'roster_student' })
@Index('ix_roster_student_team', ['teamId'])
export class RosterStudent {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: Relation<User>;

  /** The team the student was created for: its coaches manage the student (reset the code). */
  @Column({ type: 'uuid' })
  teamId!: string;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  team?: Relation<Team>;

  @Column({ type: 'uuid' })
  schoolId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  school?: Relation<Organization>;

  /** argon2id of the current sign-in code; null once the student chose a password (the code no longer works). */
  @Column({ type: 'text', nullable: true })
  codeHash!: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  codeIssuedAt!: Date;

  /** The coach who attested (guardianConsentConfirmed); null only if that account row were ever removed. */
  @Column({ type: 'uuid', nullable: true })
  attestedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  attestedBy?: Relation<User>;

  @Column({ type: 'timestamptz', precision: 3 })
  attestedAt!: Date;

  /** The version of the school's privacy notice the families received. */
  @Column({ type: 'text' })
  privacyNoticeVersion!: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
