import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Challenge } from '../challenges/challenge.entity.js';
import { Idea } from '../ideas/idea.entity.js';
import { User } from '../identity/user.entity.js';

/**
 * One person's people's-choice vote in one challenge. The primary key (challenge, voter) is the database's guarantee
 * of one vote per user per challenge, also under concurrent votes; changing the vote updates the row.
 */
@Entity({ name: 'public_vote' })
@Index('ix_public_vote_idea', ['ideaId'])
export class PublicVote {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_public_vote_challenge_voter' })
  challengeId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_public_vote_challenge_voter' })
  voterId!: string;

  @ManyToOne(() => Challenge, { onDelete: 'CASCADE' })
  challenge?: Relation<Challenge>;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  voter?: Relation<User>;

  @Column({ type: 'uuid' })
  ideaId!: string;

  @ManyToOne(() => Idea, { onDelete: 'CASCADE' })
  idea?: Relation<Idea>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  createdAt!: Date;

  /** When the vote was cast or last changed. */
  @Column({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
