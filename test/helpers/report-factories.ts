import { gqlOk } from './graphql.js';
import { myAssignments, startJudging, submitReview, type JudgingFixture } from './judging-factories.js';

/** A review as the test submitted it. */
export interface SubmittedReview {
  reviewId: string;
  ideaId: string;
  /** Index of the juror in the fixture (0-based): its pseudonym is J<index + 1>, jurors being numbered in the order they joined. */
  juror: number;
  /** Values in the order of the challenge's criteria. */
  values: number[];
  total: number;
  comment: string | null;
}

/**
 * Starts judging and has every juror submit every assignment with `score(juror, ideaId, criterion)` (criterion: index in
 * the challenge's order) and `comment(juror, ideaId)`; returns the reviews as submitted (with the totals the API computed).
 */
export async function reviewAll(
  url: string,
  fx: JudgingFixture,
  score: (juror: number, ideaId: string, criterion: number) => number,
  comment: (juror: number, ideaId: string) => string | null = () => null,
): Promise<SubmittedReview[]> {
  await startJudging(url, fx.organizer, fx.challenge.id);
  const submitted: SubmittedReview[] = [];
  for (const [j, juror] of fx.jurors.entries()) {
    for (const assignment of await myAssignments(url, juror.user, fx.challenge.id)) {
      const ideaId: string = assignment.idea.id;
      const values = fx.challenge.criteria.map((_, c) => score(j, ideaId, c));
      const text = comment(j, ideaId);
      const review = await submitReview(
        url,
        juror.user,
        assignment.id,
        fx.challenge.criteria.map((c, i) => ({ criterionId: c.id, value: values[i]! })),
        text ?? undefined,
      );
      submitted.push({ reviewId: review.id, ideaId, juror: j, values, total: review.total, comment: text });
    }
  }
  return submitted;
}

export const LEADERBOARD_IDS = `query($id: ID!, $n: ScoreNormalization) { challenge(id: $id) { leaderboard(normalization: $n) { rank rawScore normalizedScore reviewCount idea { id } } } }`;

export async function leaderboard(
  url: string,
  token: string,
  challengeId: string,
  normalization?: string,
): Promise<{ rank: number | null; rawScore: number | null; normalizedScore: number | null; reviewCount: number; idea: { id: string } }[]> {
  return (await gqlOk(url, LEADERBOARD_IDS, { id: challengeId, n: normalization }, token)).challenge.leaderboard;
}

/** GET of an export path on the API's origin, as a browser or curl would. */
export async function download(apiUrl: string, path: string, token?: string): Promise<{ status: number; body: string; bytes: Buffer; headers: Headers }> {
  const response = await fetch(apiUrl.replace(/\/graphql$/, '') + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, body: bytes.toString('utf8'), bytes, headers: response.headers };
}

/** The error code (and field) of a refused download. */
export function refusal(body: string): { code?: string; field?: string } {
  try {
    const json = JSON.parse(body) as { errors?: { extensions?: { code?: string; field?: string } }[] };
    return { code: json.errors?.[0]?.extensions?.code, field: json.errors?.[0]?.extensions?.field };
  } catch {
    return { code: `UNPARSABLE(${body.slice(0, 80)})` };
  }
}

/** Round to two decimals as the API and the exports do. */
export const round2 = (value: number) => Math.round(value * 100) / 100;
