import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Challenge } from '../challenges/challenge.entity.js';
import { User } from '../identity/user.entity.js';
import { Team } from './team.entity.js';

export enum TeamRole {
  COACH = 'COACH',
  CAPTAIN = 'CAPTAIN',
  STUDENT = 'STUDENT',
}

/**
 * Membership of a user in a team. `challengeId` repeats the team's challenge so the database itself
 * guarantees that a user is a non-coach member of at most one team per challenge.
 */
@Entity({ name: 'team_member' })
@Index('uq_team_member_challenge_user', ['challengeId', 'userId'], { unique: true, where: `role <> 'COACH'` })
@Index('ix_team_member_user', ['userId'])
export class TeamMember {
  @PrimaryColumn({ type: 'uuid' })
  teamId!: string;

  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'uuid' })
  challengeId!: string;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  team?: Relation<Team>;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: Relation<User>;

  @ManyToOne(() => Challenge, { onDelete: 'CASCADE' })
  challenge?: Relation<Challenge>;

  @Column({ type: 'enum', enum: TeamRole, enumName: 'team_role' })
  role!: TeamRole;

  @CreateDateColumn({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  createdAt!: Date;
}
