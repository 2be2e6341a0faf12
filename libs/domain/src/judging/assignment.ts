/**
 * Review assignment (docs/rules.md "Judging" > Assignment and Recusal): pure algorithms, no database, no Nest.
 *
 * Model. Ideas need exactly `reviewsPerIdea` (r) distinct jurors each; a juror may review an idea at most once
 * and never one it has a conflict with; jurors have no capacity limit. A juror's load is its `currentLoad`
 * (reviews it already has, which this function does not move) plus the reviews assigned here.
 */

/**
 * Conflicts of interest, in either form:
 * - a Set of `conflictKey(ideaId, jurorId)` strings (`${ideaId}:${jurorId}`): the fast form, read once in
 *   O(|set|) (plus O(ideas * jurors) lookups when the set is larger than the ideas x jurors grid);
 * - a predicate, called exactly once per (idea, juror) pair: 2.5 million calls for 5,000 ideas x 500 jurors, so it
 *   must be cheap (e.g. a Map of Sets); building a key string per call costs seconds at that size.
 */
export type ConflictSpec = ReadonlySet<string> | ((ideaId: string, jurorId: string) => boolean);

/** The key of a conflict in the Set form of `ConflictSpec`. */
export function conflictKey(ideaId: string, jurorId: string): string {
  return `${ideaId}:${jurorId}`;
}

export function hasConflict(conflicts: ConflictSpec, ideaId: string, jurorId: string): boolean {
  return typeof conflicts === 'function' ? conflicts(ideaId, jurorId) : conflicts.has(conflictKey(ideaId, jurorId));
}

export interface AssignmentIdea {
  id: string;
  /** Accepted so callers can pass their idea rows as they are; it does not influence the assignment. */
  submittedAt: Date | string;
}

export interface AssignmentJuror {
  id: string;
  /** Reviews the juror already has (a non-negative integer, default 0); they count towards the balance. */
  currentLoad?: number;
}

export interface AssignReviewsInput {
  ideas: readonly AssignmentIdea[];
  jurors: readonly AssignmentJuror[];
  reviewsPerIdea: number;
  conflicts: ConflictSpec;
}

export interface ReviewAssignment {
  ideaId: string;
  jurorId: string;
}

export type AssignReviewsResult = { ok: true; assignments: ReviewAssignment[] } | { ok: false; uncoverableIdeas: string[] };

/**
 * Gives every idea exactly `reviewsPerIdea` distinct, non-conflicting jurors, balancing the jurors' loads.
 *
 * Guarantees (all checked by assignment.spec.ts and assignment.property.spec.ts):
 * 1. Coverage: on `ok: true`, every idea appears in exactly `reviewsPerIdea` assignments, with distinct jurors.
 * 2. Conflicts: no assignment pairs an idea with a juror it has a conflict with.
 * 3. Balance ("counts differ by at most one where the conflicts allow"), with load = currentLoad + new reviews:
 *    the result is *decreasingly minimal*: among all assignments satisfying 1 and 2, none has a
 *    lexicographically smaller load vector sorted in decreasing order. Because the achievable load vectors form
 *    an M-convex set (degree vectors of a bipartite b-matching with fixed idea degrees), this implies, at the
 *    same time (Frank & Murota, "Discrete decreasing minimization", 2018-2022):
 *    - the maximum load is the smallest achievable, and the minimum load is the largest achievable
 *      (min-max balanced, and max-min among those), so max - min is the smallest achievable spread;
 *    - the sum of squared loads is minimal;
 *    - whenever some assignment has all loads within one of each other (e.g. no conflicts, equal current
 *      loads), the result does too.
 *    Certificate of optimality, which the algorithm establishes before returning: there are no jurors s, t with
 *    load(s) >= load(t) + 2 and a chain of reassignments (t takes an idea from j1, j1 takes one from j2, ...,
 *    jk takes one from s) moving one review from s to t.
 * 4. Determinism: the result depends only on the ids (ideas and jurors are sorted by id first, with plain
 *    code-unit order), current loads and conflicts, not on input order. Assignments are returned ordered by idea
 *    id, then juror id.
 * 5. Infeasibility: jurors have no capacity limit, so ideas are independent and the instance is infeasible exactly
 *    when some idea has fewer than `reviewsPerIdea` eligible (non-conflicting) jurors; those ideas, and only those
 *    (they are also exactly the ideas a maximum flow leaves short), are returned in `uncoverableIdeas`, sorted by
 *    id, and nothing is assigned.
 *
 * Algorithm. Conflicts become a bitset (ideas x jurors). A greedy pass takes ideas from the most constrained
 * (fewest eligible jurors) to the least, giving each the `r` least-loaded eligible jurors (ties by id). A repair
 * then cancels improving paths: jurors in decreasing load order seed a breadth-first search in the residual graph
 * (juror -> idea it reviews -> eligible juror not reviewing it), sharing the visited set across seeds (a juror
 * reached from a heavier seed needs no second look); the first juror found with load <= seed load - 2 receives a
 * review along the path, and the scan restarts. Each such move lowers the sum of squared loads by at least 2, so
 * the repair terminates, and it stops exactly when the certificate above holds. A scan costs
 * O(ideas * jurors / 32 + ideas * r) thanks to the bitsets; on realistic instances the greedy is already optimal
 * (spread <= 1 needs no scan at all) or needs a handful of moves.
 *
 * Throws RangeError on malformed input: `reviewsPerIdea` or a `currentLoad` not a non-negative integer,
 * duplicate idea or juror ids.
 */
