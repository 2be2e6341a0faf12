import { describe, expect, it } from '@jest/globals';
import { assignReviews, conflictKey, pickReplacementJuror, type AssignReviewsInput, type ReviewAssignment } from './assignment.js';

const T0 = new Date('2026-03-01T10:00:00Z');
const ideas = (...ids: string[]) => ids.map((id) => ({ id, submittedAt: T0 }));
const jurors = (...ids: string[]) => ids.map((id) => ({ id }));
const range = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);
/** Conflicts as a Set, from `{ ideaId: [jurorIds] }`. */
const conflictSet = (byIdea: Record<string, string[]>) => new Set(Object.entries(byIdea).flatMap(([ideaId, jurorIds]) => jurorIds.map((jurorId) => conflictKey(ideaId, jurorId))));

function assigned(input: AssignReviewsInput): ReviewAssignment[] {
  const result = assignReviews(input);
  if (!result.ok) throw new Error(`expected ok, uncoverable: ${result.uncoverableIdeas.join(', ')}`);
  return result.assignments;
}

function loads(assignments: ReviewAssignment[], jurorIds: string[]): Record<string, number> {
  const counts = Object.fromEntries(jurorIds.map((id) => [id, 0]));
  for (const { jurorId } of assignments) counts[jurorId]++;
  return counts;
}

/** The three guarantees that do not depend on optimality: exact coverage, distinct jurors, no conflicts. */
function expectValid(input: AssignReviewsInput, assignments: ReviewAssignment[]) {
  const byIdea = new Map<string, string[]>();
  for (const { ideaId, jurorId } of assignments) byIdea.set(ideaId, [...(byIdea.get(ideaId) ?? []), jurorId]);
  expect([...byIdea.keys()].sort()).toEqual(input.reviewsPerIdea === 0 ? [] : input.ideas.map((i) => i.id).sort());
  for (const [ideaId, jurorIds] of byIdea) {
    expect(jurorIds).toHaveLength(input.reviewsPerIdea);
    expect(new Set(jurorIds).size).toBe(input.reviewsPerIdea);
    for (const jurorId of jurorIds) {
      const conflict = typeof input.conflicts === 'function' ? input.conflicts(ideaId, jurorId) : input.conflicts.has(conflictKey(ideaId, jurorId));
      expect(conflict).toBe(false);
    }
  }
}

