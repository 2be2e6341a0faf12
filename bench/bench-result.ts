/** One line of `npm run bench`: a measured figure, its goal and whether it is met. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  goal: string;
  ok: boolean;
  /** The same figure for a reference implementation measured in the same run (e.g. a bare node:http + pg server). */
  baseline?: number;
  /** value compared with baseline, in the direction stated by `goal` (e.g. API req/s divided by baseline req/s). */
  ratio?: number;
  /** The machine's 1-minute load average when the figure was measured (`loadNow()`); run-all fills it in otherwise. */
  load?: number;
}
