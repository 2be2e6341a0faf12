import { describe, expect, it } from '@jest/globals';
import { DomainError } from '#platform/errors/domain-error.js';
import { checkReviewScores } from './review-input.js';

const criteria = [
  { id: 'impact', weight: 2, maxScore: 10 },
  { id: 'feasibility', weight: 1, maxScore: 5 },
];

const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return { code: (error as DomainError).code, field: (error as DomainError).field };
  }
  throw new Error('expected a DomainError');
};

describe('checkReviewScores', () => {
  it("returns every criterion once, in the criteria's order, whatever the input order", () => {
    expect(
      checkReviewScores(
        [
          { criterionId: 'feasibility', value: 5 },
          { criterionId: 'impact', value: 0 },
        ],
        criteria,
      ),
    ).toEqual([
      { criterionId: 'impact', value: 0 },
      { criterionId: 'feasibility', value: 5 },
    ]);
  });

  it.each([
    ['an unknown criterion', [{ criterionId: 'beauty', value: 1 }], 'scores.0.criterionId'],
    [
      'a criterion scored twice',
      [
        { criterionId: 'impact', value: 1 },
        { criterionId: 'impact', value: 2 },
      ],
      'scores.1.criterionId',
    ],
    ['a missing criterion', [{ criterionId: 'impact', value: 1 }], 'scores'],
    ['no scores', [], 'scores'],
    [
      'a value above maxScore',
      [
        { criterionId: 'impact', value: 1 },
        { criterionId: 'feasibility', value: 6 },
      ],
      'scores.1.value',
    ],
    [
      'a negative value',
      [
        { criterionId: 'impact', value: -1 },
        { criterionId: 'feasibility', value: 1 },
      ],
      'scores.0.value',
    ],
    [
      'a fractional value',
      [
        { criterionId: 'impact', value: 1.5 },
        { criterionId: 'feasibility', value: 1 },
      ],
      'scores.0.value',
    ],
  ])('refuses %s with BAD_USER_INPUT naming the field', (_what, scores, field) => {
    expect(failure(() => checkReviewScores(scores, criteria))).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('accepts the boundaries 0 and maxScore', () => {
    expect(
      checkReviewScores(
        [
          { criterionId: 'impact', value: 10 },
          { criterionId: 'feasibility', value: 0 },
        ],
        criteria,
      ),
    ).toHaveLength(2);
  });

  it('names every invalid score at once, the first in `field`', () => {
    try {
      checkReviewScores(
        [
          { criterionId: 'beauty', value: 1 },
          { criterionId: 'impact', value: 11 },
          { criterionId: 'feasibility', value: -1 },
        ],
        criteria,
      );
      throw new Error('expected a DomainError');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).field).toBe('scores.0.criterionId');
      expect((error as DomainError).fieldProblems.map((p) => [p.field, p.key])).toEqual([
        ['scores.0.criterionId', 'review.unknownCriterion'],
        ['scores.1.value', 'review.valueRange'],
        ['scores.2.value', 'review.valueRange'],
      ]);
    }
  });
});
