/**
 * The jury's agreement (docs/rules.md "Reports" > Jury agreement), from the submitted reviews of a challenge: pure
 * functions, no database.
 */
import type { CriterionScore } from '../judging/scoring.js';
import { intervalAlpha, type AlphaResult } from './krippendorff.js';

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

/** The reviews of one idea (a unit of the reliability data), in the order they came. */
interface IdeaGroup {
  ideaId: string;
  /** Positions in `reviews`. */
  reviews: number[];
  jurors: string[];
  sum: number;
  min: number;
  max: number;
}

/**
 * The jury report's numbers. `criterionIds` and `jurorIds` give the rows (every criterion and juror of the challenge,
 * including jurors without reviews); a review's score of a criterion not listed is ignored (of a criterion scored twice,
 * the first counts). One value per (idea, juror): the review table guarantees it (one review per assignment, one
 * assignment per idea and juror), and a second review of the same pair throws RangeError, as `unitsOf` would. Linear in
 * the number of reviews apart from the sort of the disputed ideas: the reviews are grouped by idea once, and every
 * alpha (the totals', each criterion's) reads its units from those groups.
 */
export function juryAgreement(input: { reviews: readonly AgreementReview[]; criterionIds: readonly string[]; jurorIds: readonly string[] }): JuryAgreementData {
  const { reviews } = input;

  // Per idea, in first-seen order: its reviews, their jurors (a second review of one juror throws) and their totals' sum, min, max.
  const ideas = new Map<string, IdeaGroup>();
  let sum = 0;
  for (let k = 0; k < reviews.length; k++) {
    const review = reviews[k];
    const total = review.total;
    sum += total;
    const idea = ideas.get(review.ideaId);
    if (!idea) {
      ideas.set(review.ideaId, { ideaId: review.ideaId, reviews: [k], jurors: [review.jurorId], sum: total, min: total, max: total });
      continue;
    }
    if (idea.jurors.includes(review.jurorId)) throw new RangeError(`unit ${review.ideaId} has two values of coder ${review.jurorId}`);
    idea.reviews.push(k);
    idea.jurors.push(review.jurorId);
    idea.sum += total;
    idea.min = Math.min(idea.min, total);
    idea.max = Math.max(idea.max, total);
  }
  const groups = [...ideas.values()];
  const agreement = intervalAlpha(groups.map((g) => g.reviews.map((k) => reviews[k].total)));

  // Each criterion's value in each review (undefined where the review has none), read in one pass over the scores.
  const criterionIndex = new Map(input.criterionIds.map((id, c) => [id, c]));
  const values = input.criterionIds.map(() => new Array<number | undefined>(reviews.length));
  for (let k = 0; k < reviews.length; k++) {
    for (const score of reviews[k].scores) {
      const c = criterionIndex.get(score.criterionId);
      if (c !== undefined && values[c][k] === undefined) values[c][k] = score.value;
    }
  }
  const criteria = input.criterionIds.map((criterionId, c): CriterionAgreementData => {
    const of = values[c];
    let criterionSum = 0;
    let count = 0;
    const units: number[][] = [];
    for (const group of groups) {
      const unit: number[] = [];
      for (const k of group.reviews) {
        const value = of[k];
        if (value === undefined) continue;
        unit.push(value);
        criterionSum += value;
        count++;
      }
      if (unit.length > 0) units.push(unit);
    }
    return { criterionId, agreement: intervalAlpha(units), mean: count ? criterionSum / count : null };
  });

  const mean = reviews.length ? sum / reviews.length : 0;
  let squares = 0;
  for (const review of reviews) squares += (review.total - mean) ** 2;
  const sigma = reviews.length ? Math.sqrt(squares / reviews.length) : 0;

  const perJuror = new Map(input.jurorIds.map((id) => [id, { n: 0, sum: 0, compared: 0, deviation: 0 }]));
  for (const group of groups) {
    const n = group.reviews.length;
    for (const k of group.reviews) {
      const review = reviews[k];
      const juror = perJuror.get(review.jurorId);
      if (!juror) continue;
      juror.n++;
      juror.sum += review.total;
      if (n < 2) continue;
      juror.compared++;
      juror.deviation += review.total - (group.sum - review.total) / (n - 1);
    }
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
  for (const group of groups) {
    const n = group.reviews.length;
    if (n < 2) continue;
    const ideaMean = group.sum / n;
    let ideaSquares = 0;
    for (const k of group.reviews) ideaSquares += (reviews[k].total - ideaMean) ** 2;
    disputed.push({
      ideaId: group.ideaId,
      reviewCount: n,
      spread: group.max - group.min,
      minTotal: group.min,
      maxTotal: group.max,
      meanTotal: ideaMean,
      standardDeviation: Math.sqrt(ideaSquares / n),
    });
  }
  disputed.sort((a, b) => b.spread - a.spread || b.standardDeviation - a.standardDeviation || (a.ideaId < b.ideaId ? -1 : a.ideaId > b.ideaId ? 1 : 0));

  return { reviewCount: reviews.length, ideaCount: ideas.size, agreement, criteria, jurors, disputed };
}
