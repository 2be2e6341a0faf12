/**
 * Judging benchmarks (docs/rules.md: assignment "must finish in seconds for 5,000 ideas and 500 jurors"; the
 * leaderboard "5,000 ideas with 25,000 reviews in well under a second").
 * Run: npm run build && node dist/bench/assignment.bench.js
 */
import { pathToFileURL } from 'node:url';
import { assignReviews, conflictKey, type AssignReviewsInput } from '#domain/judging/assignment.js';
import { rankIdeas, type RankableIdea, type RankableReview } from '#domain/judging/scoring.js';
import type { BenchResult } from './bench-result.js';

export type { BenchResult } from './bench-result.js';

const IDEAS = 5000;
const JURORS = 500;
const REVIEWS_PER_IDEA = 3;
const CONFLICT_RATE = 0.1;
const RANKED_REVIEWS = 25_000;
const RUNS = 5;
const WARM_UPS = 2;

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

const uuidLike = (prefix: string, i: number) => `${prefix}${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;

function assignmentInstance(): AssignReviewsInput {
  const rand = prng(20260301);
  const start = Date.parse('2026-03-01T00:00:00Z');
  const ideas = Array.from({ length: IDEAS }, (_, i) => ({ id: uuidLike('a', i), submittedAt: new Date(start + i * 1000) }));
  const jurors = Array.from({ length: JURORS }, (_, j) => ({ id: uuidLike('b', j) }));
  const conflicts = new Set<string>();
  for (const idea of ideas) for (const juror of jurors) if (rand() < CONFLICT_RATE) conflicts.add(conflictKey(idea.id, juror.id));
  return { ideas, jurors, reviewsPerIdea: REVIEWS_PER_IDEA, conflicts };
}

function rankingInstance(): { ideas: RankableIdea[]; reviews: RankableReview[] } {
  const rand = prng(7);
  const start = Date.parse('2026-03-01T00:00:00Z');
  const ideas = Array.from({ length: IDEAS }, (_, i) => ({ id: uuidLike('a', i), submittedAt: new Date(start + Math.floor(rand() * 86_400_000)) }));
  const reviews = Array.from({ length: RANKED_REVIEWS }, (_, k) => ({
    ideaId: ideas[k % IDEAS].id,
    jurorId: uuidLike('b', Math.floor(rand() * JURORS)),
    total: Math.round(rand() * 1000) / 10, // totals on a 0.1 grid: plenty of exact ties
  }));
  return { ideas, reviews };
}

function time(fn: () => void, runs: number): number[] {
  for (let i = 0; i < WARM_UPS; i++) fn(); // let the JIT settle before measuring
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

const median = (sorted: number[]) => sorted[Math.floor(sorted.length / 2)];
const round = (ms: number) => Math.round(ms * 10) / 10;

export async function benchAssignment(): Promise<BenchResult[]> {
  const input = assignmentInstance();
  const check = assignReviews(input);
  if (!check.ok || check.assignments.length !== IDEAS * REVIEWS_PER_IDEA) throw new Error('the benchmark instance must be feasible');
  const assignTimes = time(() => void assignReviews(input), RUNS);

  // The predicate form as a caller would build it from the database: conflicting juror ids per idea.
  const byIdea = new Map<string, Set<string>>(input.ideas.map((idea) => [idea.id, new Set<string>()]));
  for (const idea of input.ideas) {
    for (const juror of input.jurors) if ((input.conflicts as ReadonlySet<string>).has(conflictKey(idea.id, juror.id))) byIdea.get(idea.id)!.add(juror.id);
  }
  const predicateInput = { ...input, conflicts: (ideaId: string, jurorId: string) => byIdea.get(ideaId)!.has(jurorId) };
  const predicateTimes = time(() => void assignReviews(predicateInput), RUNS);

  const ranking = rankingInstance();
  const rankTimes = time(() => void rankIdeas({ ...ranking, normalization: 'ZSCORE' }), RUNS);

  const label = `${IDEAS} ideas x ${REVIEWS_PER_IDEA} / ${JURORS} jurors / ${CONFLICT_RATE * 100}% conflicts`;
  return [
    { name: `assignReviews median (${label}, Set)`, value: round(median(assignTimes)), unit: 'ms', goal: '<= 2000 ms', ok: median(assignTimes) <= 2000 },
    { name: `assignReviews worst (${label}, Set)`, value: round(assignTimes.at(-1)!), unit: 'ms', goal: '<= 2000 ms', ok: assignTimes.at(-1)! <= 2000 },
    {
      name: `assignReviews median (${label}, predicate)`,
      value: round(median(predicateTimes)),
      unit: 'ms',
      goal: '<= 2000 ms',
      ok: median(predicateTimes) <= 2000,
    },
    {
      name: `rankIdeas median (${IDEAS} ideas / ${RANKED_REVIEWS} reviews, ZSCORE)`,
      value: round(median(rankTimes)),
      unit: 'ms',
      goal: '<= 100 ms',
      ok: median(rankTimes) <= 100,
    },
  ];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await benchAssignment();
  console.table(results);
  if (results.some((result) => !result.ok)) process.exitCode = 1;
}
