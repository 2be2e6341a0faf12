import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ChallengeAccess, RESULTS_VISIBLE_STATUSES } from '../challenges/challenge-access.js';
import { ChallengeStatus, ScoreNormalization, type Challenge } from '../challenges/challenge.entity.js';
import type { Idea } from '../ideas/idea.entity.js';
import { IdeaReads, type IdeaView } from '../ideas/idea-reads.js';
import type { Viewer } from '../viewer.js';
import { rankedIdea, rankingOrder, rankScoredIdeas, SIGMA_EPSILON, type RankedIdea, type ScoredIdea } from './scoring.js';

export type RankingChallenge = Pick<Challenge, 'id' | 'status' | 'rankingNormalization'>;

/**
 * A ranking, and the ideas read along with it when idea fields were asked for (through the one idea projection of
 * IdeaReads, so only the asked long texts): `ideas[k]` is the idea of `entries[k]`, redacted for the viewer.
 */
export interface Ranking {
  entries: RankedIdea[];
  ideas?: IdeaView[];
}

/** A ranking as read, before its ideas are redacted for a viewer. */
export interface StoredRanking {
  entries: RankedIdea[];
  ideas?: Idea[];
}

/**
 * docs/rules.md "Ranking": the live leaderboard (one set-based query, PostgreSQL aggregating the reviews per juror and per
 * idea, then rankingOrder in memory) while judging, the frozen one (one query over result_ranking) once results are
 * published.
 */
