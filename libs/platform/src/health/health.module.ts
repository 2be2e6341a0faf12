import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { TerminusModule } from '@nestjs/terminus';
import { AppConfig } from '../config/app-config.js';
import { createRedis } from '../redis/redis.js';
import { HEALTH_REDIS, HealthController } from './health.controller.js';
import { MigrationsHealthIndicator, RedisHealthIndicator } from './redis.health.js';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [
    RedisHealthIndicator,
    MigrationsHealthIndicator,
    {
      provide: HEALTH_REDIS,
      inject: [AppConfig],
      // Fails fast instead of queueing commands, so readiness answers while Redis is down.
      useFactory: (config: AppConfig) => createRedis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectionName: 'health' }),
    },
  ],
})
export class HealthModule implements OnApplicationShutdown {
  constructor(@Inject(HEALTH_REDIS) private readonly redis: Redis) {}

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
