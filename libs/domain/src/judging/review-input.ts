import { DomainError } from '#platform/errors/domain-error.js';
import type { CriterionScore, ScoringCriterion } from './scoring.js';

export interface CriterionScoreData {
  criterionId: string;
  value: number;
}

/**
 * PRODUCT.md "Reviews": every criterion of the challenge exactly once, integer values 0 <= value <= maxScore.
 * Returns the scores in the criteria's order; throws BAD_USER_INPUT naming the offending field
 * (`scores.<i>.criterionId`, `scores.<i>.value`, or `scores` for a missing criterion).
 */
export function checkReviewScores(scores: readonly CriterionScoreData[] | null | undefined, criteria: readonly ScoringCriterion[]): CriterionScore[] {
  if (!scores || !Array.isArray(scores)) throw DomainError.badInput('scores', 'scores are required');
  const list: readonly CriterionScoreData[] = scores;
  const byId = new Map(criteria.map((c) => [c.id, c]));
  const given = new Map<string, number>();
  list.forEach((score, i) => {
    const criterion = byId.get(score.criterionId);
    if (!criterion) throw DomainError.badInput(`scores.${i}.criterionId`, 'The criterion is not one of the challenge');
    if (given.has(criterion.id)) throw DomainError.badInput(`scores.${i}.criterionId`, 'Each criterion must be scored exactly once');
    if (!Number.isInteger(score.value) || score.value < 0 || score.value > criterion.maxScore) {
      throw DomainError.badInput(`scores.${i}.value`, `The value must be an integer between 0 and ${criterion.maxScore}`);
    }
    given.set(criterion.id, score.value);
  });
  const missing = criteria.filter((c) => !given.has(c.id));
  if (missing.length > 0) throw DomainError.badInput('scores', `Every criterion must be scored: ${missing.length} missing`);
  return criteria.map((c) => ({ criterionId: c.id, value: given.get(c.id)! }));
}