describe('assignReviews', () => {
  it('without conflicts, gives every idea r distinct jurors and equal loads when the total divides evenly', () => {
    // 10 ideas x 2 reviews = 20 reviews over 4 jurors = 5 each.
    const input = { ideas: ideas(...range('i', 10)), jurors: jurors('a', 'b', 'c', 'd'), reviewsPerIdea: 2, conflicts: new Set<string>() };
    const result = assigned(input);
    expectValid(input, result);
    expect(loads(result, ['a', 'b', 'c', 'd'])).toEqual({ a: 5, b: 5, c: 5, d: 5 });
  });

  it('without conflicts, loads differ by at most one when the total does not divide evenly', () => {
    // 7 ideas x 3 = 21 reviews over 5 jurors: 4 or 5 each (21 = 5 + 4 * 4), i.e. one juror gets 5.
    const input = { ideas: ideas(...range('i', 7)), jurors: jurors('a', 'b', 'c', 'd', 'e'), reviewsPerIdea: 3, conflicts: new Set<string>() };
    const counts = Object.values(loads(assigned(input), ['a', 'b', 'c', 'd', 'e'])).sort();
    expect(counts).toEqual([4, 4, 4, 4, 5]);
  });

  it('returns assignments ordered by idea id then juror id', () => {
    const result = assigned({ ideas: ideas('z', 'y', 'x'), jurors: jurors('c', 'b', 'a'), reviewsPerIdea: 3, conflicts: new Set() });
    expect(result).toEqual(['x', 'y', 'z'].flatMap((ideaId) => ['a', 'b', 'c'].map((jurorId) => ({ ideaId, jurorId }))));
  });

  it('never uses a juror conflicted with every idea, and balances the others', () => {
    // Juror a conflicts with all 6 ideas: 6 x 3 = 18 reviews go to b, c, d = 6 each. Spread 6 is forced by the conflicts.
    const ideaIds = range('i', 6);
    const input = {
      ideas: ideas(...ideaIds),
      jurors: jurors('a', 'b', 'c', 'd'),
      reviewsPerIdea: 3,
      conflicts: conflictSet(Object.fromEntries(ideaIds.map((id) => [id, ['a']]))),
    };
    const result = assigned(input);
    expectValid(input, result);
    expect(loads(result, ['a', 'b', 'c', 'd'])).toEqual({ a: 0, b: 6, c: 6, d: 6 });
  });

  it('fails naming every idea when a juror conflicted with everything leaves too few jurors', () => {
    const ideaIds = range('i', 4);
    const conflicts = conflictSet(Object.fromEntries(ideaIds.map((id) => [id, ['a']])));
    expect(assignReviews({ ideas: ideas(...ideaIds), jurors: jurors('a', 'b', 'c', 'd'), reviewsPerIdea: 4, conflicts })).toEqual({
      ok: false,
      uncoverableIdeas: ideaIds,
    });
  });

  it('balances perfectly around a clique of conflicts (a school whose jurors judge the other school)', () => {
    // Ideas s0..s3 (school S) conflict with jurors a, b (members of S). 8 ideas x 2 = 16 reviews, 4 per juror.
    // s-ideas must take c and d (8 reviews: c = d = 4), so the o-ideas must take exactly a and b (a = b = 4).
    const sIdeas = ['s0', 's1', 's2', 's3'];
    const input = {
      ideas: ideas(...sIdeas, 'o0', 'o1', 'o2', 'o3'),
      jurors: jurors('a', 'b', 'c', 'd'),
      reviewsPerIdea: 2,
      conflicts: conflictSet(Object.fromEntries(sIdeas.map((id) => [id, ['a', 'b']]))),
    };
    const result = assigned(input);
    expectValid(input, result);
    expect(loads(result, ['a', 'b', 'c', 'd'])).toEqual({ a: 4, b: 4, c: 4, d: 4 });
    expect(result.filter((x) => x.ideaId.startsWith('o')).every((x) => x.jurorId === 'a' || x.jurorId === 'b')).toBe(true);
  });

  it('is balanced on a tight instance where least-loaded greedy is not (r = 1)', () => {
    // i0 conflicts c, i1 conflicts a and b, i2 conflicts b. Eligible: i0 {a, b}, i1 {c}, i2 {a, c}.
    // Greedy, most constrained first, least loaded (ties by id): i1 -> c; i0 -> a; i2 -> a (a and c both have 1)
    // giving loads a 2, b 0, c 1. The only perfect assignment: i0 -> b, i1 -> c, i2 -> a (1, 1, 1).
    const input = {
      ideas: ideas('i0', 'i1', 'i2'),
      jurors: jurors('a', 'b', 'c'),
      reviewsPerIdea: 1,
      conflicts: conflictSet({ i0: ['c'], i1: ['a', 'b'], i2: ['b'] }),
    };
    expect(assigned(input)).toEqual([
      { ideaId: 'i0', jurorId: 'b' },
      { ideaId: 'i1', jurorId: 'c' },
      { ideaId: 'i2', jurorId: 'a' },
    ]);
  });

  it('is balanced on a tight instance where least-loaded greedy is not (r = 2)', () => {
    // i0 conflicts a; i1 conflicts b, d; i2 conflicts c; i3 conflicts c. 8 reviews over 4 jurors: the optimum is 2 each.
    // Greedy: i1 (only {a, c}) -> a, c; i0 {b, c, d} -> b, d; i2 {a, b, d} -> a, b; i3 {a, b, d} -> d, a: a = 3.
    // i1 must take a and c, so i2 and i3 share a once, b twice and d twice, and i0 takes c with one of b, d:
    // e.g. i0 -> c, d; i1 -> a, c; i2 -> a, b; i3 -> b, d.
    const input = {
      ideas: ideas('i0', 'i1', 'i2', 'i3'),
      jurors: jurors('a', 'b', 'c', 'd'),
      reviewsPerIdea: 2,
      conflicts: conflictSet({ i0: ['a'], i1: ['b', 'd'], i2: ['c'], i3: ['c'] }),
    };
    const result = assigned(input);
    expectValid(input, result);
    expect(loads(result, ['a', 'b', 'c', 'd'])).toEqual({ a: 2, b: 2, c: 2, d: 2 });
  });

  it('lets forced imbalance stand but lifts the minimum as far as the conflicts allow', () => {
    // x0..x3 can only be reviewed by a (conflict with b, c); y0, y1 by anyone. r = 1.
    // a is forced to >= 4; the best is y0, y1 -> b, c: loads a 4, b 1, c 1 (max 4 minimal, min 1 maximal).
    const input = {
      ideas: ideas('x0', 'x1', 'x2', 'x3', 'y0', 'y1'),
      jurors: jurors('a', 'b', 'c'),
      reviewsPerIdea: 1,
      conflicts: conflictSet({ x0: ['b', 'c'], x1: ['b', 'c'], x2: ['b', 'c'], x3: ['b', 'c'] }),
    };
    expect(loads(assigned(input), ['a', 'b', 'c'])).toEqual({ a: 4, b: 1, c: 1 });
  });

  it('counts current loads towards the balance', () => {
    // a already has 4 reviews, b 1, c 0; 5 new reviews (r = 1), 10 in all. The max cannot go below a's 4, and
    // with a at 4 the other 6 split b + 2, c + 3 -> totals 4, 3, 3 (b + 3, c + 2 would give 4, 4, 2: a lower minimum).
    const input = {
      ideas: ideas(...range('i', 5)),
      jurors: [
        { id: 'a', currentLoad: 4 },
        { id: 'b', currentLoad: 1 },
        { id: 'c', currentLoad: 0 },
      ],
      reviewsPerIdea: 1,
      conflicts: new Set<string>(),
    };
    expect(loads(assigned(input), ['a', 'b', 'c'])).toEqual({ a: 0, b: 2, c: 3 });
  });

  it('fails naming exactly the ideas with too few eligible jurors, sorted by id', () => {
    // r = 2 with jurors a, b, c: i1 has only c eligible, i3 has none; i0 and i2 have 2 or 3.
    const result = assignReviews({
      ideas: ideas('i3', 'i2', 'i1', 'i0'),
      jurors: jurors('a', 'b', 'c'),
      reviewsPerIdea: 2,
      conflicts: conflictSet({ i0: ['a'], i1: ['a', 'b'], i3: ['a', 'b', 'c'] }),
    });
    expect(result).toEqual({ ok: false, uncoverableIdeas: ['i1', 'i3'] });
  });

  it('fails naming every idea when reviewsPerIdea exceeds the number of jurors', () => {
    expect(assignReviews({ ideas: ideas('i1', 'i0'), jurors: jurors('a', 'b'), reviewsPerIdea: 3, conflicts: new Set() })).toEqual({
      ok: false,
      uncoverableIdeas: ['i0', 'i1'],
    });
    expect(assignReviews({ ideas: ideas('i0'), jurors: [], reviewsPerIdea: 1, conflicts: new Set() })).toEqual({ ok: false, uncoverableIdeas: ['i0'] });
  });

  it('assigns nothing for no ideas or zero reviews per idea', () => {
    expect(assignReviews({ ideas: [], jurors: jurors('a'), reviewsPerIdea: 2, conflicts: new Set() })).toEqual({ ok: true, assignments: [] });
    expect(assignReviews({ ideas: ideas('i0'), jurors: [], reviewsPerIdea: 0, conflicts: new Set() })).toEqual({ ok: true, assignments: [] });
  });

  it('accepts conflicts as a predicate, with the same result as the Set form', () => {
    const byIdea: Record<string, string[]> = { i0: ['c'], i1: ['a', 'b'], i2: ['b'] };
    const base = { ideas: ideas('i0', 'i1', 'i2'), jurors: jurors('a', 'b', 'c'), reviewsPerIdea: 1 };
    const viaSet = assignReviews({ ...base, conflicts: conflictSet(byIdea) });
    const viaPredicate = assignReviews({ ...base, conflicts: (ideaId, jurorId) => (byIdea[ideaId] ?? []).includes(jurorId) });
    expect(viaPredicate).toEqual(viaSet);
  });

  it('reads Set keys exactly as lookups would, also with ids containing ":" and a set larger than the grid', () => {
    // Ideas "x" and "x:y", jurors "y:z" and "z": key "x:y:z" names both (x, y:z) and (x:y, z).
    const base = { ideas: ideas('x', 'x:y'), jurors: jurors('y:z', 'z'), reviewsPerIdea: 1 };
    expect(assigned({ ...base, conflicts: new Set(['x:y:z']) })).toEqual([
      { ideaId: 'x', jurorId: 'z' },
      { ideaId: 'x:y', jurorId: 'y:z' },
    ]);
    const big = new Set(['x:y:z', 'other:1', 'other:2', 'other:3', 'other:4']); // 5 keys > 2 x 2 pairs: looked up pair by pair
    expect(assigned({ ...base, conflicts: big })).toEqual([
      { ideaId: 'x', jurorId: 'z' },
      { ideaId: 'x:y', jurorId: 'y:z' },
    ]);
  });

  it('rejects malformed input', () => {
    const base = { ideas: ideas('i0'), jurors: jurors('a'), reviewsPerIdea: 1, conflicts: new Set<string>() };
    expect(() => assignReviews({ ...base, reviewsPerIdea: -1 })).toThrow(RangeError);
    expect(() => assignReviews({ ...base, reviewsPerIdea: 1.5 })).toThrow(RangeError);
    expect(() => assignReviews({ ...base, ideas: ideas('i0', 'i0') })).toThrow(/duplicate idea id i0/);
    expect(() => assignReviews({ ...base, jurors: jurors('a', 'a') })).toThrow(/duplicate juror id a/);
    expect(() => assignReviews({ ...base, jurors: [{ id: 'a', currentLoad: -1 }] })).toThrow(RangeError);
  });
});