@Injectable()
export class LeaderboardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ChallengeAccess,
    private readonly ideaReads: IdeaReads,
  ) {}

  /** The challenges whose ranking the viewer may see: organizers once judging started; everyone once results are published. */
  async visibleTo(viewer: Viewer, challenges: readonly Pick<Challenge, 'id' | 'status'>[]): Promise<Set<string>> {
    const visible = new Set(challenges.filter((c) => RESULTS_VISIBLE_STATUSES.includes(c.status)).map((c) => c.id));
    const judging = challenges.filter((c) => c.status === ChallengeStatus.JUDGING).map((c) => c.id);
    if (judging.length > 0) for (const id of await this.access.organizerOf(viewer, judging)) visible.add(id);
    return visible;
  }

  /**
   * The leaderboard as the viewer may see it (null when they may not, yet), with its ideas read in the same query
   * when `ideaFields` (property names of Idea) are given.
   */
  async forViewer(viewer: Viewer, challenge: RankingChallenge, normalization?: ScoreNormalization | null, ideaFields?: ReadonlySet<string>): Promise<Ranking | null> {
    if (!(await this.visibleTo(viewer, [challenge])).has(challenge.id)) return null;
    const ranking = await this.rankingWithIdeas(challenge, normalization ?? challenge.rankingNormalization, ideaFields);
    return ranking.ideas ? { entries: ranking.entries, ideas: await this.ideaReads.redact(viewer, ranking.ideas) } : ranking;
  }

  /** The ranking of a challenge in its current phase, without access checks. */
  async ranking(challenge: RankingChallenge, normalization: ScoreNormalization): Promise<RankedIdea[]> {
    return (await this.rankingWithIdeas(challenge, normalization)).entries;
  }

  private async rankingWithIdeas(challenge: RankingChallenge, normalization: ScoreNormalization, ideaFields?: ReadonlySet<string>): Promise<StoredRanking> {
    if (RESULTS_VISIBLE_STATUSES.includes(challenge.status)) return this.frozen(challenge.id, normalization, ideaFields);
    if (challenge.status === ChallengeStatus.JUDGING) return this.live(challenge.id, normalization, this.dataSource.manager, ideaFields);
    return { entries: [] };
  }

  /**
   * Computed from the submitted reviews now: the SUBMITTED ideas with their review aggregates and the asked columns in
   * one query (scoredIdeas), then rankingOrder in memory. freeze() ranks through the same path (rankScoredIdeas).
   */
  async live(challengeId: string, normalization: ScoreNormalization, manager: EntityManager = this.dataSource.manager, ideaFields?: ReadonlySet<string>): Promise<StoredRanking> {
    const rows = await this.scoredIdeas(challengeId, manager, ideaFields);
    const { order, ranks } = rankingOrder(rows, normalization);
    const projection = ideaFields && this.ideaReads.projection(ideaFields);
    return { entries: order.map((i, k) => rankedIdea(rows[i], ranks[k])), ideas: projection ? order.map((i) => projection.read(rows[i])!) : undefined };
  }

  /** The ranking frozen by publishResults, in its stored order (one read, joined to the asked idea columns). */
  async frozen(challengeId: string, normalization: ScoreNormalization, ideaFields?: ReadonlySet<string>): Promise<StoredRanking> {
    const suffix = normalization === ScoreNormalization.NONE ? 'none' : 'zscore';
    const projection = ideaFields && this.ideaReads.projection(ideaFields);
    const columns = projection ? `, ${projection.select}` : '';
    const rows: ({ idea_id: string; rank: number | null; raw_score: number | null; normalized_score: number | null; review_count: number } & Record<string, unknown>)[] =
      await this.dataSource.query(
        `SELECT rr.idea_id, rr.rank_${suffix} AS rank, rr.raw_score, rr.normalized_score, rr.review_count${columns}
           FROM result_ranking rr ${ideaFields ? 'JOIN idea i ON i.id = rr.idea_id' : ''}
          WHERE rr.challenge_id = $1 ORDER BY rr.position_${suffix}`,
        [challengeId],
      );
    const entries = rows.map((r) => ({ ideaId: r.idea_id, rank: r.rank, rawScore: r.raw_score, normalizedScore: r.normalized_score, reviewCount: r.review_count }));
    return { entries, ideas: projection ? rows.map((row) => projection.read(row)!) : undefined };
  }

  /** Stores the final ranking under both normalizations, inside the publishing transaction (one INSERT). */
  async freeze(manager: EntityManager, challengeId: string): Promise<number> {
    const scored = await this.scoredIdeas(challengeId, manager);
    const none = rankScoredIdeas(scored, 'NONE');
    const zscore = rankScoredIdeas(scored, 'ZSCORE');
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

  /**
   * The SUBMITTED ideas of a challenge with the aggregates of their reviews (ScoredIdea, for rankingOrder: the path
   * of both live() and freeze()) and the asked idea columns, in one set-based query that leaves the arithmetic to
   * PostgreSQL: per juror, the mean mu and population standard deviation sigma of T over all its reviews in the
   * challenge (reviews of ideas no longer SUBMITTED included); per idea, the review count, the mean T and the mean
   * z = (T - mu) / sigma, z being 0 when sigma < SIGMA_EPSILON (docs/rules.md "Ranking"; rankIdeas is the in-memory
   * reference of the same formulas, and leaderboard-sql.int-spec.ts holds them equal). Node thus receives one row per
   * idea rather than one per review, and submittedAt as epoch milliseconds rather than a timestamp to parse (a float8:
   * date_part's seconds times 1000, rounded, is the exact millisecond of a timestamp(3), and cheaper than numeric).
   * A stored total outside [0, 100] (NaN and infinities included: rows written before weights were bounded) counts
   * for nothing, so no stored value makes the leaderboard fail.
   */
  private async scoredIdeas(
    challengeId: string,
    manager: EntityManager = this.dataSource.manager,
    ideaFields?: ReadonlySet<string>,
  ): Promise<(ScoredIdea & Record<string, unknown>)[]> {
    const columns = ideaFields ? this.ideaReads.projection(ideaFields).select : `i.id AS "id"`;
    return manager.query(
      `WITH juror AS (
         SELECT juror_id, avg(total) AS mu, stddev_pop(total) AS sigma FROM review WHERE challenge_id = $1 AND total BETWEEN 0 AND 100 GROUP BY juror_id
       ), score AS (
         SELECT r.idea_id, count(*)::int AS n, sum(r.total) / count(*) AS raw,
                sum(CASE WHEN j.sigma < $2 THEN 0 ELSE (r.total - j.mu) / j.sigma END) / count(*) AS z
           FROM review r JOIN juror j ON j.juror_id = r.juror_id
          WHERE r.challenge_id = $1 AND r.total BETWEEN 0 AND 100
          GROUP BY r.idea_id
       )
       SELECT ${columns}, round(date_part('epoch', i.submitted_at) * 1000) AS "submittedAtMs",
              coalesce(s.n, 0) AS "reviewCount", s.raw AS "rawScore", s.z AS "normalizedScore"
         FROM idea i LEFT JOIN score s ON s.idea_id = i.id
        WHERE i.challenge_id = $1 AND i.status = 'SUBMITTED'`,
      [challengeId, SIGMA_EPSILON],
    );
  }
}
