/**
 * npm run bench (= npm run build && node dist/bench/run-all.js): every benchmark in order, one table on stdout and in
 * bench/results.md (with the date, Node version and machine). Benchmarks other features own are loaded with a dynamic
 * import, so a module that is not written (or not built) yet is reported as "not built" instead of failing the run.
 * Exits 1 when a goal is missed or a benchmark fails.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchAssignment } from './assignment.bench.js';
import type { BenchResult } from './bench-result.js';
import { benchGallery } from './gallery.bench.js';
import { BENCH_SCALE, loadNow } from './scale.js';

type Bench = () => Promise<BenchResult[]>;

interface Entry {
  /** The module, relative to this file (dist/bench/ at run time). */
  module: string;
  /** The exported function. */
  name: string;
  /** Statically imported benchmarks of this feature. */
  run?: Bench;
}

const BENCHES: Entry[] = [
  { module: './assignment.bench.js', name: 'benchAssignment', run: benchAssignment },
  { module: './gallery.bench.js', name: 'benchGallery', run: benchGallery },
  { module: './leaderboard.bench.js', name: 'benchLeaderboard' },
  { module: './fanout.bench.js', name: 'benchFanout' },
  { module: './email.bench.js', name: 'benchEmail' },
  { module: './deadline-rush.bench.js', name: 'benchDeadlineRush' },
  { module: './sockets.bench.js', name: 'benchSockets' },
  { module: './rosters.bench.js', name: 'benchRosters' },
  { module: './reports.bench.js', name: 'benchReports' },
  { module: './web.bench.js', name: 'benchWeb' },
  { module: './signed-in-pages.bench.js', name: 'benchSignedInPages' },
];

interface Row {
  name: string;
  figure: string;
  unit: string;
  baseline: string;
  ratio: string;
  goal: string;
  ok: string;
  load: string;
  failed: boolean;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** The benchmark function of a module, or why there is none. */
async function load(entry: Entry): Promise<Bench | { missing: string }> {
  if (entry.run) return entry.run;
  const specifier = entry.module; // a variable: tsc must not require the module to exist
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(specifier)) as Record<string, unknown>;
  } catch (error) {
    const e = error as { code?: string; message?: string };
    // Node names the missing file: the module itself ("not built"), or one it imports (a failure).
    if (e.code === 'ERR_MODULE_NOT_FOUND' && (e.message ?? '').includes(path.join(here, entry.module))) return { missing: 'not built' };
    throw error; // the module exists but cannot load: a failure, not an absence
  }
  const fn = loaded[entry.name];
  return typeof fn === 'function' ? (fn as Bench) : { missing: `no export ${entry.name}` };
}

/** Each benchmark gets this long; the whole run must stay within about five minutes. */
const BENCH_TIMEOUT_MS = 150_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const cell = (value: number | undefined) => (value === undefined ? '' : String(value));

async function runAll(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const entry of BENCHES) {
    const label = `${entry.name} (${entry.module.replace('./', 'bench/').replace(/\.js$/, '.ts')})`;
    const started = performance.now();
    process.stderr.write(`running ${label}...\n`);
    try {
      const bench = await load(entry);
      if (typeof bench !== 'function') {
        rows.push({ name: label, figure: '', unit: '', baseline: '', ratio: '', goal: '', ok: bench.missing, load: '', failed: false });
        continue;
      }
      const results = await withTimeout(bench(), BENCH_TIMEOUT_MS);
      const loadAtEnd = loadNow(); // for a figure whose bench did not note the load when it measured
      for (const r of results) {
        rows.push({
          name: r.name,
          figure: cell(r.value),
          unit: r.unit,
          baseline: cell(r.baseline),
          ratio: cell(r.ratio),
          goal: r.goal,
          ok: r.ok ? 'yes' : 'NO',
          load: cell(r.load ?? loadAtEnd),
          failed: !r.ok,
        });
      }
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 200);
      rows.push({ name: label, figure: '', unit: '', baseline: '', ratio: '', goal: '', ok: `FAILED: ${message}`, load: cell(loadNow()), failed: true });
    }
    process.stderr.write(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  return rows;
}

const COLUMNS = ['name', 'figure', 'unit', 'baseline', 'ratio', 'goal', 'ok', 'load'] as const;

function markdownTable(rows: Row[]): string {
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [`| ${COLUMNS.join(' | ')} |`, `|${COLUMNS.map((c) => (c === 'name' || c === 'goal' || c === 'ok' ? '---' : '---:')).join('|')}|`];
  for (const row of rows) lines.push(`| ${COLUMNS.map((c) => escape(row[c])).join(' | ')} |`);
  return lines.join('\n');
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} x ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()} ${os.arch()}`;
}

const started = new Date();
const loadAtStart = os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(' / ');
const rows = await runAll();
const table = markdownTable(rows);
const report = [
  '# Benchmarks',
  '',
  `- date: ${started.toISOString()}`,
  `- node: ${process.version}`,
  `- machine: ${machine()}`,
  `- load average (1 / 5 / 15 min) at start: ${loadAtStart} (other work on the machine slows the servers measured here)`,
  `- duration: ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s`,
  `- scale: ${BENCH_SCALE}${BENCH_SCALE < 1 ? ' (BENCH_SCALE: scaled-down sizes, not the figures of record)' : ' (full size)'}`,
  '',
  'Written by `npm run bench` (bench/run-all.ts). `baseline` is a reference implementation measured in the same run;',
  '`ratio` compares the figure with it in the direction of the goal; `load` is the 1-minute load average of the',
  'machine when the figure was measured.',
  '',
  table,
  '',
].join('\n');
console.log(table);
const target = path.resolve(here, '../../bench/results.md'); // dist/bench -> bench/
await writeFile(target, report);
console.log(`\nwritten to ${path.relative(process.cwd(), target)}`);
// Exit explicitly: a benchmark that leaves a connection or timer open (or timed out) must not keep the run alive.
process.exit(rows.some((r) => r.failed) ? 1 : 0);
