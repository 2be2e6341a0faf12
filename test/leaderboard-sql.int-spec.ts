// The live leaderboard is aggregated by PostgreSQL (LeaderboardService.scoredIdeas) and ranked by rankScoredIdeas;
// rankIdeas is the in-memory reference of the rules' formulas. These tests hold the two equal on seeded
// challenges, and the ranking frozen by publishResults (freeze) equal to the live one.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { ChallengeAccess } from '#domain/challenges/challenge-access.js';
import { ScoreNormalization } from '#domain/challenges/challenge.entity.js';
import { IdeaReads } from '#domain/ideas/idea-reads.js';
import { LeaderboardService } from '#domain/judging/leaderboard.service.js';
import { rankIdeas, type RankedIdea } from '#domain/judging/scoring.js';
import { openDatabase } from './helpers/db.js';

type IdeaSpec = { key: string; minutes: number; status?: 'SUBMITTED' | 'WITHDRAWN' };
type ReviewSpec = { idea: string; juror: string; total: number };

const T0 = Date.parse('2026-03-01T10:00:00Z');
const NORMALIZATIONS = [ScoreNormalization.NONE, ScoreNormalization.ZSCORE];

let db: DataSource;
let leaderboard: LeaderboardService;

beforeAll(async () => {
  db = await openDatabase();
  leaderboard = new LeaderboardService(db, {} as ChallengeAccess, new IdeaReads(db)); // access checks are not exercised here
});
afterAll(async () => {
  await db.destroy();
});

/** A JUDGING challenge with the given ideas (one team each), jurors and submitted reviews, in bulk. Ideas' ids by key. */
async function seed(ideas: IdeaSpec[], reviews: ReviewSpec[]): Promise<{ challengeId: string; ids: Map<string, string> }> {
  const tag = randomUUID().slice(0, 8);
  return db.transaction(async (m) => {
    const [promoter] = await m.query(`INSERT INTO organization (name, kind) VALUES ('Promotore ' || $1::text, 'PROMOTER') RETURNING id`, [tag]);
    const [challenge] = await m.query(
      `INSERT INTO challenge (organizer_id, slug, title, description, format, status, submission_opens_at, submission_closes_at, judging_closes_at, reviews_per_idea, max_team_size)
       VALUES ($1, 'leaderboard-sql-' || $2::text, 'Classifica', 'Prova.', 'OPEN_HACKATHON', 'JUDGING', now() - interval '30 days', now() - interval '1 day', now() + interval '10 days', 3, 30)
       RETURNING id`,
      [promoter.id, tag],
    );
    const [theme] = await m.query(`INSERT INTO theme (challenge_id, name, position) VALUES ($1, 'Clima', 0) RETURNING id`, [challenge.id]);
    const ideaRows: { id: string; key: string }[] = await m.query(
      `WITH spec AS (SELECT * FROM unnest($3::text[], $4::float8[], $5::idea_status[]) AS s(key, minutes, status)),
            teams AS (
              INSERT INTO team (challenge_id, name, join_code) SELECT $1, 'Squadra ' || key, $6::text || '-' || key FROM spec RETURNING id, name)
       INSERT INTO idea (team_id, challenge_id, theme_id, title, summary, problem, solution, status, submitted_at)
       SELECT t.id, $1, $2, 'Idea ' || s.key, 'Sintesi', 'Problema', 'Soluzione', s.status, to_timestamp($7::float8 / 1000) + s.minutes * interval '1 minute'
         FROM spec s JOIN teams t ON t.name = 'Squadra ' || s.key
       RETURNING id, substr(title, 6) AS key`,
      [challenge.id, theme.id, ideas.map((i) => i.key), ideas.map((i) => i.minutes), ideas.map((i) => i.status ?? 'SUBMITTED'), tag, T0],
    );
    const ids = new Map(ideaRows.map((r) => [r.key, r.id]));
    const jurorKeys = [...new Set(reviews.map((r) => r.juror))];
    const jurorRows: { id: string; key: string }[] = await m.query(
      `WITH users AS (
         INSERT INTO app_user (email, password_hash, display_name)
         SELECT 'giurato-' || $2::text || '-' || key || '@test.invalid', 'x', key FROM unnest($3::text[]) AS key RETURNING id, display_name)
       INSERT INTO juror (challenge_id, user_id) SELECT $1, id FROM users
       RETURNING id, (SELECT display_name FROM users WHERE users.id = user_id) AS key`,
      [challenge.id, tag, jurorKeys],
    );
    const jurors = new Map(jurorRows.map((r) => [r.key, r.id]));
    await m.query(
      `WITH spec AS (SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::float8[]) AS s(idea_id, juror_id, total)),
            assignments AS (
              INSERT INTO review_assignment (challenge_id, idea_id, juror_id, status, due_at)
              SELECT $1, idea_id, juror_id, 'SUBMITTED', now() + interval '10 days' FROM spec RETURNING id, idea_id, juror_id)
       INSERT INTO review (assignment_id, challenge_id, idea_id, juror_id, scores, total, version, submitted_at, updated_at)
       SELECT a.id, $1, a.idea_id, a.juror_id, '[]', s.total, 1, now(), now()
         FROM spec s JOIN assignments a ON a.idea_id = s.idea_id AND a.juror_id = s.juror_id`,
      [challenge.id, reviews.map((r) => ids.get(r.idea)!), reviews.map((r) => jurors.get(r.juror)!), reviews.map((r) => r.total)],
    );
    return { challengeId: challenge.id as string, ids };
  });
}

