import { describe, expect, it } from '@jest/globals';
import { assignReviews, conflictKey, type AssignReviewsInput, type AssignReviewsResult } from './assignment.js';

/** mulberry32: a tiny seeded PRNG, uniform in [0, 1). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const randInt = (rand: () => number, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
function shuffle<T>(rand: () => number, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const k = randInt(rand, 0, i);
    [out[i], out[k]] = [out[k]!, out[i]!];
  }
  return out;
}

/** An instance with its conflicts also as a matrix over the ideas and jurors in generation order. */
interface Instance {
  ideaIds: string[];
  jurorIds: string[];
  current: number[];
  r: number;
  conflict: boolean[][];
}

function toInput(inst: Instance, rand?: () => number): AssignReviewsInput {
  const pairs = inst.ideaIds.flatMap((ideaId, a) => inst.jurorIds.filter((_, j) => inst.conflict[a]![j]).map((jurorId) => conflictKey(ideaId, jurorId)));
  const ideas = inst.ideaIds.map((id) => ({ id, submittedAt: new Date(0) }));
  const jurors = inst.jurorIds.map((id, j) => ({ id, currentLoad: inst.current[j] }));
  return {
    ideas: rand ? shuffle(rand, ideas) : ideas,
    jurors: rand ? shuffle(rand, jurors) : jurors,
    reviewsPerIdea: inst.r,
    conflicts: new Set(rand ? shuffle(rand, pairs) : pairs),
  };
}

/** Random conflicts of several shapes: uniform, school cliques, a juror conflicted with everything, none. */
function randomInstance(rand: () => number, size: 'small' | 'medium'): Instance {
  const n = size === 'small' ? randInt(rand, 1, 6) : randInt(rand, 5, 40);
  const m = size === 'small' ? randInt(rand, 1, 5) : randInt(rand, 3, 12);
  const r = randInt(rand, 1, Math.min(size === 'small' ? 3 : 4, m + 1)); // sometimes r > m: infeasible
  // Ids in a scrambled order relative to generation, so sorting by id matters.
  const ideaIds = Array.from({ length: n }, (_, a) => `idea-${((a * 7919) % 1000).toString(36)}-${a}`);
  const jurorIds = Array.from({ length: m }, (_, j) => `juror-${((j * 104729) % 997).toString(36)}-${j}`);
  const current = Array.from({ length: m }, () => (rand() < 0.3 ? randInt(rand, 0, 4) : 0));
  const shape = randInt(rand, 0, 3);
  const p = [0.1, 0.3, 0.5][randInt(rand, 0, 2)]!;
  const schools = randInt(rand, 2, 4);
  const ideaSchool = ideaIds.map(() => randInt(rand, 0, schools - 1));
  const jurorSchool = jurorIds.map(() => randInt(rand, 0, schools)); // `schools` = no school
  const hater = randInt(rand, 0, m - 1);
  const conflict = ideaIds.map((_, a) =>
    jurorIds.map((_, j) => {
      switch (shape) {
        case 0:
          return rand() < p;
        case 1:
          return ideaSchool[a] === jurorSchool[j] || rand() < p / 5;
        case 2:
          return j === hater || rand() < p / 3;
        default:
          return false;
      }
    }),
  );
  return { ideaIds, jurorIds, current, r, conflict };
}

const eligibleJurors = (inst: Instance, a: number) => inst.jurorIds.map((_, j) => j).filter((j) => !inst.conflict[a]![j]);

function loadsOf(inst: Instance, result: Extract<AssignReviewsResult, { ok: true }>): number[] {
  const index = new Map(inst.jurorIds.map((id, j) => [id, j]));
  const loads = [...inst.current];
  for (const { jurorId } of result.assignments) loads[index.get(jurorId)!]!++;
  return loads;
}

function combinations(items: number[], k: number): number[][] {
  if (k === 0) return [[]];
  if (items.length < k) return [];
  const [head, ...tail] = items;
  return [...combinations(tail, k - 1).map((c) => [head!, ...c]), ...combinations(tail, k)];
}

