import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { MigrationsHealthIndicator, RedisHealthIndicator } from './redis.health.js';

export const HEALTH_REDIS = Symbol('HEALTH_REDIS');

/** /health/live: the process is up. /health/ready: PostgreSQL and Redis answer and every migration is applied. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redisIndicator: RedisHealthIndicator,
    private readonly migrations: MigrationsHealthIndicator,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HEALTH_REDIS) private readonly redis: Redis,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 1000 }),
      () => this.redisIndicator.ping('redis', this.redis),
      () => this.migrations.applied('migrations', () => this.dataSource.showMigrations()),
    ]);
  }
}
