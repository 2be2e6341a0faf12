import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ChallengeAccess, RESULTS_VISIBLE_STATUSES } from '../challenges/challenge-access.js';
import { ChallengeStatus, ScoreNormalization, type Challenge } from '../challenges/challenge.entity.js';
import type { Viewer } from '../viewer.js';
import { rankIdeas, type RankedIdea } from './scoring.js';

export type RankingChallenge = Pick<Challenge, 'id' | 'status' | 'rankingNormalization'>;

/**
 * PRODUCT.md "Ranking": the live leaderboard (two set-based queries, then rankIdeas in memory) while judging, the
 * frozen one (one query over result_ranking) once results are published.
 */
@Injectable()
export class LeaderboardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ChallengeAccess,
  ) {}

  /** The challenges whose ranking the viewer may see: organizers once judging started; everyone once results are published. */
  async visibleTo(viewer: Viewer, challenges: readonly Pick<Challenge, 'id' | 'status'>[]): Promise<Set<string>> {
    const visible = new Set(challenges.filter((c) => RESULTS_VISIBLE_STATUSES.includes(c.status)).map((c) => c.id));
    const judging = challenges.filter((c) => c.status === ChallengeStatus.JUDGING).map((c) => c.id);
    if (judging.length > 0) for (const id of await this.access.organizerOf(viewer, judging)) visible.add(id);
    return visible;
  }

  /** The leaderboard as the viewer may see it: null when they may not (yet). */
  async forViewer(viewer: Viewer, challenge: RankingChallenge, normalization?: ScoreNormalization | null): Promise<RankedIdea[] | null> {
    if (!(await this.visibleTo(viewer, [challenge])).has(challenge.id)) return null;
    return this.ranking(challenge, normalization ?? challenge.rankingNormalization);
  }

  /** The ranking of a challenge in its current phase, without access checks. */
  async ranking(challenge: RankingChallenge, normalization: ScoreNormalization): Promise<RankedIdea[]> {
    if (RESULTS_VISIBLE_STATUSES.includes(challenge.status)) return this.frozen(challenge.id, normalization);
    if (challenge.status === ChallengeStatus.JUDGING) return this.live(challenge.id, normalization);
    return [];
  }

  /** Computed from the submitted reviews now: SUBMITTED ideas, and every review of the challenge (for the jurors' statistics). */
  async live(challengeId: string, normalization: ScoreNormalization, manager: EntityManager = this.dataSource.manager): Promise<RankedIdea[]> {
    const { ideas, reviews } = await this.rankingInput(challengeId, manager);
    return rankIdeas({ ideas, reviews, normalization });
  }

  /** The ranking frozen by publishResults, in its stored order. */
  async frozen(challengeId: string, normalization: ScoreNormalization): Promise<RankedIdea[]> {
    const suffix = normalization === ScoreNormalization.NONE ? 'none' : 'zscore';
    const rows: { idea_id: string; rank: number | null; raw_score: number | null; normalized_score: number | null; review_count: number }[] = await this.dataSource.query(
      `SELECT idea_id, rank_${suffix} AS rank, raw_score, normalized_score, review_count
         FROM result_ranking WHERE challenge_id = $1 ORDER BY position_${suffix}`,
      [challengeId],
    );
    return rows.map((r) => ({ ideaId: r.idea_id, rank: r.rank, rawScore: r.raw_score, normalizedScore: r.normalized_score, reviewCount: r.review_count }));
  }

  /** Stores the final ranking under both normalizations, inside the publishing transaction (one INSERT). */
  async freeze(manager: EntityManager, challengeId: string): Promise<number> {
    const input = await this.rankingInput(challengeId, manager);
    const none = rankIdeas({ ...input, normalization: 'NONE' });
    const zscore = rankIdeas({ ...input, normalization: 'ZSCORE' });
    if (zscore.length === 0) return 0;
    const byIdea = new Map(none.map((entry, i) => [entry.ideaId, { entry, position: i + 1 }]));
    const ids: string[] = [];
    const raw: (number | null)[] = [];
    const normalized: (number | null)[] = [];
    const counts: number[] = [];
    const rankNone: (number | null)[] = [];
    const positionNone: number[] = [];
    const rankZ: (number | null)[] = [];
    const positionZ: number[] = [];
    zscore.forEach((entry, i) => {
      const other = byIdea.get(entry.ideaId)!;
      ids.push(entry.ideaId);
      raw.push(entry.rawScore);
      normalized.push(entry.normalizedScore);
      counts.push(entry.reviewCount);
      rankNone.push(other.entry.rank);
      positionNone.push(other.position);
      rankZ.push(entry.rank);
      positionZ.push(i + 1);
    });
    await manager.query(
      `INSERT INTO result_ranking (challenge_id, idea_id, raw_score, normalized_score, review_count, rank_none, position_none, rank_zscore, position_zscore)
       SELECT $1, * FROM unnest($2::uuid[], $3::float8[], $4::float8[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[])`,
      [challengeId, ids, raw, normalized, counts, rankNone, positionNone, rankZ, positionZ],
    );
    return ids.length;
  }

  /** The two set-based reads (in parallel on the pool; one after the other inside a transaction). */
  private async rankingInput(challengeId: string, manager: EntityManager) {
    const readIdeas = (): Promise<{ id: string; submittedAt: Date }[]> =>
      manager.query(`SELECT id, submitted_at AS "submittedAt" FROM idea WHERE challenge_id = $1 AND status = 'SUBMITTED'`, [challengeId]);
    const readReviews = (): Promise<{ ideaId: string; jurorId: string; total: number }[]> =>
      manager.query(`SELECT idea_id AS "ideaId", juror_id AS "jurorId", total FROM review WHERE challenge_id = $1`, [challengeId]);
    if (manager.queryRunner) return { ideas: await readIdeas(), reviews: await readReviews() };
    const [ideas, reviews] = await Promise.all([readIdeas(), readReviews()]);
    return { ideas, reviews };
  }
}
