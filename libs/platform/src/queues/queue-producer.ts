import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.js';
import { JOBS, QUEUES, type JobName, type JobPayloads, type QueueName } from './job-registry.js';

export const QUEUE_REDIS = Symbol('QUEUE_REDIS');

export interface TypedJob<N extends JobName> {
  name: N;
  data: JobPayloads[N];
  opts?: { jobId?: string; delay?: number; deduplication?: { id: string; ttl?: number } };
}

/** The only way code adds jobs: names and payloads are checked against the job table at compile time. */
@Injectable()
export class QueueProducer implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    private readonly config: AppConfig,
    @Inject(QUEUE_REDIS) private readonly connection: Redis,
  ) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.config.QUEUE_PREFIX });
      this.queues.set(name, queue);
    }
    return queue;
  }

  allQueues(): Queue[] {
    return Object.values(QUEUES).map((q) => this.queue(q));
  }

  async add<N extends JobName>(name: N, data: JobPayloads[N], opts: TypedJob<N>['opts'] = {}): Promise<void> {
    await this.queue(JOBS[name].queue).add(name, data, { ...JOBS[name].options, ...opts });
  }

  /** Adds jobs of one name in one round trip. */
  async addBulk<N extends JobName>(name: N, jobs: { data: JobPayloads[N]; opts?: TypedJob<N>['opts'] }[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue(JOBS[name].queue).addBulk(jobs.map((j) => ({ name, data: j.data, opts: { ...JOBS[name].options, ...j.opts } })));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
