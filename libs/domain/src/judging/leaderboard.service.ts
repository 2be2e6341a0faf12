import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ChallengeAccess, RESULTS_VISIBLE_STATUSES } from '../challenges/challenge-access.js';
import { ChallengeStatus, ScoreNormalization, type Challenge } from '../challenges/challenge.entity.js';
import type { Idea } from '../ideas/idea.entity.js';
import { isUuid } from '../validation.js';
import type { Viewer } from '../viewer.js';
import { rankIdeas, type RankedIdea } from './scoring.js';

export type RankingChallenge = Pick<Challenge, 'id' | 'status' | 'rankingNormalization'>;

/** An idea read for a ranking: its ids, plus whichever of the other columns were asked for. */
export type RankedIdeaRow = Pick<Idea, 'id' | 'challengeId' | 'teamId' | 'themeId'> & Partial<Idea>;

/** A ranking, and the ideas read along with it (by id; empty when none were asked for). */
export interface Ranking {
  entries: RankedIdea[];
  ideas: Map<string, RankedIdeaRow>;
}

/** Idea properties the leaderboard may be asked for, and their columns. */
const IDEA_COLUMNS: Record<string, string> = {
  title: 'title',
  summary: 'summary',
  problem: 'problem',
  solution: 'solution',
  impact: 'impact',
  tags: 'tags',
  status: 'status',
  version: 'version',
  submittedAt: 'submitted_at',
  updatedAt: 'updated_at',
};

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

  /**
   * The leaderboard as the viewer may see it (null when they may not, yet), with its ideas read in the same query
   * when `ideaFields` (property names of Idea) are given.
   */
  async forViewer(viewer: Viewer, challenge: RankingChallenge, normalization?: ScoreNormalization | null, ideaFields?: ReadonlySet<string>): Promise<Ranking | null> {
    if (!(await this.visibleTo(viewer, [challenge])).has(challenge.id)) return null;
    return this.rankingWithIdeas(challenge, normalization ?? challenge.rankingNormalization, ideaFields);
  }

  /** The ranking of a challenge in its current phase, without access checks. */
  async ranking(challenge: RankingChallenge, normalization: ScoreNormalization): Promise<RankedIdea[]> {
    return (await this.rankingWithIdeas(challenge, normalization)).entries;
  }

  private async rankingWithIdeas(challenge: RankingChallenge, normalization: ScoreNormalization, ideaFields?: ReadonlySet<string>): Promise<Ranking> {
    if (RESULTS_VISIBLE_STATUSES.includes(challenge.status)) return this.frozen(challenge.id, normalization, ideaFields);
    if (challenge.status === ChallengeStatus.JUDGING) return this.live(challenge.id, normalization, this.dataSource.manager, ideaFields);
    return { entries: [], ideas: new Map<string, RankedIdeaRow>() };
  }

  /**
   * Computed from the submitted reviews now: two set-based reads (the SUBMITTED ideas, with any asked columns, and
   * every review of the challenge, for the jurors' statistics), then rankIdeas in memory.
   */
  async live(challengeId: string, normalization: ScoreNormalization, manager: EntityManager = this.dataSource.manager, ideaFields?: ReadonlySet<string>): Promise<Ranking> {
    const { ideas, reviews } = await this.rankingInput(challengeId, manager, ideaFields);
    return { entries: rankIdeas({ ideas, reviews, normalization }), ideas: new Map(ideaFields ? ideas.map((i): [string, RankedIdeaRow] => [i.id, i]) : []) };
  }

  /** The ranking frozen by publishResults, in its stored order (one read, joined to the asked idea columns). */
  async frozen(challengeId: string, normalization: ScoreNormalization, ideaFields?: ReadonlySet<string>): Promise<Ranking> {
    const suffix = normalization === ScoreNormalization.NONE ? 'none' : 'zscore';
    const columns = ideaFields ? `, ${ideaSelect(ideaFields, 'i')}` : '';
    const rows: ({ idea_id: string; rank: number | null; raw_score: number | null; normalized_score: number | null; review_count: number } & Partial<RankedIdeaRow>)[] =
      await this.dataSource.query(
        `SELECT rr.idea_id, rr.rank_${suffix} AS rank, rr.raw_score, rr.normalized_score, rr.review_count${columns}
           FROM result_ranking rr ${ideaFields ? 'JOIN idea i ON i.id = rr.idea_id' : ''}
          WHERE rr.challenge_id = $1 ORDER BY rr.position_${suffix}`,
        [challengeId],
      );
    const entries = rows.map((r) => ({ ideaId: r.idea_id, rank: r.rank, rawScore: r.raw_score, normalizedScore: r.normalized_score, reviewCount: r.review_count }));
    const ideas = new Map<string, RankedIdeaRow>();
    if (ideaFields) {
      for (const { idea_id: _id, rank: _rank, raw_score: _raw, normalized_score: _normalized, review_count: _count, ...idea } of rows) ideas.set(idea.id!, idea as RankedIdeaRow);
    }
    return { entries, ideas };
  }

  /**
   * The ideas of a ranking in one read, with only the asked `fields` (property names of Idea; 'all' for every one),
   * as plain rows: the SUBMITTED ideas of `challengeId`, or the ideas `ids`.
   */
  async ideaRows(scope: { challengeId: string } | { ids: readonly string[] }, fields: ReadonlySet<string> | 'all'): Promise<RankedIdeaRow[]> {
    const select = ideaSelect(fields);
    if ('challengeId' in scope) return this.dataSource.query(`SELECT ${select} FROM idea WHERE challenge_id = $1 AND status = 'SUBMITTED'`, [scope.challengeId]);
    const ids = [...new Set(scope.ids)].filter(isUuid);
    return ids.length ? this.dataSource.query(`SELECT ${select} FROM idea WHERE id = ANY($1::uuid[])`, [ids]) : [];
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
  private async rankingInput(challengeId: string, manager: EntityManager, ideaFields?: ReadonlySet<string>) {
    const columns = ideaFields ? `${ideaSelect(ideaFields)}, submitted_at AS "rankedAt"` : `id, submitted_at AS "rankedAt"`;
    const readIdeas = async (): Promise<(RankedIdeaRow & { submittedAt: Date })[]> => {
      const rows: (RankedIdeaRow & { rankedAt: Date })[] = await manager.query(`SELECT ${columns} FROM idea WHERE challenge_id = $1 AND status = 'SUBMITTED'`, [challengeId]);
      for (const row of rows) (row as { submittedAt?: Date }).submittedAt ??= row.rankedAt;
      return rows as (RankedIdeaRow & { submittedAt: Date })[];
    };
    const readReviews = (): Promise<{ ideaId: string; jurorId: string; total: number }[]> =>
      manager.query(`SELECT idea_id AS "ideaId", juror_id AS "jurorId", total FROM review WHERE challenge_id = $1`, [challengeId]);
    if (manager.queryRunner) return { ideas: await readIdeas(), reviews: await readReviews() };
    const [ideas, reviews] = await Promise.all([readIdeas(), readReviews()]);
    return { ideas, reviews };
  }
}

/** The SELECT list of an idea row with the asked properties (always its ids), optionally qualified by `alias`. */
function ideaSelect(fields: ReadonlySet<string> | 'all', alias?: string): string {
  const q = (column: string) => (alias ? `${alias}.${column}` : column);
  const columns = Object.entries(IDEA_COLUMNS)
    .filter(([field]) => fields === 'all' || fields.has(field))
    .map(([field, column]) => `${q(column)} AS "${field}"`);
  return [`${q('id')} AS "id"`, `${q('challenge_id')} AS "challengeId"`, `${q('team_id')} AS "teamId"`, `${q('theme_id')} AS "themeId"`, ...columns].join(', ');
}