/** Exhaustive search: the smallest achievable max load, largest achievable min load, smallest sum of squares. */
function bruteForce(inst: Instance): { minMax: number; maxMin: number; minSquares: number } | null {
  const options = inst.ideaIds.map((_, a) => combinations(eligibleJurors(inst, a), inst.r));
  if (options.reduce((product, o) => product * o.length, 1) > 20_000) return null;
  const loads = [...inst.current];
  const best = { minMax: Infinity, maxMin: -Infinity, minSquares: Infinity };
  const visit = (a: number) => {
    if (a === options.length) {
      best.minMax = Math.min(best.minMax, Math.max(...loads));
      best.maxMin = Math.max(best.maxMin, Math.min(...loads));
      best.minSquares = Math.min(
        best.minSquares,
        loads.reduce((sum, x) => sum + x * x, 0),
      );
      return;
    }
    for (const choice of options[a]!) {
      for (const j of choice) loads[j]!++;
      visit(a + 1);
      for (const j of choice) loads[j]!--;
    }
  };
  visit(0);
  return best;
}

/** Edmonds-Karp on source -> idea (cap r) -> eligible juror (cap 1) -> sink (cap max(0, L - current)): can every idea be covered with loads <= L? */
function coverableWithMaxLoad(inst: Instance, maxLoad: number): boolean {
  const n = inst.ideaIds.length;
  const m = inst.jurorIds.length;
  const size = n + m + 2;
  const source = n + m;
  const sink = n + m + 1;
  const cap = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let a = 0; a < n; a++) {
    cap[source]![a] = inst.r;
    for (const j of eligibleJurors(inst, a)) cap[a]![n + j] = 1;
  }
  for (let j = 0; j < m; j++) cap[n + j]![sink] = Math.max(0, maxLoad - inst.current[j]!);
  let flow = 0;
  for (;;) {
    const parent = new Array<number>(size).fill(-1);
    parent[source] = source;
    const queue = [source];
    while (queue.length > 0 && parent[sink] === -1) {
      const u = queue.shift()!;
      for (let v = 0; v < size; v++) {
        if (parent[v] === -1 && cap[u]![v]! > 0) {
          parent[v] = u;
          queue.push(v);
        }
      }
    }
    if (parent[sink] === -1) return flow === n * inst.r;
    for (let v = sink; v !== source; v = parent[v]!) {
      cap[parent[v]!]![v]!--;
      cap[v]![parent[v]!]!++;
    }
    flow++;
  }
}

function flowMinMaxLoad(inst: Instance): number {
  let maxLoad = Math.max(...inst.current);
  while (!coverableWithMaxLoad(inst, maxLoad)) maxLoad++;
  return maxLoad;
}

/**
 * Independent optimality certificate: no jurors s, t with load(s) >= load(t) + 2 such that one review can move from s to t
 * through a chain of reassignments (t takes an idea from some juror, which takes one from another, ..., from s).
 */
function improvingPairs(inst: Instance, result: Extract<AssignReviewsResult, { ok: true }>): string[] {
  const loads = loadsOf(inst, result);
  const ideaIndex = new Map(inst.ideaIds.map((id, a) => [id, a]));
  const jurorIndex = new Map(inst.jurorIds.map((id, j) => [id, j]));
  const has = inst.ideaIds.map(() => new Set<number>());
  for (const { ideaId, jurorId } of result.assignments) has[ideaIndex.get(ideaId)!]!.add(jurorIndex.get(jurorId)!);
  const found: string[] = [];
  inst.jurorIds.forEach((_, s) => {
    const reached = new Set([s]);
    const queue = [s];
    while (queue.length > 0) {
      const j = queue.shift()!;
      has.forEach((jurors, a) => {
        if (!jurors.has(j)) return;
        for (const k of eligibleJurors(inst, a)) {
          if (!jurors.has(k) && !reached.has(k)) {
            reached.add(k);
            queue.push(k);
          }
        }
      });
    }
    for (const t of reached) if (loads[s]! >= loads[t]! + 2) found.push(`${inst.jurorIds[s]} -> ${inst.jurorIds[t]}`);
  });
  return found;
}

