import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Challenge } from '../challenges/challenge.entity.js';
import { Organization } from '../organizations/organization.entity.js';

@Entity({ name: 'team' })
@Unique('uq_team_join_code', ['joinCode'])
@Index('ix_team_challenge_created', ['challengeId', 'createdAt', 'id'])
@Index('ix_team_school', ['schoolId'])
export class Team {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  challengeId!: string;

  @ManyToOne(() => Challenge, { onDelete: 'CASCADE' })
  challenge?: Relation<Challenge>;

  @Column({ type: 'text' })
  name!: string;

  /** The school organization (required in a SCHOOL_CLIMATHON, optional in an OPEN_HACKATHON). */
  @Column({ type: 'uuid', nullable: true })
  schoolId!: string | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  school?: Relation<Organization> | null;

  @Column({ type: 'text', nullable: true })
  className!: string | null;

  /** Random, unguessable; shown to coaches and the captain only. */
  @Column({ type: 'text' })
  joinCode!: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  createdAt!: Date;
}
