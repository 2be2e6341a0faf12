import { describe, expect, it } from '@jest/globals';
import { rankIdeas, rankScoredIdeas, reviewTotal, type RankableReview, type ScoredIdea } from './scoring.js';

const T0 = Date.parse('2026-03-01T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

describe('reviewTotal', () => {
  const criteria = [
    { id: 'impact', weight: 2, maxScore: 10 },
    { id: 'feasibility', weight: 1, maxScore: 5 },
    { id: 'originality', weight: 3, maxScore: 4 },
  ];

  it('is 100 * sum(w * v / max) / sum(w)', () => {
    // 2 * 7/10 + 1 * 5/5 + 3 * 2/4 = 1.4 + 1 + 1.5 = 3.9; sum(w) = 6; T = 100 * 3.9 / 6 = 65.
    const total = reviewTotal(
      [
        { criterionId: 'originality', value: 2 },
        { criterionId: 'impact', value: 7 },
        { criterionId: 'feasibility', value: 5 },
      ],
      criteria,
    );
    expect(total).toBeCloseTo(65, 12);
  });

  it('is 0 for all zeros and 100 for all maximums', () => {
    expect(
      reviewTotal(
        criteria.map((c) => ({ criterionId: c.id, value: 0 })),
        criteria,
      ),
    ).toBe(0);
    expect(
      reviewTotal(
        criteria.map((c) => ({ criterionId: c.id, value: c.maxScore })),
        criteria,
      ),
    ).toBeCloseTo(100, 12);
  });

  it('ignores criteria of weight 0 in the result', () => {
    // 1 * 3/4 / 1 = 0.75 -> 75; the weight-0 criterion adds 0 to both sums.
    const weighted = [
      { id: 'a', weight: 1, maxScore: 4 },
      { id: 'b', weight: 0, maxScore: 10 },
    ];
    expect(
      reviewTotal(
        [
          { criterionId: 'a', value: 3 },
          { criterionId: 'b', value: 10 },
        ],
        weighted,
      ),
    ).toBe(75);
  });

  it('rejects missing, duplicate and unknown criteria and degenerate weights', () => {
    const full = criteria.map((c) => ({ criterionId: c.id, value: 1 }));
    expect(() => reviewTotal(full.slice(1), criteria)).toThrow(/criterion impact is not scored/);
    expect(() => reviewTotal([...full, { criterionId: 'impact', value: 2 }], criteria)).toThrow(/scored twice/);
    expect(() => reviewTotal([...full, { criterionId: 'other', value: 2 }], criteria)).toThrow(/other is not a criterion/);
    expect(() => reviewTotal([], [])).toThrow(RangeError);
    expect(() => reviewTotal([{ criterionId: 'a', value: 1 }], [{ id: 'a', weight: 0, maxScore: 5 }])).toThrow(/sum to 0/);
    expect(() => reviewTotal([{ criterionId: 'a', value: 1 }], [{ id: 'a', weight: 1, maxScore: 0 }])).toThrow(/maxScore/);
    expect(() => reviewTotal([{ criterionId: 'a', value: NaN }], [{ id: 'a', weight: 1, maxScore: 5 }])).toThrow(/finite/);
  });
});

describe('rankIdeas', () => {
  /*
   * Fixture. Juror A: i1 50, i2 70, i3 50, i4 70 -> mu 60, sigma = sqrt((100 + 100 + 100 + 100) / 4) = 10,
   *   z: i1 -1, i2 +1, i3 -1, i4 +1.
   * Juror B: i1 90, i3 70 -> mu 80, sigma = sqrt((100 + 100) / 2) = 10, z: i1 +1, i3 -1.
   * Juror C: i5 30 only -> sigma 0 -> z 0.
   * raw: i1 (50 + 90) / 2 = 70, i2 70, i3 (50 + 70) / 2 = 60, i4 70, i5 30; i6 has no review.
   * z:   i1 (-1 + 1) / 2 = 0, i2 1, i3 (-1 - 1) / 2 = -1, i4 1, i5 0.
   * Submitted: i5 +0, i2 +1, i4 +2, i1 +3, i3 +4, i6 +5 minutes.
   */
  const ideas = [
    { id: 'i1', submittedAt: at(3) },
    { id: 'i2', submittedAt: at(1) },
    { id: 'i3', submittedAt: at(4) },
    { id: 'i4', submittedAt: at(2) },
    { id: 'i5', submittedAt: at(0) },
    { id: 'i6', submittedAt: at(5) },
  ];
  const reviews: RankableReview[] = [
    { ideaId: 'i1', jurorId: 'A', total: 50 },
    { ideaId: 'i2', jurorId: 'A', total: 70 },
    { ideaId: 'i3', jurorId: 'A', total: 50 },
    { ideaId: 'i4', jurorId: 'A', total: 70 },
    { ideaId: 'i1', jurorId: 'B', total: 90 },
    { ideaId: 'i3', jurorId: 'B', total: 70 },
    { ideaId: 'i5', jurorId: 'C', total: 30 },
  ];
  const scores = {
    i1: { rawScore: 70, normalizedScore: 0, reviewCount: 2 },
    i2: { rawScore: 70, normalizedScore: 1, reviewCount: 1 },
    i3: { rawScore: 60, normalizedScore: -1, reviewCount: 2 },
    i4: { rawScore: 70, normalizedScore: 1, reviewCount: 1 },
    i5: { rawScore: 30, normalizedScore: 0, reviewCount: 1 },
  };
  const unreviewed = { ideaId: 'i6', rank: null, rawScore: null, normalizedScore: null, reviewCount: 0 };

  it('NONE: orders by mean total, a three-way tie shares rank 1 in submission order, then 4, 5, unreviewed last', () => {
    expect(rankIdeas({ ideas, reviews, normalization: 'NONE' })).toEqual([
      { ideaId: 'i2', rank: 1, ...scores.i2 },
      { ideaId: 'i4', rank: 1, ...scores.i4 },
      { ideaId: 'i1', rank: 1, ...scores.i1 },
      { ideaId: 'i3', rank: 4, ...scores.i3 },
      { ideaId: 'i5', rank: 5, ...scores.i5 },
      unreviewed,
    ]);
  });

  it('ZSCORE: orders by mean z (a single-review juror gives z = 0), which differs from NONE', () => {
    // i2, i4 tie at z = 1 (rank 1); i5 (z 0, sigma 0) and i1 (z 0) tie at rank 3, i5 submitted first; i3 at -1 is 5th.
    expect(rankIdeas({ ideas, reviews, normalization: 'ZSCORE' })).toEqual([
      { ideaId: 'i2', rank: 1, ...scores.i2 },
      { ideaId: 'i4', rank: 1, ...scores.i4 },
      { ideaId: 'i5', rank: 3, ...scores.i5 },
      { ideaId: 'i1', rank: 3, ...scores.i1 },
      { ideaId: 'i3', rank: 5, ...scores.i3 },
      unreviewed,
    ]);
  });

  it('does not depend on the order of ideas and reviews', () => {
    const expected = rankIdeas({ ideas, reviews, normalization: 'ZSCORE' });
    expect(rankIdeas({ ideas: [...ideas].reverse(), reviews: [...reviews].reverse(), normalization: 'ZSCORE' })).toEqual(expected);
  });

  it('treats scores within 1e-9 of the first of a tie group as tied, without chaining', () => {
    // One review each, by distinct jurors. Scores: a 80, b 80 - 0.8e-9, c 80 - 1.6e-9, d 80 - 3e-9, e 79.
    // a, b tie (0.8e-9 <= 1e-9 from a); c is 1.6e-9 below the group's first entry a, so it starts a new group
    // (rank 3) although it is only 0.8e-9 below b; d is 1.4e-9 below c: rank 4; e rank 5.
    // Inside the a-b tie, b was submitted earlier, so it comes first.
    const near = [
      { id: 'a', submittedAt: at(2), total: 80 },
      { id: 'b', submittedAt: at(1), total: 80 - 0.8e-9 },
      { id: 'c', submittedAt: at(0), total: 80 - 1.6e-9 },
      { id: 'd', submittedAt: at(0), total: 80 - 3e-9 },
      { id: 'e', submittedAt: at(0), total: 79 },
    ];
    const ranked = rankIdeas({
      ideas: near,
      reviews: near.map((x) => ({ ideaId: x.id, jurorId: `juror-${x.id}`, total: x.total })),
      normalization: 'NONE',
    });
    expect(ranked.map((x) => [x.ideaId, x.rank])).toEqual([
      ['b', 1],
      ['a', 1],
      ['c', 3],
      ['d', 4],
      ['e', 5],
    ]);
  });

  it('breaks ties of equal submittedAt by id, and orders unreviewed ideas by submittedAt then id (string dates too)', () => {
    const same = '2026-03-01T10:00:00.000Z';
    const ranked = rankIdeas({
      ideas: [
        { id: 'u2', submittedAt: '2026-03-01T09:00:00.000Z' },
        { id: 'y', submittedAt: same },
        { id: 'u1', submittedAt: same },
        { id: 'x', submittedAt: same },
        { id: 'u0', submittedAt: same },
      ],
      reviews: [
        { ideaId: 'x', jurorId: 'J', total: 40 },
        { ideaId: 'y', jurorId: 'K', total: 40 },
      ],
      normalization: 'NONE',
    });
    expect(ranked.map((x) => [x.ideaId, x.rank])).toEqual([
      ['x', 1],
      ['y', 1],
      ['u2', null],
      ['u0', null],
      ['u1', null],
    ]);
  });

  it('gives z = 0 for a juror whose totals are equal up to rounding (sigma below the tolerance)', () => {
    // 0.1 three times: the computed mean is 0.10000000000000002, so sigma is ~1e-17 rather than 0; z must be 0, not +-1.
    const ranked = rankIdeas({
      ideas: [
        { id: 'p', submittedAt: at(0) },
        { id: 'q', submittedAt: at(1) },
        { id: 'r', submittedAt: at(2) },
      ],
      reviews: ['p', 'q', 'r'].map((ideaId) => ({ ideaId, jurorId: 'J', total: 0.1 })),
      normalization: 'ZSCORE',
    });
    expect(ranked.map((x) => [x.ideaId, x.rank, x.normalizedScore])).toEqual([
      ['p', 1, 0],
      ['q', 1, 0],
      ['r', 1, 0],
    ]);
  });

  it('counts reviews of ideas not listed towards the juror statistics only', () => {
    // Juror J: listed x 80, unlisted w 60 -> mu 70, sigma 10, z(x) = 1. Without w, sigma would be 0 and z(x) 0.
    const ranked = rankIdeas({
      ideas: [{ id: 'x', submittedAt: at(0) }],
      reviews: [
        { ideaId: 'x', jurorId: 'J', total: 80 },
        { ideaId: 'w', jurorId: 'J', total: 60 },
      ],
      normalization: 'ZSCORE',
    });
    expect(ranked).toEqual([{ ideaId: 'x', rank: 1, rawScore: 80, normalizedScore: 1, reviewCount: 1 }]);
  });

  it('is rankScoredIdeas over the per-idea aggregates (what PostgreSQL computes for the live leaderboard)', () => {
    const aggregated: ScoredIdea[] = ideas.map((idea) => {
      const score = scores[idea.id as keyof typeof scores] as (typeof scores)['i1'] | undefined;
      return {
        id: idea.id,
        submittedAtMs: idea.submittedAt.getTime(),
        reviewCount: score?.reviewCount ?? 0,
        rawScore: score?.rawScore ?? null,
        normalizedScore: score?.normalizedScore ?? null,
      };
    });
    for (const normalization of ['NONE', 'ZSCORE'] as const) {
      expect(rankScoredIdeas(aggregated, normalization)).toEqual(rankIdeas({ ideas, reviews, normalization }));
      expect(rankScoredIdeas([...aggregated].reverse(), normalization)).toEqual(rankIdeas({ ideas, reviews, normalization }));
    }
  });

  it('handles no ideas, and rejects duplicate ids, bad dates and non-finite totals', () => {
    expect(rankIdeas({ ideas: [], reviews: [], normalization: 'ZSCORE' })).toEqual([]);
    expect(() =>
      rankIdeas({
        ideas: [
          { id: 'a', submittedAt: at(0) },
          { id: 'a', submittedAt: at(1) },
        ],
        reviews: [],
        normalization: 'NONE',
      }),
    ).toThrow(/duplicate idea id a/);
    expect(() => rankIdeas({ ideas: [{ id: 'a', submittedAt: 'not a date' }], reviews: [], normalization: 'NONE' })).toThrow(/submittedAt/);
    expect(() => rankIdeas({ ideas: [{ id: 'a', submittedAt: at(0) }], reviews: [{ ideaId: 'a', jurorId: 'J', total: NaN }], normalization: 'NONE' })).toThrow(/non-finite/);
  });

  it('ranks 5,000 ideas with 25,000 reviews in a few milliseconds', () => {
    let seed = 42;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
    const many = Array.from({ length: 5000 }, (_, i) => ({ id: `idea-${i}`, submittedAt: at(i % 977) }));
    const manyReviews = Array.from({ length: 25_000 }, (_, k) => ({
      ideaId: `idea-${k % 5000}`,
      jurorId: `juror-${Math.floor(rand() * 500)}`,
      total: Math.round(rand() * 100_000) / 1000,
    }));
    rankIdeas({ ideas: many, reviews: manyReviews, normalization: 'ZSCORE' }); // warm-up
    const started = performance.now();
    const ranked = rankIdeas({ ideas: many, reviews: manyReviews, normalization: 'ZSCORE' });
    const elapsed = performance.now() - started;
    expect(ranked).toHaveLength(5000);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i]!.normalizedScore!).toBeLessThanOrEqual(ranked[i - 1]!.normalizedScore! + 1e-9);
    expect(elapsed).toBeLessThan(250); // generous for a loaded CI machine; the bench reports the real figure
  });
});

