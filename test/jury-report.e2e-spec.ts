// Issue 14.2: Challenge.juryReport against a reference computed here, independently of the service: Krippendorff's
// alpha (interval) through the coincidence matrix, over the totals and per criterion, each juror's leniency by its
// definition, and the most disputed ideas; then who may read it and when.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startApi, type RunningApi } from './helpers/api.js';
import { signUp, type TestUser } from './helpers/factories.js';
import { gql, gqlOk } from './helpers/graphql.js';
import { judgingFixture, PUBLISH_RESULTS, type JudgingFixture } from './helpers/judging-factories.js';
import { reviewAll, round2, type SubmittedReview } from './helpers/report-factories.js';

const CRITERIA = [
  { name: 'Impatto', weight: 2, maxScore: 10 },
  { name: 'Fattibilità', weight: 1, maxScore: 5 },
];
const REPORT = `query($id: ID!, $first: Int) { challenge(id: $id) { id juryReport {
  reviewCount ideaCount agreement { alpha pairableIdeas pairableReviews }
  criteria { criterion { id name } agreement { alpha pairableIdeas } mean }
  jurors { juror { id user { id displayName } } pseudonym reviewCount meanTotal leniency meanDeviation comparedReviews }
  disputedIdeas(first: $first) { idea { id title } reviewCount spread minTotal maxTotal meanTotal standardDeviation }
} } }`;

/**
 * The reference alpha: Krippendorff's coincidence matrix over the distinct values (o_ck gets 1 / (m_u - 1) for each
 * ordered pair of values of a unit), D_o = sum o_ck (c - k)^2 / n, D_e = sum n_c n_k (c - k)^2 / (n (n - 1)).
 */
function referenceAlpha(units: number[][]): number | null {
  const pairable = units.filter((u) => u.length >= 2);
  const values = [...new Set(pairable.flat())].sort((a, b) => a - b);
  const at = new Map(values.map((v, i) => [v, i]));
  const o = values.map(() => new Array<number>(values.length).fill(0));
  for (const unit of pairable) for (const [i, a] of unit.entries()) for (const [j, b] of unit.entries()) if (i !== j) o[at.get(a)!]![at.get(b)!]! += 1 / (unit.length - 1);
  const nc = o.map((row) => row.reduce((s, x) => s + x, 0));
  const n = nc.reduce((s, x) => s + x, 0);
  let observed = 0;
  let expected = 0;
  values.forEach((c, ci) =>
    values.forEach((k, ki) => {
      observed += o[ci]![ki]! * (c - k) ** 2;
      expected += nc[ci]! * nc[ki]! * (c - k) ** 2;
    }),
  );
  return n < 2 || expected === 0 ? null : 1 - observed / n / (expected / (n * (n - 1)));
}

/** T = 100 * sum_c(w_c * v_c / max_c) / sum_c(w_c), from the values a juror gave. */
const exactTotal = (values: number[]) => (100 * CRITERIA.reduce((s, c, i) => s + (c.weight * values[i]!) / c.maxScore, 0)) / CRITERIA.reduce((s, c) => s + c.weight, 0);

const unitsBy = (reviews: SubmittedReview[], value: (r: SubmittedReview) => number) => {
  const units = new Map<string, number[]>();
  for (const r of reviews) units.set(r.ideaId, [...(units.get(r.ideaId) ?? []), value(r)]);
  return [...units.values()];
};

let api: RunningApi;
let fx: JudgingFixture;
let reviews: SubmittedReview[];
let outsider: TestUser;
/** Each juror's bias: the first scores generously, the last harshly. */
const BIAS = [2, 0, 0.5, -2];

beforeAll(async () => {
  api = await startApi();
  fx = await judgingFixture(api.url, { ideas: 7, jurors: 4, overrides: { reviewsPerIdea: 3, criteria: CRITERIA } });
  const quality = new Map(fx.ideas.map((idea, k) => [idea.id, ((k * 37) % 11) / 10]));
  const clamp = (v: number, max: number) => Math.max(0, Math.min(max, Math.round(v)));
  const submitted = await reviewAll(api.url, fx, (j, ideaId, c) => {
    const q = quality.get(ideaId)!;
    const noise = ((j * 7 + ideaId.charCodeAt(0) + c * 3) % 5) - 2;
    return c === 0 ? clamp(10 * q + 2 * BIAS[j]! + noise / 2, 10) : clamp(5 * q + BIAS[j]! + noise / 3, 5);
  });
  // The reference works on the exact totals (docs/rules.md "Totals"); the API shows each to two decimals.
  reviews = submitted.map((r) => ({ ...r, total: exactTotal(r.values) }));
  for (const r of reviews) expect(submitted.find((s) => s.reviewId === r.reviewId)!.total).toBe(round2(r.total));
  outsider = await signUp(api.url, { label: 'outsider' });
}, 120_000);