export function assignReviews(input: AssignReviewsInput): AssignReviewsResult {
  const r = input.reviewsPerIdea;
  if (!Number.isSafeInteger(r) || r < 0) throw new RangeError(`reviewsPerIdea must be a non-negative integer, got ${r}`);
  const ideaIds = sortedUniqueIds(
    input.ideas.map((idea) => idea.id),
    'idea',
  );
  const jurors = [...input.jurors].sort((a, b) => compareIds(a.id, b.id));
  const jurorIds = sortedUniqueIds(
    jurors.map((juror) => juror.id),
    'juror',
  );
  const n = ideaIds.length;
  const m = jurorIds.length;
  const words = (m + 31) >>> 5;

  const blocked = conflictMatrix(ideaIds, jurorIds, input.conflicts, words);
  const eligible = new Int32Array(n);
  const uncoverable: string[] = [];
  for (let a = 0; a < n; a++) {
    let count = words * 32;
    for (let w = a * words, end = w + words; w < end; w++) count -= popcount(blocked[w]);
    eligible[a] = count;
    if (count < r) uncoverable.push(ideaIds[a]);
  }
  if (uncoverable.length > 0) return { ok: false, uncoverableIdeas: uncoverable };
  if (r === 0 || n === 0) return { ok: true, assignments: [] };

  const load = new Float64Array(m);
  jurors.forEach((juror, j) => {
    const current = juror.currentLoad ?? 0;
    if (!Number.isSafeInteger(current) || current < 0) {
      throw new RangeError(`currentLoad of juror ${juror.id} must be a non-negative integer, got ${current}`);
    }
    load[j] = current;
  });

  const state: State = {
    n,
    m,
    r,
    words,
    blocked,
    assigned: new Uint32Array(n * words),
    ideaJurors: new Int32Array(n * r),
    jurorIdeas: Array.from({ length: m }, () => [] as number[]),
    load,
  };
  greedy(state, eligible);
  rebalance(state);

  const assignments: ReviewAssignment[] = [];
  for (let a = 0; a < n; a++) {
    const row = Array.from(state.ideaJurors.subarray(a * r, a * r + r)).sort((x, y) => x - y);
    for (const j of row) assignments.push({ ideaId: ideaIds[a], jurorId: jurorIds[j] });
  }
  return { ok: true, assignments };
}

export interface ReplacementCandidate {
  id: string;
  load: number;
}

/**
 * Recusal: the juror to take over `ideaId`, i.e. the least-loaded candidate that is not in `excluded` (the idea's
 * current and recused jurors) and has no conflict with the idea; ties by id (code-unit order). Null when none.
 */