describe('rankScoredIdeas', () => {
  const scored = (id: string, minutes: number, reviewCount: number, rawScore: number | null, normalizedScore: number | null): ScoredIdea => ({
    id,
    submittedAtMs: at(minutes).getTime(),
    reviewCount,
    rawScore,
    normalizedScore,
  });

  it('applies the tie rules to the chosen score and ignores the scores of unreviewed ideas', () => {
    const ranked = rankScoredIdeas(
      [
        scored('a', 3, 2, 70, 0.5),
        scored('b', 2, 1, 70 - 0.5e-9, 0.5 - 1.5e-9),
        scored('c', 1, 3, 60, 0.5 - 0.5e-9),
        scored('u', 0, 0, 99, 99), // no review: its (meaningless) scores do not count
      ],
      'NONE',
    );
    expect(ranked).toEqual([
      { ideaId: 'b', rank: 1, rawScore: 70 - 0.5e-9, normalizedScore: 0.5 - 1.5e-9, reviewCount: 1 },
      { ideaId: 'a', rank: 1, rawScore: 70, normalizedScore: 0.5, reviewCount: 2 },
      { ideaId: 'c', rank: 3, rawScore: 60, normalizedScore: 0.5 - 0.5e-9, reviewCount: 3 },
      { ideaId: 'u', rank: null, rawScore: null, normalizedScore: null, reviewCount: 0 },
    ]);
    // ZSCORE: a (anchor 0.5) and c (0.5e-9 below) tie, c first by submission; b is 1.5e-9 below the anchor.
    expect(
      rankScoredIdeas([scored('a', 3, 2, 70, 0.5), scored('b', 2, 1, 70, 0.5 - 1.5e-9), scored('c', 1, 3, 60, 0.5 - 0.5e-9)], 'ZSCORE').map((e) => [e.ideaId, e.rank]),
    ).toEqual([
      ['c', 1],
      ['a', 1],
      ['b', 3],
    ]);
  });

  it('rejects an invalid submittedAtMs or reviewCount, and a missing or non-finite score of a reviewed idea', () => {
    expect(() => rankScoredIdeas([{ ...scored('a', 0, 1, 1, 1), submittedAtMs: NaN }], 'NONE')).toThrow(/submittedAt/);
    expect(() => rankScoredIdeas([scored('a', 0, 1.5, 1, 1)], 'NONE')).toThrow(/reviewCount/);
    expect(() => rankScoredIdeas([scored('a', 0, -1, 1, 1)], 'NONE')).toThrow(/reviewCount/);
    expect(() => rankScoredIdeas([scored('a', 0, 1, null, 1)], 'ZSCORE')).toThrow(/score/);
    expect(() => rankScoredIdeas([scored('a', 0, 1, 1, Infinity)], 'NONE')).toThrow(/score/);
    expect(rankScoredIdeas([], 'ZSCORE')).toEqual([]);
  });
});
