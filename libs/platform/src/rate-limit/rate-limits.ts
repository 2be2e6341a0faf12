import { Global, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../config/app-config.js';
import { DomainError, ErrorCode } from '../errors/domain-error.js';
import { createRedis } from '../redis/redis.js';

/** The operations a stranger could abuse: guessing passwords and join codes, mass sign-ups, mass roster accounts. */
export type RateLimitedAction =
  | 'signInAccount'
  | 'signInAccountAnywhere'
  | 'signInCodeAccount'
  | 'signInAddress'
  | 'signUpAddress'
  | 'joinTeamUser'
  | 'publicVoteUser'
  | 'accountEmailAddress'
  | 'accountEmailUser'
  | 'addStudentsCoach'
  | 'studentCodeResetCoach'
  | 'deleteAccountUser';

/** What a sign-in proves: the password, or a roster student's one-time code. Their failures are counted apart. */
export type SignInCredential = 'password' | 'code';

const FAILURE_KEYS: Record<SignInCredential, { here: RateLimitedAction; anywhere: RateLimitedAction | null }> = {
  password: { here: 'signInAccount', anywhere: 'signInAccountAnywhere' },
  // A code is 12 symbols of a 32-letter alphabet (60 bits): the per-address budget alone makes guessing hopeless,
  // and no count across addresses means nobody elsewhere can lock a class out of its codes.
  code: { here: 'signInCodeAccount', anywhere: null },
};

/** Is this error a refused credential (counted as a failure), as opposed to bad input or an outage? */
const isRefusedCredential = (error: unknown): boolean => error instanceof DomainError && error.code === ErrorCode.UNAUTHENTICATED;

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
  private readonly policies: Record<RateLimitedAction, Policy>;

  constructor(config: AppConfig) {
    // Fail fast instead of queueing while Redis is away, so the in-memory insurance answers at once. Auto-pipelining
    // sends the counters of concurrent requests in one write (a vote burst costs one round trip, not fifty).
    this.redis = createRedis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false, enableAutoPipelining: true });
    this.redis.on('error', () => undefined); // reconnects by itself; the limiter falls back meanwhile
    const policies: Record<RateLimitedAction, Policy> = {
      signInAccount: { points: config.RATE_LIMIT_SIGN_IN_PER_ACCOUNT, durationSeconds: 15 * 60 },
      signInAccountAnywhere: { points: config.RATE_LIMIT_SIGN_IN_FAILURES_PER_ACCOUNT, durationSeconds: 15 * 60 },
      signInCodeAccount: { points: config.RATE_LIMIT_SIGN_IN_PER_ACCOUNT, durationSeconds: 15 * 60 },
      signInAddress: { points: config.RATE_LIMIT_SIGN_IN_PER_ADDRESS, durationSeconds: 15 * 60 },
      signUpAddress: { points: config.RATE_LIMIT_SIGN_UP_PER_ADDRESS, durationSeconds: 15 * 60 },
      joinTeamUser: { points: config.RATE_LIMIT_JOIN_TEAM_PER_USER, durationSeconds: 10 * 60 },
      publicVoteUser: { points: config.RATE_LIMIT_PUBLIC_VOTES_PER_USER, durationSeconds: 10 * 60 },
      accountEmailAddress: { points: config.RATE_LIMIT_ACCOUNT_EMAILS_PER_ADDRESS, durationSeconds: 15 * 60 },
      // Verification and reset emails to one account: enough for a lost email or two, not a mailbomb.
      accountEmailUser: { points: 5, durationSeconds: 60 * 60 },
      // Rosters are limited per coach, never per address: a school's teachers share one.
      addStudentsCoach: { points: config.RATE_LIMIT_ADD_STUDENTS_PER_COACH, durationSeconds: 60 * 60 },
      studentCodeResetCoach: { points: config.RATE_LIMIT_STUDENT_CODE_RESETS_PER_COACH, durationSeconds: 60 * 60 },
      // deleteMyAccount checks a password or code: a stolen access token must not become a way to guess them.
      deleteAccountUser: { points: 10, durationSeconds: 15 * 60 },
    };
    this.policies = policies;
    const limiter = (action: RateLimitedAction): RateLimiterRedis =>
      new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `${config.QUEUE_PREFIX}:rate:${action}`,
        points: policies[action].points,
        duration: policies[action].durationSeconds,
        insuranceLimiter: new RateLimiterMemory({ points: policies[action].points, duration: policies[action].durationSeconds }),
      });
    this.limiters = Object.fromEntries((Object.keys(policies) as RateLimitedAction[]).map((action) => [action, limiter(action)])) as Record<RateLimitedAction, RateLimiterRedis>;
  }

  /**
   * The one guard for every sign-in (password: signIn; code: signInWithCode). It counts the attempt against the
   * client address, refuses while the account's failures *from this address* (and, for passwords, from everywhere) are
   * spent, runs `attempt`, counts a refused credential as a failure and clears this address's failures on success.
   * Keys: `<account>|<address>` per credential kind, so wrong passwords never lock the roster code, and a classmate
   * elsewhere cannot lock another account.
   */
  async guardSignIn<T>(credential: SignInCredential, account: string, address: string, attempt: () => Promise<T>): Promise<T> {
    const keys = FAILURE_KEYS[credential];
    const here = `${account.trim().toLowerCase()}|${address}`;
    const anywhere = account.trim().toLowerCase();
    await this.consume('signInAddress', address);
    await this.refuseWhenSpent(keys.here, here);
    if (keys.anywhere) await this.refuseWhenSpent(keys.anywhere, anywhere);
    try {
      const result = await attempt();
      await this.reset(keys.here, here);
      return result;
    } catch (error) {
      if (isRefusedCredential(error)) {
        await this.penalty(keys.here, here);
        if (keys.anywhere) await this.penalty(keys.anywhere, anywhere);
      }
      throw error;
    }
  }

  /** RATE_LIMITED while `key` has no points left, without spending one. */
  private async refuseWhenSpent(action: RateLimitedAction, key: string): Promise<void> {
    const state = await this.limiters[action].get(key.toLowerCase()).catch(() => null);
    if (state && state.consumedPoints >= this.policies[action].points) throw rateLimited(state.msBeforeNext);
  }

  private async penalty(action: RateLimitedAction, key: string): Promise<void> {
    await this.limiters[action].penalty(key.toLowerCase(), 1).catch((error: Error) => this.logger.warn(`Rate limiter unavailable: ${error.message}`));
  }

  /** Spends one point of `key` and answers false once spent, without an error (for silent quotas). */
  async tryConsume(action: RateLimitedAction, key: string): Promise<boolean> {
    try {
      await this.limiters[action].consume(key.toLowerCase());
      return true;
    } catch (rejection) {
      return !(rejection instanceof RateLimiterRes);
    }
  }

  /** Counts one attempt; RATE_LIMITED (with `retryAfterSeconds`) once the budget of `key` is spent. */
  async consume(action: RateLimitedAction, key: string): Promise<void> {
    try {
      await this.limiters[action].consume(key.toLowerCase());
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw rateLimited(rejection.msBeforeNext);
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

function rateLimited(msBeforeNext: number): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return DomainError.rateLimited('rateLimited', { seconds: retryAfterSeconds }, { retryAfterSeconds });
}

@Global()
@Module({ providers: [RateLimits], exports: [RateLimits] })
export class RateLimitModule {}
