import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Challenge } from './challenge.entity.js';

/** A weighted judging criterion of a challenge; `position` keeps the organizer's order. */
@Entity({ name: 'criterion' })
@Index('ix_criterion_challenge_position', ['challengeId', 'position'])
export class Criterion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  challengeId!: string;

  @ManyToOne(() => Challenge, (challenge) => challenge.criteria, { onDelete: 'CASCADE' })
  challenge?: Relation<Challenge>;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'double precision' })
  weight!: number;

  @Column({ type: 'int' })
  maxScore!: number;

  @Column({ type: 'int' })
  position!: number;
}