/** Coverage with distinct jurors, no conflicts; on infeasible instances, exactly the short ideas named. */
function expectCoverage(inst: Instance, result: AssignReviewsResult): result is Extract<AssignReviewsResult, { ok: true }> {
  const short = inst.ideaIds.filter((_, a) => eligibleJurors(inst, a).length < inst.r).sort();
  if (short.length > 0) {
    expect(result).toEqual({ ok: false, uncoverableIdeas: short });
    return false;
  }
  expect(result.ok).toBe(true);
  if (!result.ok) return false;
  const ideaIndex = new Map(inst.ideaIds.map((id, a) => [id, a]));
  const jurorIndex = new Map(inst.jurorIds.map((id, j) => [id, j]));
  const byIdea = inst.ideaIds.map(() => [] as number[]);
  const violations: string[] = [];
  for (const { ideaId, jurorId } of result.assignments) {
    const a = ideaIndex.get(ideaId)!;
    const j = jurorIndex.get(jurorId)!;
    if (inst.conflict[a]![j]) violations.push(`conflict ${ideaId} / ${jurorId}`);
    byIdea[a]!.push(j);
  }
  byIdea.forEach((jurors, a) => {
    if (jurors.length !== inst.r || new Set(jurors).size !== inst.r) violations.push(`${inst.ideaIds[a]} has jurors ${jurors.join(', ')}`);
  });
  expect(violations).toEqual([]);
  return true;
}

describe('assignReviews properties (seeded random instances)', () => {
  it('covers exactly, avoids conflicts and matches the brute-force optimum on small instances', () => {
    let compared = 0;
    let infeasible = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const inst = randomInstance(prng(seed), 'small');
      const result = assignReviews(toInput(inst));
      if (!expectCoverage(inst, result)) {
        infeasible++;
        continue;
      }
      const best = bruteForce(inst);
      if (best === null) continue;
      compared++;
      // The max is minimal, the min maximal (both at once), the sum of squares minimal: the spread max - min
      // equals the lower bound minMax - maxMin that any assignment must respect.
      const loads = loadsOf(inst, result);
      expect({ seed, max: Math.max(...loads), min: Math.min(...loads), squares: loads.reduce((s, x) => s + x * x, 0) }).toEqual({
        seed,
        max: best.minMax,
        min: best.maxMin,
        squares: best.minSquares,
      });
    }
    expect(compared).toBeGreaterThan(150);
    expect(infeasible).toBeGreaterThan(10);
  });

  it('reaches the flow lower bound on the max load and leaves no improving path on medium instances', () => {
    let feasible = 0;
    for (let seed = 1001; seed <= 1200; seed++) {
      const inst = randomInstance(prng(seed), 'medium');
      const result = assignReviews(toInput(inst));
      if (!expectCoverage(inst, result)) continue;
      feasible++;
      expect({ seed, max: Math.max(...loadsOf(inst, result)) }).toEqual({ seed, max: flowMinMaxLoad(inst) });
      expect({ seed, improving: improvingPairs(inst, result) }).toEqual({ seed, improving: [] });
    }
    expect(feasible).toBeGreaterThan(100);
  });

  it('keeps loads within one of each other when there are no conflicts and no current loads', () => {
    for (let seed = 2001; seed <= 2100; seed++) {
      const rand = prng(seed);
      const m = randInt(rand, 1, 30);
      const inst: Instance = {
        ideaIds: Array.from({ length: randInt(rand, 0, 200) }, (_, a) => `i${a}`),
        jurorIds: Array.from({ length: m }, (_, j) => `j${j}`),
        current: new Array<number>(m).fill(0),
        r: randInt(rand, 1, Math.min(5, m)),
        conflict: [],
      };
      inst.conflict = inst.ideaIds.map(() => new Array<boolean>(m).fill(false));
      const result = assignReviews(toInput(inst));
      if (!expectCoverage(inst, result)) continue;
      const loads = loadsOf(inst, result);
      expect({ seed, spread: Math.max(...loads) - Math.min(...loads) <= 1 }).toEqual({ seed, spread: true });
    }
  });

  it('is deterministic: shuffled ideas, jurors and conflicts, and the predicate form, give the same result', () => {
    for (let seed = 3001; seed <= 3100; seed++) {
      const rand = prng(seed);
      const inst = randomInstance(rand, seed % 2 === 0 ? 'small' : 'medium');
      const expected = assignReviews(toInput(inst));
      const shuffled = toInput(inst, rand);
      expect(assignReviews(shuffled)).toEqual(expected);
      const conflictSet = shuffled.conflicts as ReadonlySet<string>;
      expect(assignReviews({ ...shuffled, conflicts: (ideaId, jurorId) => conflictSet.has(conflictKey(ideaId, jurorId)) })).toEqual(expected);
    }
  });
});
