// The worker's health server (apps/worker/src/bootstrap.ts serveHealth) on a free port, against the in-process worker.
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { serveHealth } from '../apps/worker/src/bootstrap.js';
import { startWorker, type RunningWorker } from './helpers/worker.js';

let worker: RunningWorker;
let server: http.Server;
let base: string;

beforeAll(async () => {
  worker = await startWorker();
  server = await serveHealth(worker.app, 0);
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await worker.close();
});

describe('worker health', () => {
  it('GET /health/live answers 200 with status ok', async () => {
    const response = await fetch(`${base}/health/live`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('GET /health/ready answers 200 once PostgreSQL, Redis and the migrations are fine', async () => {
    const response = await fetch(`${base}/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' }, migrations: { status: 'up' } },
    });
  });

  it('answers 404 to other paths and 405 to other methods', async () => {
    expect((await fetch(`${base}/health`)).status).toBe(404);
    expect((await fetch(`${base}/health/live`, { method: 'POST' })).status).toBe(405);
  });
});
