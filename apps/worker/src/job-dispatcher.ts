import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { AppConfig } from '#platform/config/app-config.js';
import { JOB_HANDLER } from '#platform/queues/job-handler.js';
import { JOB_NAMES, JOBS, QUEUES, type JobName, type QueueName } from '#platform/queues/job-registry.js';
import { createRedis } from '#platform/redis/redis.js';
import { JobFailureRecorder } from './job-failure.recorder.js';

type Handler = (payload: unknown, job: Job) => Promise<unknown>;

/** Finds every @JobHandler, refuses to boot unless each job of the table has exactly one, and runs one BullMQ Worker per queue. */
export function collectHandlers(discovery: DiscoveryService, scanner: MetadataScanner, reflector: Reflector): Map<JobName, Handler> {
  const found = new Map<JobName, Handler[]>();
  for (const wrapper of discovery.getProviders()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const methodName of scanner.getAllMethodNames(prototype)) {
      const method = instance[methodName] as ((...args: unknown[]) => Promise<unknown>) | undefined;
      if (typeof method !== 'function') continue;
      const name = reflector.get<JobName | undefined>(JOB_HANDLER, method);
      if (!name) continue;
      found.set(name, [...(found.get(name) ?? []), method.bind(instance) as Handler]);
    }
  }
  const problems: string[] = [];
  for (const name of JOB_NAMES) {
    const count = found.get(name)?.length ?? 0;
    if (count !== 1) problems.push(`job "${name}" has ${count} handlers`);
  }
  for (const name of found.keys()) if (!JOB_NAMES.includes(name)) problems.push(`handler for unknown job "${name}"`);
  if (problems.length) throw new Error(`Job registry is inconsistent: ${problems.join('; ')}`);
  return new Map([...found].map(([name, handlers]) => [name, handlers[0]]));
}

@Injectable()
export class JobDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JobDispatcher');
  private readonly workers: Worker[] = [];
  private readonly connections: Redis[] = [];
  private handlers = new Map<JobName, Handler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
    private readonly failures: JobFailureRecorder,
  ) {}

  onApplicationBootstrap(): void {
    this.handlers = collectHandlers(this.discovery, this.scanner, this.reflector);
    const concurrency: Record<QueueName, number> = { events: 4, email: 8, schedules: 4 };
    for (const queue of Object.values(QUEUES)) {
      const connection = createRedis(this.config.REDIS_URL, { connectionName: `worker-${queue}` });
      this.connections.push(connection);
      const worker = new Worker(queue, (job) => this.run(job), {
        connection,
        prefix: this.config.QUEUE_PREFIX,
        concurrency: concurrency[queue],
        autorun: true,
        // A job whose worker died is retried by the next one; BullMQ's default of 1 would fail it after a second crash.
        maxStalledCount: 5,
        // Relays throttle: BullMQ's limiter is global (kept in Redis), so N workers together send at most this rate.
        ...(queue === QUEUES.email && this.config.SMTP_MAX_PER_SECOND > 0 ? { limiter: { max: this.config.SMTP_MAX_PER_SECOND, duration: 1000 } } : {}),
      });
      worker.on('failed', (job, error) => {
        if (!job) return;
        // A job that stalled too often is failed by BullMQ without another attempt: that is final too.
        const final = job.attemptsMade >= (job.opts.attempts ?? 1) || /stalled more than allowable limit/i.test(error.message);
        this.logger.warn(`Job ${job.name} ${job.id} failed (attempt ${job.attemptsMade}${final ? ', final' : ''}): ${error.message}`);
        if (final) void this.failures.record(queue, job, error);
      });
      worker.on('error', (error) => this.logger.error(`Worker ${queue}: ${error.message}`));
      this.workers.push(worker);
    }
  }

  private async run(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) throw new Error(`No handler for job ${job.name}`);
    if (JOBS[job.name as JobName].queue !== job.queueName) throw new Error(`Job ${job.name} arrived on the wrong queue ${job.queueName}`);
    return handler(job.data, job);
  }

  /** Graceful stop: running jobs finish, nothing new is taken; connections are ours to close. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all(this.connections.map((c) => c.quit().catch(() => c.disconnect())));
  }
}
