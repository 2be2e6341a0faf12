import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { Redis } from 'ioredis';

@Injectable()
export class RedisHealthIndicator {
  constructor(private readonly indicator: HealthIndicatorService) {}

  async ping(key: string, redis: Redis): Promise<HealthIndicatorResult> {
    const check = this.indicator.check(key);
    try {
      const reply = await Promise.race([redis.ping(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000))]);
      return reply === 'PONG' ? check.up() : check.down({ message: String(reply) });
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : 'unreachable' });
    }
  }
}

@Injectable()
export class MigrationsHealthIndicator {
  constructor(private readonly indicator: HealthIndicatorService) {}

  async applied(key: string, hasPending: () => Promise<boolean>): Promise<HealthIndicatorResult> {
    const check = this.indicator.check(key);
    try {
      return (await hasPending()) ? check.down({ message: 'pending migrations' }) : check.up();
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : 'unknown' });
    }
  }
}
