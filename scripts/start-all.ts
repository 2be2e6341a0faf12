// npm start: runs the built API and worker together for a newcomer (production runs them as separate processes).
// The API migrates the database at boot, so the worker starts only once the API answers /health/ready.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '#platform/config/app-config.js';

const DIST = resolve(dirname(fileURLToPath(import.meta.url)), '..'); // dist/
const READY_TIMEOUT_MS = Number(process.env.START_READY_TIMEOUT_MS ?? 120_000);

let config;
try {
  config = loadConfig(); // the same check both processes make, once, with the message naming the variable
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}

const children = new Set<ChildProcess>();
let stopping = false;

function start(name: string, entry: string): ChildProcess {
  const child = spawn(process.execPath, [resolve(DIST, entry)], { stdio: 'inherit', env: process.env });
  children.add(child);
  child.once('exit', (code, signal) => {
    children.delete(child);
    if (stopping) return stopAll(code ?? 0); // stopped by us: a signal-terminated child is a clean stop
    console.error(`[start-all] ${name} exited (${signal ?? `code ${code}`}); stopping the others`);
    stopAll(code || 1); // either process dying ends the whole run, as a failure
  });
  return child;
}

/** Stops every remaining child and exits once they are gone (with the first non-zero code seen). */
let exitCode = 0;
function stopAll(code: number, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (code && !exitCode) exitCode = code;
  if (!stopping) {
    stopping = true;
    for (const child of children) child.kill(signal);
    // A child that ignores the signal must not keep us alive forever.
    setTimeout(() => {
      for (const child of children) child.kill('SIGKILL');
      process.exit(exitCode || 1);
    }, 30_000).unref();
  }
  if (children.size === 0) process.exit(exitCode);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    console.error(`[start-all] ${signal}: stopping`);
    stopAll(0, signal);
  });
}

async function waitForReady(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

start('api', 'apps/api/src/main.js');
const readyUrl = `http://127.0.0.1:${config.PORT}/health/ready`;
if (await waitForReady(readyUrl, READY_TIMEOUT_MS)) {
  if (!stopping) {
    start('worker', 'apps/worker/src/main.js');
    console.error(`[start-all] API ready on http://localhost:${config.PORT}/graphql; worker health on port ${config.WORKER_PORT}`);
  }
} else if (!stopping) {
  console.error(`[start-all] the API did not answer ${readyUrl} within ${READY_TIMEOUT_MS} ms; stopping`);
  stopAll(1);
}
