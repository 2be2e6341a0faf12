// Real processes for fault tests: the built API and worker (dist/, compiled by `npm test`) and private Redis servers.
// Every child is tracked; stopAllProcesses() (afterAll) and the 'exit' hook SIGKILL what is still running.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ENTRY = { api: 'dist/apps/api/src/main.js', worker: 'dist/apps/worker/src/main.js' } as const;
const LOG_LINES = 400;

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One spawned child: its last output lines, its exit, and signals. */
export class ManagedProcess {
  readonly exited: Promise<Exit>;
  private readonly lines: string[] = [];
  private exit?: Exit;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    running.add(child);
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        this.lines.push(line);
        if (this.lines.length > LOG_LINES) this.lines.shift();
      }
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        running.delete(child);
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  isRunning(): boolean {
    return this.exit === undefined;
  }

  /** The last lines the child wrote (stdout and stderr), for failure messages. */
  logs(): string {
    return `--- ${this.name} (pid ${this.pid}) ---\n${this.lines.join('\n')}`;
  }

  signal(signal: NodeJS.Signals): void {
    if (this.isRunning()) this.child.kill(signal);
  }

  /** Sends the signal and waits for the exit; SIGKILL after `graceMs` if it is still alive. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 20_000): Promise<Exit> {
    if (!this.isRunning()) return this.exited;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** kill -9: no shutdown hook runs. */
  async kill(): Promise<Exit> {
    return this.stop('SIGKILL');
  }
}

export class NodeService extends ManagedProcess {
  constructor(
    name: string,
    child: ChildProcess,
    readonly port: number,
  ) {
    super(name, child);
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get url(): string {
    return `${this.base}/graphql`;
  }
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/graphql`;
  }

  async readyStatus(): Promise<number> {
    try {
      const response = await fetch(`${this.base}/health/ready`, { signal: AbortSignal.timeout(3000) });
      await response.arrayBuffer();
      return response.status;
    } catch {
      return 0;
    }
  }

  /** Polls /health/ready until 200; fails with the child's output when it exits or the timeout passes. */
  async waitReady(timeoutMs = 90_000): Promise<this> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.isRunning()) throw new Error(`${this.name} exited before it was ready: ${JSON.stringify(await this.exited)}\n${this.logs()}`);
      if ((await this.readyStatus()) === 200) return this;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${this.name} not ready after ${timeoutMs} ms\n${this.logs()}`);
  }
}

/** A free TCP port on 127.0.0.1 (asked from the OS, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ServiceEnv {
  /** Defaults to process.env.SMTP_URL; tests normally pass their sink's URL. */
  SMTP_URL?: string;
  REDIS_URL?: string;
  QUEUE_PREFIX?: string;
  [key: string]: string | undefined;
}

/** The environment of a child, derived from the test run's (global-setup sets DATABASE_URL, QUEUE_PREFIX, REDIS_URL). */
function childEnv(overrides: ServiceEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NODE_OPTIONS; // Jest's flags are not the product's
  for (const key of Object.keys(env)) if (key.startsWith('JEST_')) delete env[key];
  Object.assign(env, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? 'warn',
    DB_MIGRATE_ON_BOOT: 'false',
    OUTBOX_POLL_MS: '100',
  });
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

async function spawnService(kind: 'api' | 'worker', name: string, overrides: ServiceEnv): Promise<NodeService> {
  const port = await freePort();
  const env = childEnv({ ...(kind === 'api' ? { PORT: String(port) } : { WORKER_PORT: String(port) }), ...overrides });
  const child = spawn(process.execPath, [path.join(ROOT, ENTRY[kind])], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new NodeService(name, child, port);
}

/** `node dist/apps/worker/src/main.js` on a free WORKER_PORT (not yet ready: call waitReady()). */
export function spawnWorker(name = 'worker', overrides: ServiceEnv = {}): Promise<NodeService> {
  return spawnService('worker', name, overrides);
}

/** `node dist/apps/api/src/main.js` on a free PORT (not yet ready: call waitReady()). */
export function spawnApi(name = 'api', overrides: ServiceEnv = {}): Promise<NodeService> {
  return spawnService('api', name, overrides);
}

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, timeout: 1000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/** A private `redis-server` on a free port, without persistence: a restart starts empty, like a lost Redis. */
export class PrivateRedis {
  private process?: ManagedProcess;

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  isRunning(): boolean {
    return this.process?.isRunning() ?? false;
  }

  /** Starts (again) on the same port and waits until it accepts connections. */
  async start(timeoutMs = 15_000): Promise<void> {
    if (this.isRunning()) return;
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--maxmemory-policy', 'noeviction'];
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.process = new ManagedProcess(`redis-server:${this.port}`, child);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.process.isRunning()) throw new Error(`redis-server exited: ${JSON.stringify(await this.process.exited)}\n${this.process.logs()}`);
      if (await reachable(this.port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server not reachable on ${this.port}\n${this.process.logs()}`);
  }

  /** SIGTERM: Redis shuts down (nothing saved); every key is gone at the next start. */
  async stop(): Promise<Exit | undefined> {
    return this.process?.stop('SIGTERM', 10_000);
  }
}

/** SIGKILLs every child still running (for afterAll, so a failing test leaves nothing behind). */
export async function stopAllProcesses(): Promise<void> {
  const children = [...running];
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}
