import { DomainError } from '#platform/errors/domain-error.js';
import { checkInput } from '../validation.js';
import type { CriterionScore, ScoringCriterion } from './scoring.js';

export interface CriterionScoreData {
  criterionId: string;
  value: number;
}

/**
 * docs/rules.md "Reviews": every criterion of the challenge exactly once, integer values 0 <= value <= maxScore.
 * Returns the scores in the criteria's order; throws BAD_USER_INPUT naming the offending field
 * (`scores.<i>.criterionId`, `scores.<i>.value`, or `scores` for a missing criterion).
 */
export function checkReviewScores(scores: readonly CriterionScoreData[] | null | undefined, criteria: readonly ScoringCriterion[]): CriterionScore[] {
  if (!scores || !Array.isArray(scores)) throw DomainError.badInput('scores', 'input.required', { field: 'scores' });
  const list: readonly CriterionScoreData[] = scores;
  const byId = new Map(criteria.map((c) => [c.id, c]));
  const given = new Map<string, number>();
  // Every invalid score at once, each naming its own field.
  checkInput((field) => {
    list.forEach((score, i) =>
      field(() => {
        const criterion = byId.get(score.criterionId);
        if (!criterion) throw DomainError.badInput(`scores.${i}.criterionId`, 'review.unknownCriterion');
        if (given.has(criterion.id)) throw DomainError.badInput(`scores.${i}.criterionId`, 'review.criterionTwice');
        given.set(criterion.id, score.value);
        if (!Number.isInteger(score.value) || score.value < 0 || score.value > criterion.maxScore) {
          throw DomainError.badInput(`scores.${i}.value`, 'review.valueRange', { max: criterion.maxScore });
        }
      }),
    );
    const missing = criteria.filter((c) => !given.has(c.id));
    if (missing.length > 0)
      field(() => {
        throw DomainError.badInput('scores', 'review.missingCriteria', { count: missing.length });
      });
  });
  return criteria.map((c) => ({ criterionId: c.id, value: given.get(c.id)! }));
}
