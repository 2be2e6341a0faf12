/**
 * Review totals and the leaderboard (docs/rules.md "Judging" > Totals and Ranking): pure functions, no database.
 */

export interface CriterionScore {
  criterionId: string;
  value: number;
}

export interface ScoringCriterion {
  id: string;
  weight: number;
  maxScore: number;
}

/** Scores whose difference is at most this share a rank. */
export const SCORE_TIE_EPSILON = 1e-9;
/** A juror whose standard deviation is below this is treated as sigma = 0 (all its z-scores are 0). */
export const SIGMA_EPSILON = 1e-12;

/**
 * A review's total T = 100 * sum_c(w_c * v_c / max_c) / sum_c(w_c), in [0, 100] for values in [0, max_c].
 * `scores` must give every criterion exactly once (value ranges are the review service's validation, not checked
 * here). Throws RangeError for a missing, duplicate or unknown criterion, no criteria, a weight below 0, weights
 * summing to 0, a maxScore <= 0, or a non-finite number.
 */
export function reviewTotal(scores: readonly CriterionScore[], criteria: readonly ScoringCriterion[]): number {
  if (criteria.length === 0) throw new RangeError('at least one criterion is needed');
  const values = new Map<string, number>();
  for (const { criterionId, value } of scores) {
    if (values.has(criterionId)) throw new RangeError(`criterion ${criterionId} is scored twice`);
    if (!Number.isFinite(value)) throw new RangeError(`score of criterion ${criterionId} is not a finite number`);
    values.set(criterionId, value);
  }
  let weighted = 0;
  let weights = 0;
  const seen = new Set<string>();
  // Weights relative to the largest one: T does not change, and no finite weight overflows the sums.
  const largest = Math.max(...criteria.map((c) => c.weight));
  for (const { id, weight: given, maxScore } of criteria) {
    const weight = given / (largest > 0 ? largest : 1);
    if (seen.has(id)) throw new RangeError(`criterion ${id} is listed twice`);
    seen.add(id);
    if (!Number.isFinite(given) || given < 0) throw new RangeError(`criterion ${id} has an invalid weight ${given}`);
    if (!Number.isFinite(maxScore) || maxScore <= 0) throw new RangeError(`criterion ${id} has an invalid maxScore ${maxScore}`);
    const value = values.get(id);
    if (value === undefined) throw new RangeError(`criterion ${id} is not scored`);
    weighted += (weight * value) / maxScore;
    weights += weight;
  }
  if (values.size !== criteria.length) {
    const unknown = [...values.keys()].find((criterionId) => !seen.has(criterionId));
    throw new RangeError(`criterion ${unknown} is not a criterion of the challenge`);
  }
  if (weights <= 0) throw new RangeError('criteria weights sum to 0');
  return (100 * weighted) / weights;
}

export type RankingNormalization = 'NONE' | 'ZSCORE';

export interface RankableIdea {
  id: string;
  submittedAt: Date | string;
}

export interface RankableReview {
  ideaId: string;
  jurorId: string;
  /** The review's total T (see `reviewTotal`). */
  total: number;
}

export interface RankedIdea {
  ideaId: string;
  /** Competition rank (1, 2, 2, 4); null for ideas without reviews. */
  rank: number | null;
  /** Mean T of the idea's reviews; null without reviews. */
  rawScore: number | null;
  /** Mean z-score of the idea's reviews; null without reviews. */
  normalizedScore: number | null;
  reviewCount: number;
}

/**
 * An idea with the aggregates of its reviews, ready to be ranked by `rankScoredIdeas`: what `rankIdeas` computes from
 * the reviews in memory, or what PostgreSQL computes with one set-based query (LeaderboardService.scoredIdeas).
 */
export interface ScoredIdea {
  id: string;
  /** submittedAt, in epoch milliseconds. */
  submittedAtMs: number;
  /** Number of reviews; 0 for an unreviewed idea, whose scores are then ignored. */
  reviewCount: number;
  /** Mean T of the idea's reviews (see `rankIdeas`); null without reviews. */
  rawScore: number | null;
  /** Mean z of the idea's reviews (see `rankIdeas`); null without reviews. */
  normalizedScore: number | null;
}

