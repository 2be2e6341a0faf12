import os from 'node:os';

/**
 * BENCH_SCALE (default 1): the share of each benchmark's full size to run, e.g. `BENCH_SCALE=0.1 npm run bench` while
 * developing on a shared machine. Sizes (rows, connections, requests) are multiplied by it; goals stay as they are, and
 * every row names the sizes it ran with, so a scaled-down figure is never mistaken for the full one.
 */
export const BENCH_SCALE = parseScale(process.env.BENCH_SCALE);

function parseScale(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  const scale = Number(value);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1) throw new Error(`BENCH_SCALE must be a number in (0, 1], not "${value}"`);
  return scale;
}

/** `full` at BENCH_SCALE, rounded, and never below `min`. */
export const scaled = (full: number, min = 1): number => Math.max(min, Math.round(full * BENCH_SCALE));

/** The 1-minute load average now, to print beside a figure (other work on the shared machine slows what is measured). */
export const loadNow = (): number => Math.round(os.loadavg()[0] * 100) / 100;