/** rankIdeas over exactly what the database holds: the SUBMITTED ideas and every review of the challenge. */
async function reference(challengeId: string, normalization: ScoreNormalization): Promise<RankedIdea[]> {
  const ideas: { id: string; submittedAt: Date }[] = await db.query(`SELECT id, submitted_at AS "submittedAt" FROM idea WHERE challenge_id = $1 AND status = 'SUBMITTED'`, [
    challengeId,
  ]);
  const reviews: { ideaId: string; jurorId: string; total: number }[] = await db.query(
    `SELECT idea_id AS "ideaId", juror_id AS "jurorId", total FROM review WHERE challenge_id = $1`,
    [challengeId],
  );
  return rankIdeas({ ideas, reviews, normalization });
}

/** Same ideas in the same order with the same ranks and counts; scores within 1e-9 (null where null). */
function expectSameRanking(actual: RankedIdea[], expected: RankedIdea[]): void {
  expect(actual.map((e) => [e.ideaId, e.rank, e.reviewCount])).toEqual(expected.map((e) => [e.ideaId, e.rank, e.reviewCount]));
  actual.forEach((entry, i) => {
    for (const score of ['rawScore', 'normalizedScore'] as const) {
      const [a, b] = [entry[score], expected[i]![score]];
      if (a === null || b === null) expect([entry.ideaId, score, a]).toEqual([entry.ideaId, score, b]);
      else expect([entry.ideaId, score, Math.abs(a - b) <= 1e-9]).toEqual([entry.ideaId, score, true]);
    }
  });
}

async function live(challengeId: string, normalization: ScoreNormalization): Promise<RankedIdea[]> {
  return (await leaderboard.live(challengeId, normalization)).entries;
}