/**
 * The leaderboard. Both scores are always computed; `normalization` only chooses which one orders the list.
 * - rawScore = mean T of the idea's reviews.
 * - normalizedScore = mean z of the idea's reviews, with z = (T - mu_j) / sigma_j for the review's juror j, mu_j and
 *   sigma_j being the mean and POPULATION standard deviation of T over all of j's reviews in `reviews`
 *   (including reviews of ideas not listed in `ideas`: the caller passes exactly the submitted reviews of the
 *   challenge), and z = 0 when sigma_j < SIGMA_EPSILON (a single review, or identical totals up to rounding).
 * The order and ranks are those of `rankScoredIdeas` over these scores.
 * Reviews of ideas not in `ideas` only feed the juror statistics. Linear time apart from the two sorts.
 * Throws RangeError on duplicate idea ids, an invalid submittedAt, or a non-finite total.
 */
export function rankIdeas(input: { ideas: readonly RankableIdea[]; reviews: readonly RankableReview[]; normalization: RankingNormalization }): RankedIdea[] {
  const { ideas, reviews } = input;
  const n = ideas.length;
  const ideaIndex = new Map<string, number>();
  const submitted = new Float64Array(n);
  ideas.forEach((idea, i) => {
    if (ideaIndex.has(idea.id)) throw new RangeError(`duplicate idea id ${idea.id}`);
    ideaIndex.set(idea.id, i);
    submitted[i] = idea.submittedAt instanceof Date ? idea.submittedAt.getTime() : Date.parse(idea.submittedAt);
  });

  // Juror statistics, two passes (mean first, then squared deviations) for numerical stability.
  const jurorIndex = new Map<string, number>();
  const reviewJuror = new Int32Array(reviews.length);
  const jurorSum: number[] = [];
  const jurorCount: number[] = [];
  reviews.forEach((review, k) => {
    if (!Number.isFinite(review.total)) throw new RangeError(`review of idea ${review.ideaId} by ${review.jurorId} has a non-finite total`);
    let j = jurorIndex.get(review.jurorId);
    if (j === undefined) {
      j = jurorSum.length;
      jurorIndex.set(review.jurorId, j);
      jurorSum.push(0);
      jurorCount.push(0);
    }
    reviewJuror[k] = j;
    jurorSum[j] += review.total;
    jurorCount[j]++;
  });
  const jurorMean = jurorSum.map((sum, j) => sum / jurorCount[j]);
  const jurorSquares = new Float64Array(jurorMean.length);
  reviews.forEach((review, k) => {
    const deviation = review.total - jurorMean[reviewJuror[k]];
    jurorSquares[reviewJuror[k]] += deviation * deviation;
  });
  const jurorSigma = jurorMean.map((_, j) => Math.sqrt(jurorSquares[j] / jurorCount[j]));

  const rawSum = new Float64Array(n);
  const zSum = new Float64Array(n);
  const count = new Int32Array(n);
  reviews.forEach((review, k) => {
    const i = ideaIndex.get(review.ideaId);
    if (i === undefined) return;
    const j = reviewJuror[k];
    const sigma = jurorSigma[j];
    rawSum[i] += review.total;
    zSum[i] += sigma < SIGMA_EPSILON ? 0 : (review.total - jurorMean[j]) / sigma;
    count[i]++;
  });

  const scored = ideas.map((idea, i): ScoredIdea => ({
    id: idea.id,
    submittedAtMs: submitted[i],
    reviewCount: count[i],
    rawScore: count[i] === 0 ? null : rawSum[i] / count[i],
    normalizedScore: count[i] === 0 ? null : zSum[i] / count[i],
  }));
  return rankScoredIdeas(scored, input.normalization);
}

/** A leaderboard as positions: `order[k]` is the index, in the list ranked, of the k-th idea; `ranks[k]` its rank. */
export interface RankingOrder {
  order: number[];
  ranks: (number | null)[];
}

