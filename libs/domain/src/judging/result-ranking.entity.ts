import { Column, Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Challenge } from '../challenges/challenge.entity.js';
import { Idea } from '../ideas/idea.entity.js';

/**
 * The final ranking frozen by publishResults: one row per SUBMITTED idea, with both scores and the rank and
 * position under each normalization, so `leaderboard(normalization)` reads either without recomputing. Written
 * once, in the publishing transaction; later reviews or jurors cannot change it.
 */
@Entity({ name: 'result_ranking' })
@Index('ix_result_ranking_none', ['challengeId', 'positionNone'])
@Index('ix_result_ranking_zscore', ['challengeId', 'positionZscore'])
export class ResultRanking {
  @PrimaryColumn({ type: 'uuid' })
  challengeId!: string;

  @PrimaryColumn({ type: 'uuid' })
  ideaId!: string;

  @ManyToOne(() => Challenge, { onDelete: 'CASCADE' })
  challenge?: Relation<Challenge>;

  @ManyToOne(() => Idea, { onDelete: 'CASCADE' })
  idea?: Relation<Idea>;

  @Column({ type: 'double precision', nullable: true })
  rawScore!: number | null;

  @Column({ type: 'double precision', nullable: true })
  normalizedScore!: number | null;

  @Column({ type: 'int' })
  reviewCount!: number;

  @Column({ type: 'int', nullable: true })
  rankNone!: number | null;

  @Column({ type: 'int' })
  positionNone!: number;

  @Column({ type: 'int', nullable: true })
  rankZscore!: number | null;

  @Column({ type: 'int' })
  positionZscore!: number;
}
