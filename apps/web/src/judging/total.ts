// The review total the API computes (docs/rules.md "Totals", libs/domain/src/judging/scoring.ts `reviewTotal`), for the
// scoring form to show it live before the juror submits. test/web-review-total.int-spec.ts checks both agree.

export interface WeightedCriterion {
  weight: number;
  maxScore: number;
}

/**
 * T = 100 * sum_c(w_c * v_c / max_c) / sum_c(w_c), `values[i]` being the score of `criteria[i]`; null while a value
 * is missing or not an integer from 0 to its maximum (the API would refuse it), or for criteria it could not weigh.
 * The weights are taken relative to the largest one, as the API does, so that the same floating-point sums come out.
 */
export function reviewTotal(values: readonly (number | null)[], criteria: readonly WeightedCriterion[]): number | null {
  if (criteria.length === 0 || values.length !== criteria.length) return null;
  const largest = Math.max(...criteria.map((criterion) => criterion.weight));
  let weighted = 0;
  let weights = 0;
  for (const [i, { weight: given, maxScore }] of criteria.entries()) {
    const value = values[i];
    if (value === null || value === undefined || !Number.isInteger(value) || value < 0 || value > maxScore) return null;
    if (!Number.isFinite(given) || given < 0 || !Number.isFinite(maxScore) || maxScore <= 0) return null;
    const weight = given / (largest > 0 ? largest : 1);
    weighted += (weight * value) / maxScore;
    weights += weight;
  }
  return weights > 0 ? (100 * weighted) / weights : null;
}

/** Scores are shown to two decimals (docs/rules.md: "no 65.00000000000001"). */
export const roundScore = (score: number): number => Math.round(score * 100) / 100;

/** A typed score: the integer, null when empty, NaN when it is not a whole number. */
export function parseScore(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}
