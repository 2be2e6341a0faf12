import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { AppConfig } from '#platform/config/app-config.js';
import { QUEUES } from '#platform/queues/job-registry.js';
import { createRedis } from '#platform/redis/redis.js';
import { GraphQLMetricsPlugin } from './graphql-metrics.plugin.js';
import { Metrics, OPS_QUEUES } from './metrics.js';

const OPS_REDIS = Symbol('OPS_REDIS');
import { MetricsController } from './metrics.controller.js';
import { MetricsServer } from './metrics-server.js';
import { OpsHttp } from './ops-http.js';

/**
 * Operations endpoints of the API: Prometheus metrics at /metrics (METRICS_TOKEN, or on METRICS_PORT) and Bull Board at /admin/queues.
 * The queues are opened on a Redis connection of their own that fails fast (like the health check's), so a scrape
 * or the board answers while Redis is down instead of waiting for it.
 */
@Module({
  controllers: [MetricsController],
  providers: [
    {
      provide: OPS_REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => createRedis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectionName: 'ops' }),
    },
    {
      provide: OPS_QUEUES,
      inject: [AppConfig, OPS_REDIS],
      useFactory: (config: AppConfig, connection: Redis) => Object.values(QUEUES).map((name) => new Queue(name, { connection, prefix: config.QUEUE_PREFIX })),
    },
    Metrics,
    MetricsServer,
    GraphQLMetricsPlugin,
    OpsHttp,
  ],
})
export class OpsModule implements OnApplicationShutdown {
  constructor(
    @Inject(OPS_QUEUES) private readonly queues: Queue[],
    @Inject(OPS_REDIS) private readonly redis: Redis,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
    this.redis.disconnect(); // BullMQ never closes a connection it was given
  }
}