/**
 * The leaderboard from per-idea scores, as positions into `ideas` (the one implementation of the order and tie rules,
 * for `rankIdeas` and for the scores aggregated by PostgreSQL; `rankScoredIdeas` gives the entries). Order: ideas with
 * at least one review by the chosen score, descending; then ideas without reviews, with null rank. Ties: after
 * sorting by score, a tie group starts at an entry (its anchor) and takes every following entry whose score is within
 * SCORE_TIE_EPSILON of the ANCHOR's score: no chaining, so 1, 1 - 0.8e-9 and 1 - 1.6e-9 rank 1, 1, 3 (the third is
 * 1.6e-9 below the anchor and starts its own group), and a group never spans more than SCORE_TIE_EPSILON. A group
 * shares the competition rank 1 + (entries before it). Inside a tie group, and among unreviewed ideas, earlier
 * submittedAt comes first, then the smaller id (code-unit order). O(n log n). Ids must be distinct (rankIdeas checks
 * them; the database's are a primary key).
 * Throws RangeError on an invalid submittedAtMs, a negative or fractional reviewCount, or a missing or non-finite
 * score of a reviewed idea.
 */
export function rankingOrder(ideas: readonly ScoredIdea[], normalization: RankingNormalization): RankingOrder {
  const n = ideas.length;
  const submitted = new Float64Array(n);
  const key = new Float64Array(n);
  const reviewed: number[] = [];
  const unreviewed: number[] = [];
  const zscore = normalization === 'ZSCORE';
  for (let i = 0; i < n; i++) {
    const idea = ideas[i];
    if (!Number.isFinite(idea.submittedAtMs)) throw new RangeError(`idea ${idea.id} has an invalid submittedAt`);
    submitted[i] = idea.submittedAtMs;
    const count = idea.reviewCount;
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`idea ${idea.id} has an invalid reviewCount ${count}`);
    if (count === 0) {
      unreviewed.push(i);
      continue;
    }
    if (!isFiniteNumber(idea.rawScore) || !isFiniteNumber(idea.normalizedScore)) throw new RangeError(`idea ${idea.id} has a missing or non-finite score`);
    key[i] = zscore ? idea.normalizedScore : idea.rawScore;
    reviewed.push(i);
  }
  const bySubmission = (x: number, y: number) => submitted[x] - submitted[y] || compareIds(ideas[x].id, ideas[y].id);

  const order: number[] = [];
  const ranks: (number | null)[] = [];
  reviewed.sort((x, y) => key[y] - key[x] || bySubmission(x, y));
  for (let start = 0; start < reviewed.length;) {
    const anchor = key[reviewed[start]];
    let end = start + 1;
    while (end < reviewed.length && anchor - key[reviewed[end]] <= SCORE_TIE_EPSILON) end++;
    const group = end - start === 1 ? [reviewed[start]] : reviewed.slice(start, end).sort(bySubmission);
    for (const i of group) {
      order.push(i);
      ranks.push(start + 1);
    }
    start = end;
  }
  unreviewed.sort(bySubmission);
  for (const i of unreviewed) {
    order.push(i);
    ranks.push(null);
  }
  return { order, ranks };
}

/** The leaderboard entries of `ideas` (see `rankingOrder` for the order, the ranks and the errors). */
export function rankScoredIdeas(ideas: readonly ScoredIdea[], normalization: RankingNormalization): RankedIdea[] {
  const { order, ranks } = rankingOrder(ideas, normalization);
  return order.map((i, k) => rankedIdea(ideas[i], ranks[k]));
}

/** The entry of an idea at `rank` (null: an idea without reviews, whose scores are then null). */
export function rankedIdea(idea: ScoredIdea, rank: number | null): RankedIdea {
  return rank === null
    ? { ideaId: idea.id, rank: null, rawScore: null, normalizedScore: null, reviewCount: 0 }
    : { ideaId: idea.id, rank, rawScore: idea.rawScore, normalizedScore: idea.normalizedScore, reviewCount: idea.reviewCount };
}

const isFiniteNumber = (value: number | null): value is number => typeof value === 'number' && Number.isFinite(value);

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
