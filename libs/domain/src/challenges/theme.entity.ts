import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Challenge } from './challenge.entity.js';

/** A theme of a challenge; ideas are filed under one. `position` keeps the organizer's order. */
@Entity({ name: 'theme' })
@Index('ix_theme_challenge_position', ['challengeId', 'position'])
export class Theme {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  challengeId!: string;

  @ManyToOne(() => Challenge, (challenge) => challenge.themes, { onDelete: 'CASCADE' })
  challenge?: Relation<Challenge>;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'int' })
  position!: number;
}
