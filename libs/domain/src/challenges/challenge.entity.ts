import { Column, CreateDateColumn, Entity, Index, ManyToOne, OneToMany, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Organization } from '../organizations/organization.entity.js';
import { Criterion } from './criterion.entity.js';
import { Theme } from './theme.entity.js';

export enum ChallengeFormat {
  SCHOOL_CLIMATHON = 'SCHOOL_CLIMATHON',
  OPEN_HACKATHON = 'OPEN_HACKATHON',
}

/** DRAFT -> PUBLISHED -> JUDGING -> RESULTS_PUBLISHED -> CLOSED; no step goes back. */
export enum ChallengeStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  JUDGING = 'JUDGING',
  RESULTS_PUBLISHED = 'RESULTS_PUBLISHED',
  CLOSED = 'CLOSED',
}

export enum ScoreNormalization {
  NONE = 'NONE',
  ZSCORE = 'ZSCORE',
}

@Entity({ name: 'challenge' })
@Unique('uq_challenge_organizer_slug', ['organizerId', 'slug'])
@Index('ix_challenge_slug', ['slug'])
@Index('ix_challenge_created', ['createdAt', 'id'])
@Index('ix_challenge_organizer', ['organizerId'])
export class Challenge {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organizerId!: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  organizer?: Relation<Organization>;

  @Column({ type: 'text' })
  slug!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'enum', enum: ChallengeFormat, enumName: 'challenge_format' })
  format!: ChallengeFormat;

  @Column({ type: 'enum', enum: ChallengeStatus, enumName: 'challenge_status', default: ChallengeStatus.DRAFT })
  status!: ChallengeStatus;

  @Column({ type: 'timestamptz', precision: 3 })
  submissionOpensAt!: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  submissionClosesAt!: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  judgingClosesAt!: Date;

  @Column({ type: 'int' })
  reviewsPerIdea!: number;

  @Column({ type: 'int' })
  maxTeamSize!: number;

  @Column({ type: 'boolean', default: false })
  blindJudging!: boolean;

  @Column({ type: 'enum', enum: ScoreNormalization, enumName: 'score_normalization', default: ScoreNormalization.ZSCORE })
  rankingNormalization!: ScoreNormalization;

  @CreateDateColumn({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  createdAt!: Date;

  /** When publishResults froze the ranking (null before, and for results published before this was recorded). */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  resultsPublishedAt!: Date | null;

  /** When the challenge became CLOSED: its roster students' data is kept STUDENT_RETENTION_DAYS from then. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  closedAt!: Date | null;

  /** When the organizers were told its roster students' data expires (STUDENT_DATA_EXPIRING, once). */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  retentionWarnedAt!: Date | null;

  /** People's choice (docs/rules.md "Reports, exports and public voting"): the public vote's window, set by an organizer once results are published. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  publicVotingOpensAt!: Date | null;

  /** Counts are hidden until this moment, then public; the vote accepts no change from then on. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  publicVotingClosesAt!: Date | null;

  /** When the worker closed the vote and told the teams (PEOPLES_CHOICE_PUBLISHED, once). */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  peoplesChoicePublishedAt!: Date | null;

  @OneToMany(() => Theme, (theme) => theme.challenge)
  themes?: Relation<Theme[]>;

  @OneToMany(() => Criterion, (criterion) => criterion.challenge)
  criteria?: Relation<Criterion[]>;
}