describe('pickReplacementJuror', () => {
  const candidates = [
    { id: 'd', load: 1 },
    { id: 'c', load: 2 },
    { id: 'b', load: 1 },
    { id: 'a', load: 0 },
  ];

  it('picks the least-loaded eligible juror not already assigned, ties by id', () => {
    // a (load 0) is excluded (it is already assigned, or recused): b and d tie at 1, b wins by id.
    expect(pickReplacementJuror({ ideaId: 'i', candidates, excluded: new Set(['a']), conflicts: new Set() })).toEqual({ id: 'b', load: 1 });
  });

  it('skips conflicting jurors, in both conflict forms', () => {
    const conflicts = new Set([conflictKey('i', 'a'), conflictKey('i', 'b')]);
    expect(pickReplacementJuror({ ideaId: 'i', candidates, excluded: new Set(), conflicts })?.id).toBe('d');
    expect(pickReplacementJuror({ ideaId: 'i', candidates, excluded: new Set(), conflicts: (_, jurorId) => jurorId !== 'c' })?.id).toBe('c');
  });

  it('returns null when nobody is eligible', () => {
    expect(pickReplacementJuror({ ideaId: 'i', candidates, excluded: new Set(['a', 'b', 'c']), conflicts: new Set([conflictKey('i', 'd')]) })).toBeNull();
    expect(pickReplacementJuror({ ideaId: 'i', candidates: [], excluded: new Set(), conflicts: new Set() })).toBeNull();
  });
});