afterAll(async () => {
  await api?.close();
});

describe('Challenge.juryReport', () => {
  it("gives Krippendorff's alpha (interval) over the totals and per criterion, as the coincidence matrix computes it", async () => {
    const report = (await gqlOk(api.url, REPORT, { id: fx.challenge.id }, fx.organizer.token)).challenge.juryReport;
    expect(report.reviewCount).toBe(reviews.length);
    expect(report.reviewCount).toBe(21);
    expect(report.ideaCount).toBe(7);
    expect(report.agreement).toMatchObject({ pairableIdeas: 7, pairableReviews: 21 });
    const overall = referenceAlpha(unitsBy(reviews, (r) => r.total))!;
    expect(overall).toBeGreaterThan(0);
    expect(report.agreement.alpha).toBeCloseTo(overall, 4);
    expect(report.criteria.map((c: { criterion: { name: string } }) => c.criterion.name)).toEqual(CRITERIA.map((c) => c.name));
    CRITERIA.forEach((_, c) => {
      expect(report.criteria[c].agreement.alpha).toBeCloseTo(referenceAlpha(unitsBy(reviews, (r) => r.values[c]!))!, 4);
      expect(report.criteria[c].mean).toBeCloseTo(reviews.reduce((s, r) => s + r.values[c]!, 0) / reviews.length, 2);
    });
  });

  it("shows each juror's count, mean and leniency against the other reviews of the same ideas", async () => {
    const report = (await gqlOk(api.url, REPORT, { id: fx.challenge.id }, fx.organizer.token)).challenge.juryReport;
    const totals = reviews.map((r) => r.total);
    const mean = totals.reduce((a, b) => a + b, 0) / totals.length;
    const sigma = Math.sqrt(totals.reduce((s, t) => s + (t - mean) ** 2, 0) / totals.length);
    expect(report.jurors.map((j: { juror: { id: string } }) => j.juror.id)).toEqual(fx.jurors.map((j) => j.jurorId));
    expect(report.jurors.map((j: { pseudonym: string }) => j.pseudonym)).toEqual(['J1', 'J2', 'J3', 'J4']);
    fx.jurors.forEach((_juror, j) => {
      const own = reviews.filter((r) => r.juror === j);
      const deviations = own.map((r) => {
        const others = reviews.filter((o) => o.ideaId === r.ideaId && o.juror !== j).map((o) => o.total);
        return r.total - others.reduce((a, b) => a + b, 0) / others.length;
      });
      const deviation = deviations.reduce((a, b) => a + b, 0) / deviations.length;
      const row = report.jurors[j];
      expect(row.juror.user.displayName).toBe(`juror${j}`);
      expect(row.reviewCount).toBe(own.length);
      expect(row.comparedReviews).toBe(own.length);
      expect(Math.abs(row.meanTotal - own.reduce((s, r) => s + r.total, 0) / own.length)).toBeLessThanOrEqual(0.0051);
      expect(Math.abs(row.meanDeviation - deviation)).toBeLessThanOrEqual(0.0051);
      expect(Math.abs(row.leniency - deviation / sigma)).toBeLessThanOrEqual(0.0051);
    });
    // The generous juror is the most lenient, the harsh one the least.
    const leniency = report.jurors.map((j: { leniency: number }) => j.leniency);
    expect(leniency[0]).toBe(Math.max(...leniency));
    expect(leniency[0]).toBeGreaterThan(0);
    expect(leniency[3]).toBe(Math.min(...leniency));
    expect(leniency[3]).toBeLessThan(0);
  });

  it('lists the ideas where reviewers disagree most, the largest spread first', async () => {
    const report = (await gqlOk(api.url, REPORT, { id: fx.challenge.id, first: 3 }, fx.organizer.token)).challenge.juryReport;
    const spreads = fx.ideas
      .map((idea) => {
        const totals = reviews.filter((r) => r.ideaId === idea.id).map((r) => r.total);
        return { id: idea.id, title: idea.title, spread: Math.max(...totals) - Math.min(...totals), min: Math.min(...totals), max: Math.max(...totals) };
      })
      .sort((a, b) => b.spread - a.spread);
    expect(report.disputedIdeas).toHaveLength(3);
    expect(report.disputedIdeas.map((d: { spread: number }) => d.spread)).toEqual(spreads.slice(0, 3).map((s) => round2(s.spread)));
    for (const disputed of report.disputedIdeas) {
      const expected = spreads.find((s) => s.id === disputed.idea.id)!;
      expect(disputed).toMatchObject({
        reviewCount: 3,
        spread: round2(expected.spread),
        minTotal: round2(expected.min),
        maxTotal: round2(expected.max),
        idea: { title: expected.title },
      });
    }
    const all = (await gqlOk(api.url, REPORT, { id: fx.challenge.id, first: 100 }, fx.organizer.token)).challenge.juryReport.disputedIdeas;
    expect(all).toHaveLength(7);
  });

  it('reads in a fixed number of statements, however many ideas and jurors it shows (batched)', async () => {
    const logger = api.app.get(DataSource).logger;
    const statements: string[] = [];
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, queryRunner) => {
      statements.push(query);
      original(query, parameters, queryRunner);
    };
    const count = async (first: number) => {
      statements.length = 0;
      const report = (await gqlOk(api.url, REPORT, { id: fx.challenge.id, first }, fx.organizer.token)).challenge.juryReport;
      expect(report.disputedIdeas).toHaveLength(first);
      return statements.length;
    };
    try {
      const one = await count(1);
      expect(await count(7)).toBe(one);
      expect(one).toBeGreaterThanOrEqual(4); // the challenge, the access check, reviews, criteria, jurors, ideas, people
      expect(one).toBeLessThanOrEqual(12);
    } finally {
      logger.logQuery = original;
    }
  });

  it('refuses a `first` outside 1-100 with BAD_USER_INPUT', async () => {
    for (const first of [0, 101, -1]) {
      const error = (await gql(api.url, REPORT, { id: fx.challenge.id, first }, fx.organizer.token)).errors?.[0];
      expect([first, error?.extensions?.code, error?.extensions?.field]).toEqual([first, 'BAD_USER_INPUT', 'first']);
    }
  });

  it('is for the organizers once judging has started: FORBIDDEN for others, UNAUTHENTICATED without a token, FAILED_PRECONDITION before', async () => {
    const codeAs = async (token: string | undefined, id = fx.challenge.id) => {
      const response = await gql(api.url, `query($id: ID!) { challenge(id: $id) { id juryReport { reviewCount } } }`, { id }, token);
      return { code: response.errors?.[0]?.extensions?.code, challenge: response.data?.challenge?.id ?? null };
    };
    // The challenge itself stays readable: only the report is refused.
    expect(await codeAs(outsider.token)).toEqual({ code: 'FORBIDDEN', challenge: fx.challenge.id });
    expect(await codeAs(fx.jurors[0]!.user.token)).toEqual({ code: 'FORBIDDEN', challenge: fx.challenge.id });
    expect(await codeAs(fx.teacher.token)).toEqual({ code: 'FORBIDDEN', challenge: fx.challenge.id });
    expect(await codeAs(undefined)).toEqual({ code: 'UNAUTHENTICATED', challenge: fx.challenge.id });
    const before = await judgingFixture(api.url, { ideas: 1, jurors: 1 });
    expect(await codeAs(before.organizer.token, before.challenge.id)).toEqual({ code: 'FAILED_PRECONDITION', challenge: before.challenge.id });
  });

  it('stays available once results are published, unchanged', async () => {
    const during = (await gqlOk(api.url, REPORT, { id: fx.challenge.id }, fx.organizer.token)).challenge.juryReport;
    await gqlOk(api.url, PUBLISH_RESULTS, { input: { challengeId: fx.challenge.id, awards: [] } }, fx.organizer.token);
    const after = (await gqlOk(api.url, REPORT, { id: fx.challenge.id }, fx.organizer.token)).challenge.juryReport;
    expect(after).toEqual(during);
  });
});
