import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import type { CriterionScore } from './scoring.js';
import { ReviewAssignment } from './review-assignment.entity.js';

/**
 * The current version of an assignment's review (one per assignment). `total` is T of docs/rules.md, computed when
 * submitted (criteria cannot change once judging started), so the leaderboard reads one number per review.
 * `challengeId`, `ideaId` and `jurorId` repeat the assignment's for set-based ranking queries.
 */
@Entity({ name: 'review' })
@Unique('uq_review_assignment', ['assignmentId'])
@Index('ix_review_challenge', ['challengeId'])
@Index('ix_review_idea', ['ideaId'])
export class Review {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  assignmentId!: string;

  @ManyToOne(() => ReviewAssignment, { onDelete: 'CASCADE' })
  assignment?: Relation<ReviewAssignment>;

  @Column({ type: 'uuid' })
  challengeId!: string;

  @Column({ type: 'uuid' })
  ideaId!: string;

  @Column({ type: 'uuid' })
  jurorId!: string;

  /** Every criterion of the challenge exactly once, in the criteria's order. */
  @Column({ type: 'jsonb' })
  scores!: CriterionScore[];

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'double precision' })
  total!: number;

  /** 1 for the first submission, incremented by every replacement; equals the number of revisions. */
  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'timestamptz', precision: 3 })
  submittedAt!: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}

/** The audit trail: one row per accepted submission of a review, never changed afterwards. */
@Entity({ name: 'review_revision' })
@Unique('uq_review_revision_version', ['reviewId', 'version'])
export class ReviewRevision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  reviewId!: string;

  @ManyToOne(() => Review, { onDelete: 'CASCADE' })
  review?: Relation<Review>;

  @Column({ type: 'uuid' })
  assignmentId!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'jsonb' })
  scores!: CriterionScore[];

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'double precision' })
  total!: number;

  /** Who submitted this version (the juror, or a platform admin). */
  @Column({ type: 'uuid' })
  submittedBy!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  submittedAt!: Date;
}
