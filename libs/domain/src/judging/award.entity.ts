import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Challenge } from '../challenges/challenge.entity.js';
import { Idea } from '../ideas/idea.entity.js';

/** An award recorded by publishResults; `position` keeps the organizers' order. */
@Entity({ name: 'award' })
@Index('ix_award_challenge_position', ['challengeId', 'position'])
@Index('ix_award_idea', ['ideaId'])
export class Award {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  challengeId!: string;

  @ManyToOne(() => Challenge, { onDelete: 'CASCADE' })
  challenge?: Relation<Challenge>;

  @Column({ type: 'uuid' })
  ideaId!: string;

  @ManyToOne(() => Idea, { onDelete: 'CASCADE' })
  idea?: Relation<Idea>;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'int', nullable: true })
  place!: number | null;

  @Column({ type: 'int' })
  position!: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  createdAt!: Date;
}
