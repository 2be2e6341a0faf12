import 'reflect-metadata';
import http from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '#platform/config/app-config.js';
import { HealthController } from '#platform/health/health.controller.js';
import { checkEvictionPolicy, createRedis } from '#platform/redis/redis.js';
import { WorkerModule } from './worker.module.js';

/** Before anything is queued: BullMQ must not run on a Redis that evicts keys. */
export async function checkRedis(app: INestApplicationContext): Promise<void> {
  const config = app.get(AppConfig);
  const redis = createRedis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    await checkEvictionPolicy(redis, config.REDIS_EVICTION_CHECK, (m) => app.get(Logger).warn(m));
  } finally {
    redis.disconnect();
  }
}

/** The worker's /health/live and /health/ready, answered by the same checks as the API's. */
export function serveHealth(app: INestApplicationContext, port: number): Promise<http.Server> {
  const health = app.get(HealthController);
  const server = http.createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET') return reply(405, { status: 'error' });
    if (req.url === '/health/live') return reply(200, health.live());
    if (req.url === '/health/ready') {
      health.ready().then(
        (result) => reply(200, result),
        (error: { response?: unknown }) => reply(503, error.response ?? { status: 'error' }),
      );
      return;
    }
    reply(404, { status: 'not found' });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => resolve(server));
  });
}

export async function createWorkerApp(): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  // After the shutdown hooks (running jobs finish), exit 0 rather than re-raising the signal: a graceful stop is a success.
  app.enableShutdownHooks([], { useProcessExit: true });
  await checkRedis(app);
  return app;
}