export function pickReplacementJuror<C extends ReplacementCandidate>(input: {
  ideaId: string;
  candidates: readonly C[];
  excluded: ReadonlySet<string>;
  conflicts: ConflictSpec;
}): C | null {
  let best: C | null = null;
  for (const candidate of input.candidates) {
    if (input.excluded.has(candidate.id) || hasConflict(input.conflicts, input.ideaId, candidate.id)) continue;
    if (best === null || candidate.load < best.load || (candidate.load === best.load && compareIds(candidate.id, best.id) < 0)) {
      best = candidate;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------------

interface State {
  n: number;
  m: number;
  r: number;
  /** 32-bit words per idea row of the bitsets. */
  words: number;
  /** Row per idea, bit per juror: conflict, or padding beyond the last juror. */
  blocked: Uint32Array;
  /** Row per idea, bit per juror: the juror reviews the idea. */
  assigned: Uint32Array;
  /** r juror indexes per idea. */
  ideaJurors: Int32Array;
  /** The ideas each juror reviews (new assignments only: current loads are fixed). */
  jurorIdeas: number[][];
  load: Float64Array;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedUniqueIds(ids: string[], what: string): string[] {
  const sorted = [...ids].sort(compareIds);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) throw new RangeError(`duplicate ${what} id ${sorted[i]}`);
  }
  return sorted;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

function bitIndex(lowBit: number): number {
  return 31 - Math.clz32(lowBit);
}

/** Conflicts (and the padding bits past the last juror) as a bitset: row per idea, bit per juror. */
function conflictMatrix(ideaIds: string[], jurorIds: string[], conflicts: ConflictSpec, words: number): Uint32Array {
  const n = ideaIds.length;
  const m = jurorIds.length;
  const bits = new Uint32Array(n * words);
  const set = (a: number, j: number) => {
    bits[a * words + (j >>> 5)] |= 1 << (j & 31);
  };
  if (m % 32 !== 0) {
    const padding = ~((1 << (m % 32)) - 1) >>> 0;
    for (let a = 0; a < n; a++) bits[a * words + words - 1] = padding;
  }
  if (typeof conflicts === 'function') {
    for (let a = 0; a < n; a++) for (let j = 0; j < m; j++) if (conflicts(ideaIds[a], jurorIds[j])) set(a, j);
  } else if (conflicts.size < n * m) {
    // Read the set once. A key matches (idea, juror) exactly when it equals `${idea}:${juror}`; ids containing ':'
    // make several split points possible, and every one that names a known idea and juror counts, as a lookup would.
    const ideaIndex = new Map(ideaIds.map((id, a) => [id, a]));
    const jurorIndex = new Map(jurorIds.map((id, j) => [id, j]));
    for (const key of conflicts) {
      for (let colon = key.indexOf(':'); colon >= 0; colon = key.indexOf(':', colon + 1)) {
        const a = ideaIndex.get(key.slice(0, colon));
        if (a === undefined) continue;
        const j = jurorIndex.get(key.slice(colon + 1));
        if (j !== undefined) set(a, j);
      }
    }
  } else {
    for (let a = 0; a < n; a++) for (let j = 0; j < m; j++) if (conflicts.has(conflictKey(ideaIds[a], jurorIds[j]))) set(a, j);
  }
  return bits;
}

function isBlocked(s: State, a: number, j: number): boolean {
  return (s.blocked[a * s.words + (j >>> 5)] & (1 << (j & 31))) !== 0;
}

/** Most constrained ideas first; each takes its r least-loaded eligible jurors (ties by juror index = id order). */
function greedy(s: State, eligible: Int32Array): void {
  const { n, m, r, load } = s;
  const ideaOrder = Array.from({ length: n }, (_, a) => a).sort((x, y) => eligible[x] - eligible[y] || x - y);
  const less = (x: number, y: number) => load[x] < load[y] || (load[x] === load[y] && x < y);
  // Jurors sorted by (load, index); kept sorted by bubbling each juror right after its load grows by one.
  const order = Int32Array.from({ length: m }, (_, j) => j).sort((x, y) => load[x] - load[y] || x - y);
  const picked = new Int32Array(r);
  for (const a of ideaOrder) {
    let count = 0;
    for (let p = 0; count < r; p++) if (!isBlocked(s, a, order[p])) picked[count++] = p;
    // Right to left, so the positions still to process are untouched by earlier bubbling.
    for (let k = r - 1; k >= 0; k--) {
      let p = picked[k];
      const j = order[p];
      s.ideaJurors[a * r + k] = j;
      s.assigned[a * s.words + (j >>> 5)] |= 1 << (j & 31);
      s.jurorIdeas[j].push(a);
      load[j]++;
      while (p + 1 < m && less(order[p + 1], j)) {
        order[p] = order[p + 1];
        p++;
      }
      order[p] = j;
    }
  }
}

/** Cancels improving paths until none is left (see the certificate in `assignReviews`' comment). */
function rebalance(s: State): void {
  const { n, m, words, load } = s;
  const visitedJuror = new Uint32Array(words);
  const visitedIdea = new Uint8Array(n);
  const parentIdea = new Int32Array(m); // the idea through which a juror was reached
  const parentJuror = new Int32Array(n); // the juror through which an idea was reached
  const queue = new Int32Array(m);
  const byLoad = Int32Array.from({ length: m }, (_, j) => j);
  for (;;) {
    let min = Infinity;
    let max = -Infinity;
    for (let j = 0; j < m; j++) {
      min = Math.min(min, load[j]);
      max = Math.max(max, load[j]);
    }
    if (max - min <= 1) return;
    byLoad.sort((x, y) => load[y] - load[x] || x - y);
    visitedJuror.fill(0);
    visitedIdea.fill(0);
    let moved = false;
    for (let i = 0; i < m && !moved; i++) {
      const source = byLoad[i];
      const threshold = load[source] - 2; // a target needs load <= threshold
      if (threshold < min) break; // every later seed is at most as loaded: nothing left to improve
      if (visitedJuror[source >>> 5] & (1 << (source & 31))) continue;
      visitedJuror[source >>> 5] |= 1 << (source & 31);
      let head = 0;
      let tail = 0;
      queue[tail++] = source;
      search: while (head < tail) {
        const j = queue[head++];
        for (const a of s.jurorIdeas[j]) {
          if (visitedIdea[a]) continue;
          visitedIdea[a] = 1;
          parentJuror[a] = j;
          const row = a * words;
          for (let w = 0; w < words; w++) {
            let free = ~(s.blocked[row + w] | s.assigned[row + w] | visitedJuror[w]);
            while (free !== 0) {
              const low = free & -free;
              free &= free - 1;
              const k = (w << 5) + bitIndex(low);
              visitedJuror[w] |= low;
              parentIdea[k] = a;
              if (load[k] <= threshold) {
                augment(s, source, k, parentIdea, parentJuror);
                moved = true;
                break search;
              }
              queue[tail++] = k;
            }
          }
        }
      }
    }
    if (!moved) return;
  }
}

/** Moves one review from `source` to `target` along the search tree: each juror on the path takes the idea it was reached through from its parent. */
function augment(s: State, source: number, target: number, parentIdea: Int32Array, parentJuror: Int32Array): void {
  const { r, words } = s;
  for (let k = target; k !== source;) {
    const a = parentIdea[k];
    const j = parentJuror[a];
    const fromList = s.jurorIdeas[j];
    const at = fromList.indexOf(a);
    fromList[at] = fromList[fromList.length - 1];
    fromList.pop();
    s.jurorIdeas[k].push(a);
    s.assigned[a * words + (j >>> 5)] &= ~(1 << (j & 31));
    s.assigned[a * words + (k >>> 5)] |= 1 << (k & 31);
    for (let x = a * r; x < a * r + r; x++) if (s.ideaJurors[x] === j) s.ideaJurors[x] = k;
    k = j;
  }
  s.load[source]--;
  s.load[target]++;
}
