import { Global, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../config/app-config.js';
import { DomainError, ErrorCode } from '../errors/domain-error.js';
import { createRedis } from '../redis/redis.js';

/** The operations a stranger could abuse: guessing passwords and join codes, mass sign-ups. */
export type RateLimitedAction = 'signInAccount' | 'signInAddress' | 'signUpAddress' | 'joinTeamUser';

interface Policy {
  points: number;
  durationSeconds: number;
}

/**
 * Counters shared by every API process through Redis (rate-limiter-flexible). When Redis does not answer, each
 * process falls back to its own in-memory counters: the API keeps answering with limits a little looser.
 */
@Injectable()
export class RateLimits implements OnApplicationShutdown {
  private readonly logger = new Logger('RateLimits');
  private readonly redis: Redis;
  private readonly limiters: Record<RateLimitedAction, RateLimiterRedis>;

  constructor(config: AppConfig) {
    // Fail fast instead of queueing while Redis is away, so the in-memory insurance answers at once.
    this.redis = createRedis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    this.redis.on('error', () => undefined); // reconnects by itself; the limiter falls back meanwhile
    const policies: Record<RateLimitedAction, Policy> = {
      signInAccount: { points: config.RATE_LIMIT_SIGN_IN_PER_ACCOUNT, durationSeconds: 15 * 60 },
      signInAddress: { points: config.RATE_LIMIT_SIGN_IN_PER_ADDRESS, durationSeconds: 15 * 60 },
      signUpAddress: { points: config.RATE_LIMIT_SIGN_UP_PER_ADDRESS, durationSeconds: 60 * 60 },
      joinTeamUser: { points: config.RATE_LIMIT_JOIN_TEAM_PER_USER, durationSeconds: 10 * 60 },
    };
    const limiter = (action: RateLimitedAction): RateLimiterRedis =>
      new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `${config.QUEUE_PREFIX}:rate:${action}`,
        points: policies[action].points,
        duration: policies[action].durationSeconds,
        insuranceLimiter: new RateLimiterMemory({ points: policies[action].points, duration: policies[action].durationSeconds }),
      });
    this.limiters = {
      signInAccount: limiter('signInAccount'),
      signInAddress: limiter('signInAddress'),
      signUpAddress: limiter('signUpAddress'),
      joinTeamUser: limiter('joinTeamUser'),
    };
  }

  /** Counts one attempt; RATE_LIMITED (with `retryAfterSeconds`) once the budget of `key` is spent. */
  async consume(action: RateLimitedAction, key: string): Promise<void> {
    try {
      await this.limiters[action].consume(key.toLowerCase());
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        throw new DomainError(ErrorCode.RATE_LIMITED, `Too many attempts: try again in ${retryAfterSeconds} s`, undefined, { retryAfterSeconds });
      }
      // Neither Redis nor the insurance answered: let the request through rather than lock everyone out.
      this.logger.warn(`Rate limiter unavailable: ${(rejection as Error).message}`);
    }
  }

  /** Forgets the attempts of `key` (a successful sign-in clears the account's failures). */
  async reset(action: RateLimitedAction, key: string): Promise<void> {
    await this.limiters[action].delete(key.toLowerCase()).catch(() => false);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({ providers: [RateLimits], exports: [RateLimits] })
export class RateLimitModule {}
