/**
 * The jury's agreement (PRODUCT.md "Reports" > Jury agreement), from the submitted reviews of a challenge: pure
 * functions, no database.
 */
import type { CriterionScore } from '../judging/scoring.js';
import { intervalAlpha, unitsOf, type AlphaResult } from './krippendorff.js';

export interface AgreementReview {
  ideaId: string;
  jurorId: string;
  /** The review's total T, 0-100. */
  total: number;
  scores: readonly CriterionScore[];
}

export interface CriterionAgreementData {
  criterionId: string;
  /** Interval alpha of the criterion's values, ideas as units, jurors as coders. */
  agreement: AlphaResult;
  /** Mean value given to the criterion (on its own 0-maxScore scale); null without reviews. */
  mean: number | null;
}

export interface JurorAgreementData {
  jurorId: string;
  reviewCount: number;
  /** Mean T of the juror's reviews; null without reviews. */
  meanTotal: number | null;
  /**
   * Mean z of the juror's totals against the other reviews of the same ideas: for each review of an idea that others
   * reviewed too, (T - mean T of the idea's other reviews) / sigma, sigma being the population standard deviation of
   * every review total of the challenge (one scale for the whole jury, so that two reviews of an idea suffice);
   * positive for a juror who scores above their peers. Null when none of the juror's ideas was reviewed by another
   * juror, or every total of the challenge is the same.
   */
  leniency: number | null;
  /** The same mean difference (T - mean of the others) in points of T, unscaled; null where leniency is. */
  meanDeviation: number | null;
  /** How many of the juror's reviews have peers (the reviews leniency averages over). */
  comparedReviews: number;
}

export interface DisputedIdeaData {
  ideaId: string;
  reviewCount: number;
  /** Largest minus smallest total among the idea's reviews. */
  spread: number;
  minTotal: number;
  maxTotal: number;
  meanTotal: number;
  /** Population standard deviation of the idea's totals. */
  standardDeviation: number;
}

export interface JuryAgreementData {
  reviewCount: number;
  /** Ideas with at least one review. */
  ideaCount: number;
  /** Interval alpha of the totals, ideas as units, jurors as coders. */
  agreement: AlphaResult;
  criteria: CriterionAgreementData[];
  /** In the order of `jurorIds`. */
  jurors: JurorAgreementData[];
  /** Ideas with at least two reviews, the largest spread first (then the largest standard deviation, then the id). */
  disputed: DisputedIdeaData[];
}

const SIGMA_EPSILON = 1e-12;

/**
 * The jury report's numbers. `criterionIds` and `jurorIds` give the rows (every criterion and juror of the challenge,
 * including jurors without reviews); a review's score of a criterion not listed is ignored. One value per (idea,
 * juror): the review table guarantees it (one review per assignment, one assignment per idea and juror), and
 * `unitsOf` throws RangeError otherwise. Linear in the number of reviews apart from the sort of the disputed ideas.
 */
export function juryAgreement(input: { reviews: readonly AgreementReview[]; criterionIds: readonly string[]; jurorIds: readonly string[] }): JuryAgreementData {
  const { reviews } = input;
  const agreement = intervalAlpha(unitsOf(reviews.map((r) => ({ unit: r.ideaId, coder: r.jurorId, value: r.total }))));

  const criteria = input.criterionIds.map((criterionId): CriterionAgreementData => {
    const values: { unit: string; coder: string; value: number }[] = [];
    let sum = 0;
    for (const review of reviews) {
      const score = review.scores.find((s) => s.criterionId === criterionId);
      if (!score) continue;
      values.push({ unit: review.ideaId, coder: review.jurorId, value: score.value });
      sum += score.value;
    }
    return { criterionId, agreement: intervalAlpha(unitsOf(values)), mean: values.length ? sum / values.length : null };
  });

  // Per idea: count, sum, min, max of totals.
  const ideas = new Map<string, { n: number; sum: number; min: number; max: number; totals: number[] }>();
  let sum = 0;
  for (const review of reviews) {
    sum += review.total;
    const idea = ideas.get(review.ideaId);
    if (idea) {
      idea.n++;
      idea.sum += review.total;
      idea.min = Math.min(idea.min, review.total);
      idea.max = Math.max(idea.max, review.total);
      idea.totals.push(review.total);
    } else {
      ideas.set(review.ideaId, { n: 1, sum: review.total, min: review.total, max: review.total, totals: [review.total] });
    }
  }
  const mean = reviews.length ? sum / reviews.length : 0;
  const sigma = reviews.length ? Math.sqrt(reviews.reduce((acc, r) => acc + (r.total - mean) ** 2, 0) / reviews.length) : 0;

  const perJuror = new Map(input.jurorIds.map((id) => [id, { n: 0, sum: 0, compared: 0, deviation: 0 }]));
  for (const review of reviews) {
    const juror = perJuror.get(review.jurorId);
    if (!juror) continue;
    juror.n++;
    juror.sum += review.total;
    const idea = ideas.get(review.ideaId)!;
    if (idea.n < 2) continue;
    juror.compared++;
    juror.deviation += review.total - (idea.sum - review.total) / (idea.n - 1);
  }
  const jurors = input.jurorIds.map((jurorId): JurorAgreementData => {
    const j = perJuror.get(jurorId)!;
    const meanDeviation = j.compared ? j.deviation / j.compared : null;
    return {
      jurorId,
      reviewCount: j.n,
      meanTotal: j.n ? j.sum / j.n : null,
      leniency: meanDeviation !== null && sigma >= SIGMA_EPSILON ? meanDeviation / sigma : null,
      meanDeviation,
      comparedReviews: j.compared,
    };
  });

  const disputed: DisputedIdeaData[] = [];
  for (const [ideaId, idea] of ideas) {
    if (idea.n < 2) continue;
    const ideaMean = idea.sum / idea.n;
    const standardDeviation = Math.sqrt(idea.totals.reduce((acc, t) => acc + (t - ideaMean) ** 2, 0) / idea.n);
    disputed.push({ ideaId, reviewCount: idea.n, spread: idea.max - idea.min, minTotal: idea.min, maxTotal: idea.max, meanTotal: ideaMean, standardDeviation });
  }
  disputed.sort((a, b) => b.spread - a.spread || b.standardDeviation - a.standardDeviation || (a.ideaId < b.ideaId ? -1 : a.ideaId > b.ideaId ? 1 : 0));

  return { reviewCount: reviews.length, ideaCount: ideas.size, agreement, criteria, jurors, disputed };
}
