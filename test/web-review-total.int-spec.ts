// The scoring form's live total (apps/web/src/judging/total.ts) is the API's (libs/domain/src/judging/scoring.ts):
// the juror sees, before submitting, the number the API will store. Pure functions: no API, no database.
import { describe, expect, it } from '@jest/globals';
import { reviewTotal as apiTotal } from '#domain/judging/scoring.js';
import { parseScore, reviewTotal as shownTotal, roundScore } from '../apps/web/src/judging/total.js';

/** A small seeded generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('the scoring form total', () => {
  it('equals the API total, to the last bit, over random criteria and scores', () => {
    const next = random(20260301);
    for (let round = 0; round < 2_000; round++) {
      const count = 1 + Math.floor(next() * 8);
      // Weights as the API accepts them: 0 < w <= 100 with at most two decimals; maxima 1 to 100.
      const criteria = Array.from({ length: count }, (_, i) => ({ id: `c${i}`, weight: Math.max(1, Math.round(next() * 10_000)) / 100, maxScore: 1 + Math.floor(next() * 100) }));
      const values = criteria.map((c) => Math.floor(next() * (c.maxScore + 1)));
      const expected = apiTotal(
        criteria.map((c, i) => ({ criterionId: c.id, value: values[i]! })),
        criteria,
      );
      expect(shownTotal(values, criteria)).toBe(expected);
    }
  });

  it('is shown to two decimals', () => {
    const criteria = [
      { weight: 2, maxScore: 10 },
      { weight: 1, maxScore: 5 },
      { weight: 1.5, maxScore: 4 },
    ];
    expect(roundScore(shownTotal([7, 3, 2], criteria)!)).toBe(61.11);
    expect(roundScore(shownTotal([9, 5, 4], criteria)!)).toBe(95.56);
    expect(shownTotal([10, 5, 4], criteria)).toBe(100);
    expect(shownTotal([0, 0, 0], criteria)).toBe(0);
  });

  it('is not shown while a score is missing, not a whole number, or outside 0 to the maximum', () => {
    const criteria = [
      { weight: 1, maxScore: 10 },
      { weight: 1, maxScore: 4 },
    ];
    expect(shownTotal([5, null], criteria)).toBeNull();
    expect(shownTotal([5, Number.NaN], criteria)).toBeNull();
    expect(shownTotal([5, 2.5], criteria)).toBeNull();
    expect(shownTotal([5, 5], criteria)).toBeNull();
    expect(shownTotal([-1, 2], criteria)).toBeNull();
    expect(shownTotal([5], criteria)).toBeNull();
    expect(shownTotal([], [])).toBeNull();
  });

  it('reads a typed score as a whole number, or refuses it', () => {
    expect(parseScore(' 7 ')).toBe(7);
    expect(parseScore('0')).toBe(0);
    expect(parseScore('')).toBeNull();
    expect(parseScore('   ')).toBeNull();
    for (const text of ['7.5', '-1', '1e3', 'sette', '7,0']) expect(parseScore(text)).toBeNaN();
  });
});