describe('the SQL-aggregated leaderboard', () => {
  /*
   * Jurors of differing means and spreads: A and B share their habits ({50, 60, 70, 90}: mean 67.5) but swap q and r,
   * so p, q and r tie exactly (raw 70, z 2.5 / sigma) although their z sums add up in different orders; E is harsh
   * and wide (10, 40, 70: mean 40, sigma sqrt(600)); L is lenient and flat (90, 91, 92); S reviews x only (sigma 0:
   * z = 0); R gives 0.1 three times (sigma ~1e-17 after rounding: z = 0); W reviews w and a WITHDRAWN idea, which only
   * feeds W's statistics (w: W's z +1, E's z 30 / sqrt(600)). Near ties for NONE: n1 80, n2 80 - 0.8e-9,
   * n3 80 - 1.6e-9 (one review each, by distinct jurors): ranks k, k, k + 2. C and D swap t1 and t2, which share a
   * submittedAt: tied, ordered by id. u1 and u2 have no review.
   */
  const ideas: IdeaSpec[] = [
    { key: 'p', minutes: 5 },
    { key: 'q', minutes: 4 },
    { key: 'r', minutes: 3 },
    { key: 's', minutes: 2 },
    { key: 'x', minutes: 1 },
    { key: 'l1', minutes: 6 },
    { key: 'l2', minutes: 7 },
    { key: 'l3', minutes: 8 },
    { key: 'n1', minutes: 12 },
    { key: 'n2', minutes: 11 },
    { key: 'n3', minutes: 10 },
    { key: 'o1', minutes: 13 },
    { key: 'o2', minutes: 14 },
    { key: 'o3', minutes: 15 },
    { key: 't1', minutes: 20 },
    { key: 't2', minutes: 20 },
    { key: 'w', minutes: 21 },
    { key: 'gone', minutes: 22, status: 'WITHDRAWN' },
    { key: 'u1', minutes: 30 },
    { key: 'u2', minutes: 29 },
  ];
  const reviews: ReviewSpec[] = [
    { idea: 'p', juror: 'A', total: 70 },
    { idea: 'q', juror: 'A', total: 50 },
    { idea: 'r', juror: 'A', total: 90 },
    { idea: 's', juror: 'A', total: 60 },
    { idea: 'p', juror: 'B', total: 70 },
    { idea: 'q', juror: 'B', total: 90 },
    { idea: 'r', juror: 'B', total: 50 },
    { idea: 's', juror: 'B', total: 60 },
    { idea: 's', juror: 'E', total: 10 },
    { idea: 'l1', juror: 'E', total: 40 },
    { idea: 'w', juror: 'E', total: 70 },
    { idea: 'x', juror: 'S', total: 42 },
    { idea: 'l1', juror: 'L', total: 90 },
    { idea: 'l2', juror: 'L', total: 91 },
    { idea: 'l3', juror: 'L', total: 92 },
    { idea: 'n1', juror: 'N1', total: 80 },
    { idea: 'n2', juror: 'N2', total: 80 - 0.8e-9 },
    { idea: 'n3', juror: 'N3', total: 80 - 1.6e-9 },
    { idea: 'o1', juror: 'R', total: 0.1 },
    { idea: 'o2', juror: 'R', total: 0.1 },
    { idea: 'o3', juror: 'R', total: 0.1 },
    { idea: 't1', juror: 'C', total: 65 },
    { idea: 't2', juror: 'D', total: 65 },
    { idea: 't1', juror: 'D', total: 35 },
    { idea: 't2', juror: 'C', total: 35 },
    { idea: 'w', juror: 'W', total: 80 },
    { idea: 'gone', juror: 'W', total: 60 },
  ];
  let challengeId: string;
  let ids: Map<string, string>;
  const keyOf = (id: string) => [...ids].find(([, value]) => value === id)![0];

  beforeAll(async () => {
    ({ challengeId, ids } = await seed(ideas, reviews));
  });

  it.each(NORMALIZATIONS)('equals rankIdeas over the raw reviews (%s)', async (normalization) => {
    const expected = await reference(challengeId, normalization);
    expect(expected).toHaveLength(19); // every SUBMITTED idea, the WITHDRAWN one left out
    expectSameRanking(await live(challengeId, normalization), expected);
  });

  it('applies the formulas: sigma-0 jurors give z = 0, a WITHDRAWN idea feeds its juror, ties are exact or within 1e-9 of the anchor', async () => {
    const zscore = await live(challengeId, ScoreNormalization.ZSCORE);
    const byKey = new Map(zscore.map((e) => [keyOf(e.ideaId), e]));
    for (const k of ['x', 'o1', 'o2', 'o3', 'n1', 'n2', 'n3']) expect([k, byKey.get(k)!.normalizedScore]).toEqual([k, 0]);
    expect(byKey.get('w')!.normalizedScore).toBeCloseTo((1 + 30 / Math.sqrt(600)) / 2, 12);
    const sigmaAB = Math.sqrt((2.5 ** 2 + 17.5 ** 2 + 22.5 ** 2 + 7.5 ** 2) / 4);
    expect(byKey.get('p')).toMatchObject({ rawScore: 70, reviewCount: 2 });
    expect(byKey.get('p')!.normalizedScore).toBeCloseTo(2.5 / sigmaAB, 12);
    // p, q and r share a rank, in submission order (r, q, p).
    expect(zscore.filter((e) => ['p', 'q', 'r'].includes(keyOf(e.ideaId))).map((e) => [keyOf(e.ideaId), e.rank])).toEqual(['r', 'q', 'p'].map((k) => [k, byKey.get('r')!.rank]));
    expect(byKey.get('t1')!.rank).toBe(byKey.get('t2')!.rank);
    expect(zscore.slice(-2).map((e) => [keyOf(e.ideaId), e.rank, e.rawScore, e.normalizedScore, e.reviewCount])).toEqual([
      ['u2', null, null, null, 0],
      ['u1', null, null, null, 0],
    ]);

    const none = (await live(challengeId, ScoreNormalization.NONE)).map((e) => [keyOf(e.ideaId), e.rank] as const);
    const near = none.filter(([k]) => k.startsWith('n'));
    const first = near[0]![1]!;
    expect(near).toEqual([
      ['n2', first],
      ['n1', first],
      ['n3', first + 2],
    ]);
    const [t1, t2] = [ids.get('t1')!, ids.get('t2')!].sort();
    expect(none.filter(([k]) => k.startsWith('t')).map(([k]) => ids.get(k))).toEqual([t1, t2]); // same submittedAt: by id
  });

  it('freezes (publishResults) exactly the live ranking, under both normalizations', async () => {
    const before = await Promise.all(NORMALIZATIONS.map((n) => live(challengeId, n)));
    expect(await db.transaction((m) => leaderboard.freeze(m, challengeId))).toBe(19);
    const frozen = await Promise.all(NORMALIZATIONS.map(async (n) => (await leaderboard.frozen(challengeId, n)).entries));
    expect(frozen).toEqual(before);
  });
});

