import { describe, expect, it } from '@jest/globals';
import { juryAgreement, type AgreementReview } from './jury-agreement.js';
import { intervalAlpha } from './krippendorff.js';

const review = (ideaId: string, jurorId: string, total: number, impact: number): AgreementReview => ({
  ideaId,
  jurorId,
  total,
  scores: [{ criterionId: 'impact', value: impact }],
});

describe('juryAgreement', () => {
  // Idea a: j1 80, j2 60; idea b: j1 70, j3 50; idea c: j2 40, j3 40; j4 reviewed nothing.
  const reviews = [review('a', 'j1', 80, 8), review('a', 'j2', 60, 6), review('b', 'j1', 70, 7), review('b', 'j3', 50, 4), review('c', 'j2', 40, 4), review('c', 'j3', 40, 4)];
  const report = juryAgreement({ reviews, criterionIds: ['impact', 'unused'], jurorIds: ['j1', 'j2', 'j3', 'j4'] });

  it('computes alpha over the totals and per criterion, ideas as units and jurors as coders', () => {
    expect(report.reviewCount).toBe(6);
    expect(report.ideaCount).toBe(3);
    expect(report.agreement.alpha).toBeCloseTo(
      intervalAlpha([
        [80, 60],
        [70, 50],
        [40, 40],
      ]).alpha!,
      12,
    );
    expect(report.criteria[0]!.agreement.alpha).toBeCloseTo(
      intervalAlpha([
        [8, 6],
        [7, 4],
        [4, 4],
      ]).alpha!,
      12,
    );
    expect(report.criteria[0]!.mean).toBeCloseTo(33 / 6, 12);
    expect(report.criteria[1]).toEqual({ criterionId: 'unused', agreement: expect.objectContaining({ alpha: null, pairableValues: 0 }), mean: null });
  });

  it("measures each juror's leniency against the other reviews of the same ideas, on the jury's standard deviation", () => {
    // All totals: mean 340 / 6, population sigma sqrt(1333.33 / 6) = 14.907.
    const sigma = Math.sqrt([80, 60, 70, 50, 40, 40].reduce((acc, t) => acc + (t - 340 / 6) ** 2, 0) / 6);
    const [j1, j2, j3, j4] = report.jurors;
    expect(j1).toMatchObject({ jurorId: 'j1', reviewCount: 2, meanTotal: 75, meanDeviation: 20, comparedReviews: 2 });
    expect(j1!.leniency).toBeCloseTo(20 / sigma, 12);
    expect(j2).toMatchObject({ reviewCount: 2, meanTotal: 50, meanDeviation: -10 });
    expect(j2!.leniency).toBeCloseTo(-10 / sigma, 12);
    expect(j3!.leniency).toBeCloseTo(-10 / sigma, 12);
    expect(j4).toEqual({ jurorId: 'j4', reviewCount: 0, meanTotal: null, leniency: null, meanDeviation: null, comparedReviews: 0 });
  });

  it('lists the ideas with the largest spread first, ties by standard deviation then id', () => {
    expect(report.disputed.map((d) => [d.ideaId, d.spread, d.standardDeviation])).toEqual([
      ['a', 20, 10],
      ['b', 20, 10],
      ['c', 0, 0],
    ]);
    expect(report.disputed[0]).toMatchObject({ reviewCount: 2, minTotal: 60, maxTotal: 80, meanTotal: 70 });
  });

  it('leaves leniency undefined for a juror without peers and for a jury without any variation', () => {
    const alone = juryAgreement({ reviews: [review('a', 'j1', 80, 8), review('b', 'j2', 50, 5)], criterionIds: [], jurorIds: ['j1', 'j2'] });
    expect(alone.jurors.map((j) => j.leniency)).toEqual([null, null]);
    expect(alone.disputed).toEqual([]);
    expect(alone.agreement.alpha).toBeNull();
    const flat = juryAgreement({ reviews: [review('a', 'j1', 50, 5), review('a', 'j2', 50, 5)], criterionIds: [], jurorIds: ['j1', 'j2'] });
    expect(flat.jurors.map((j) => [j.meanDeviation, j.leniency])).toEqual([
      [0, null],
      [0, null],
    ]);
  });

  it('refuses a second review of one idea by one juror, as reliability data holds one value per unit and coder', () => {
    expect(() => juryAgreement({ reviews: [review('a', 'j1', 80, 8), review('b', 'j1', 60, 6), review('a', 'j1', 70, 7)], criterionIds: ['impact'], jurorIds: ['j1'] })).toThrow(
      RangeError,
    );
  });

  it('counts the first score of a criterion a review gives twice, and ignores criteria not listed', () => {
    const twice: AgreementReview = {
      ideaId: 'a',
      jurorId: 'j1',
      total: 80,
      scores: [
        { criterionId: 'impact', value: 8 },
        { criterionId: 'impact', value: 2 },
        { criterionId: 'other', value: 9 },
      ],
    };
    const report = juryAgreement({ reviews: [twice, review('a', 'j2', 60, 6)], criterionIds: ['impact'], jurorIds: ['j1', 'j2'] });
    expect(report.criteria).toHaveLength(1);
    expect(report.criteria[0]!.mean).toBe(7);
    expect(report.criteria[0]!.agreement.alpha).toBeCloseTo(intervalAlpha([[8, 6]]).alpha ?? Number.NaN, 12);
  });
});
