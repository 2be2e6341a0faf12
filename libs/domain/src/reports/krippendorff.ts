/**
 * Krippendorff's alpha for the interval metric (delta(c, k) = (c - k)^2), with missing values: pure functions.
 *
 * Reliability data as units: `units[u]` holds the values the coders gave unit u (one per coder who coded it; coders
 * who did not are simply absent). Only pairable values count: units coded by at least two coders. With n the number
 * of pairable values and m_u the number of values of unit u (Krippendorff, "Computing Krippendorff's
 * Alpha-Reliability", 2011):
 *
 *   alpha = 1 - D_o / D_e
 *   D_o = (1 / n) * sum_u sum_{i != j in u} (v_i - v_j)^2 / (m_u - 1)       (observed disagreement)
 *   D_e = (1 / (n (n - 1))) * sum_{i != j among all pairable values} (v_i - v_j)^2   (expected disagreement)
 *
 * Both sums of squared differences are computed through sum_{i != j} (v_i - v_j)^2 = 2 m sum_i (v_i - mean)^2, in
 * two passes (means first) so large totals keep their precision: linear time, no coincidence matrix. The same
 * coefficient through the coincidence matrix is the reference of the unit test (krippendorff.spec.ts).
 */

export interface AlphaResult {
  /** Alpha, or null when it is undefined: fewer than two pairable values, or no variation at all among them (D_e = 0). */
  alpha: number | null;
  /** Units coded by at least two coders. */
  pairableUnits: number;
  /** Values in those units (n). */
  pairableValues: number;
  observedDisagreement: number | null;
  expectedDisagreement: number | null;
}

/** Disagreements below this are treated as none (identical values up to floating-point noise). */
const NO_VARIATION = 1e-12;

/**
 * Interval alpha of reliability data given as units of values (see the file comment). Throws RangeError on a
 * non-finite value.
 */
export function intervalAlpha(units: readonly (readonly number[])[]): AlphaResult {
  let n = 0;
  let pairableUnits = 0;
  let sum = 0;
  for (const values of units) {
    if (values.length < 2) continue;
    pairableUnits++;
    for (const value of values) {
      if (!Number.isFinite(value)) throw new RangeError(`reliability data holds a non-finite value ${value}`);
      sum += value;
    }
    n += values.length;
  }
  if (n < 2) return { alpha: null, pairableUnits, pairableValues: n, observedDisagreement: null, expectedDisagreement: null };
  const mean = sum / n;
  let within = 0; // sum_u sum_{i != j in u} (v_i - v_j)^2 / (m_u - 1)
  let total = 0; // sum_i (v_i - mean)^2 over all pairable values
  for (const values of units) {
    const m = values.length;
    if (m < 2) continue;
    let unitSum = 0;
    for (const value of values) unitSum += value;
    const unitMean = unitSum / m;
    let squares = 0;
    for (const value of values) {
      squares += (value - unitMean) ** 2;
      total += (value - mean) ** 2;
    }
    within += (2 * m * squares) / (m - 1);
  }
  const observed = within / n;
  const expected = (2 * n * total) / (n * (n - 1));
  if (expected < NO_VARIATION) return { alpha: null, pairableUnits, pairableValues: n, observedDisagreement: observed, expectedDisagreement: expected };
  return { alpha: 1 - observed / expected, pairableUnits, pairableValues: n, observedDisagreement: observed, expectedDisagreement: expected };
}

/**
 * The units of reliability data given as (unit, coder, value) triples: one value per unit and coder (a second value of
 * the same pair throws RangeError, as reliability data holds at most one), in first-seen unit order.
 */
export function unitsOf<U, C>(values: Iterable<{ unit: U; coder: C; value: number }>): number[][] {
  const byUnit = new Map<U, { coders: Set<C>; values: number[] }>();
  for (const { unit, coder, value } of values) {
    let entry = byUnit.get(unit);
    if (!entry) byUnit.set(unit, (entry = { coders: new Set(), values: [] }));
    if (entry.coders.has(coder)) throw new RangeError(`unit ${String(unit)} has two values of coder ${String(coder)}`);
    entry.coders.add(coder);
    entry.values.push(value);
  }
  return [...byUnit.values()].map((entry) => entry.values);
}