describe('the SQL-aggregated leaderboard at scale', () => {
  it.each(NORMALIZATIONS)('equals rankIdeas for 600 ideas, 60 jurors of differing habits, many exact ties (%s)', async (normalization) => {
    let state = 7;
    const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
    const ideas: IdeaSpec[] = Array.from({ length: 600 }, (_, i) => ({ key: `i${i}`, minutes: Math.floor(random() * 200) }));
    ideas.push({ key: 'withdrawn', minutes: 0, status: 'WITHDRAWN' });
    const jurors = Array.from({ length: 60 }, (_, j) => ({ key: `j${j}`, mean: 30 + random() * 50, spread: j % 10 === 0 ? 0 : 2 + random() * 25 }));
    const reviews: ReviewSpec[] = [];
    ideas.forEach((idea, i) => {
      if (i % 50 === 7) return; // some ideas stay unreviewed
      const count = 1 + (i % 5);
      for (let k = 0; k < count; k++) {
        const juror = jurors[(i * 7 + k * 13) % jurors.length]!;
        // Integer totals (as with one criterion out of 100) for exact ties, some weighted ones (thirds) for rounding.
        const value = Math.min(100, Math.max(0, Math.round(juror.mean + (random() - 0.5) * 2 * juror.spread)));
        reviews.push({ idea: idea.key, juror: juror.key, total: i % 3 === 0 ? (100 * (2 * value + 100)) / 300 : value });
      }
    });
    const { challengeId } = await seed(ideas, reviews);
    const expected = await reference(challengeId, normalization);
    expect(expected).toHaveLength(600);
    expect(new Set(expected.map((e) => e.rank)).size).toBeLessThan(expected.length); // ties do happen
    expectSameRanking(await live(challengeId, normalization), expected);
  });
});
