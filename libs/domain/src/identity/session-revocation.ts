import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { AppConfig } from '#platform/config/app-config.js';
import { Clock } from '#platform/clock/clock.js';
import { createRedis } from '#platform/redis/redis.js';
import { RefreshToken } from './refresh-token.entity.js';

/** How long a PostgreSQL answer "this family is active" is trusted; revocation overwrites it at once anyway. */
const ACTIVE_TTL_SECONDS = 300;

type RevocationListener = (familyIds: string[]) => void;

/**
 * Whether a refresh family (a sign-in session) is still active. PostgreSQL is the truth: a family is active while it
 * has an unrevoked, unexpired refresh_token row. Redis caches the answer per family (`<prefix>:session:<id>`), and a
 * revocation overwrites it after its commit and announces the families on a pub/sub channel so that every API process
 * closes their WebSockets. When Redis does not answer, the check asks PostgreSQL.
 */
@Injectable()
export class SessionRevocation implements OnApplicationShutdown {
  private readonly logger = new Logger('SessionRevocation');
  private readonly redis: Redis;
  private subscriber: Redis | null = null;
  private readonly listeners = new Set<RevocationListener>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    // Lazy: the worker loads this module too but never checks a session. Auto-pipelining: the checks of requests
    // that arrive in the same turn of the event loop go to Redis in one write (one wake-up of Redis) instead of one each.
    this.redis = createRedis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, enableAutoPipelining: true });
    this.redis.on('error', () => undefined);
  }

  private key(familyId: string): string {
    return `${this.config.QUEUE_PREFIX}:session:${familyId}`;
  }

  get channel(): string {
    return `${this.config.QUEUE_PREFIX}:pubsub:session-revoked`;
  }

  /** True while the family may be used (one Redis GET when cached). */
  async isActive(familyId: string): Promise<boolean> {
    let cached: string | null;
    try {
      cached = await this.redis.get(this.key(familyId));
    } catch {
      return this.activeInDatabase(familyId);
    }
    if (cached === 'revoked') return false;
    if (cached === 'active') return true;
    const active = await this.activeInDatabase(familyId);
    // NX: a revocation that committed meanwhile has written 'revoked', which must win over this older reading.
    await this.redis.set(this.key(familyId), active ? 'active' : 'revoked', 'EX', active ? ACTIVE_TTL_SECONDS : this.revokedTtlSeconds(), 'NX').catch(() => undefined);
    return active;
  }

  private async activeInDatabase(familyId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM refresh_token WHERE family_id = $1 AND revoked_at IS NULL AND expires_at > $2 LIMIT 1', [
      familyId,
      this.clock.now(),
    ]);
    return rows.length > 0;
  }

  /** An access token lives at most JWT_ACCESS_TTL_SECONDS, so a revoked family need not be remembered longer. */
  private revokedTtlSeconds(): number {
    return this.config.JWT_ACCESS_TTL_SECONDS + 60;
  }

  /**
   * Revokes families of `userId` (`'all'`: every one) and ends their access tokens and WebSockets at once.
   * Returns the families revoked. This is the call for sign-out, password reset or change, and erasure.
   */
  async revokeFamilies(userId: string, familyIds: readonly string[] | 'all', options: { except?: string } = {}): Promise<string[]> {
    const revoked = await this.dataSource.transaction((manager) => this.revokeInTransaction(manager, userId, familyIds, options));
    await this.announce(revoked);
    return revoked;
  }

  /**
   * The database half of revokeFamilies inside the caller's transaction (e.g. an erasure that also deletes the rows):
   * the caller must `announce` the returned families after its commit.
   */
  async revokeInTransaction(manager: EntityManager, userId: string, familyIds: readonly string[] | 'all', options: { except?: string } = {}): Promise<string[]> {
    if (familyIds !== 'all' && familyIds.length === 0) return [];
    const where = familyIds === 'all' ? { userId } : { userId, familyId: In([...familyIds]) };
    const rows = await manager.find(RefreshToken, { select: { familyId: true }, where });
    const families = [...new Set(rows.map((r) => r.familyId))].filter((f) => f !== options.except);
    if (families.length === 0) return [];
    await manager.update(RefreshToken, { userId, familyId: In(families), revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    return families;
  }

  /** After commit: marks the families revoked in the cache and tells every API process to close their sockets. */
  async announce(familyIds: readonly string[]): Promise<void> {
    if (familyIds.length === 0) return;
    try {
      const pipeline = this.redis.pipeline();
      for (const id of familyIds) pipeline.set(this.key(id), 'revoked', 'EX', this.revokedTtlSeconds());
      pipeline.publish(this.channel, JSON.stringify(familyIds));
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error);
      if (failed) throw failed[0] as Error;
    } catch (error) {
      // The cache may still say 'active' for up to ACTIVE_TTL_SECONDS; drop what we can so the next check asks PostgreSQL.
      this.logger.warn(`Could not announce ${familyIds.length} revoked sessions: ${(error as Error).message}`);
      await this.redis.del(...familyIds.map((id) => this.key(id))).catch(() => undefined);
    }
    this.notify([...familyIds]); // this process at once, even without Redis
  }

  /** Calls `listener` with the families revoked anywhere (the API closes their WebSockets). */
  onRevoked(listener: RevocationListener): () => void {
    this.listeners.add(listener);
    if (!this.subscriber) {
      const subscriber = createRedis(this.config.REDIS_URL);
      subscriber.on('error', () => undefined);
      subscriber.on('message', (channel: string, message: string) => {
        if (channel !== this.channel) return;
        try {
          const ids = JSON.parse(message) as unknown;
          if (Array.isArray(ids)) this.notify(ids.filter((id): id is string => typeof id === 'string'));
        } catch {
          // not ours
        }
      });
      void subscriber.subscribe(this.channel).catch((error: Error) => this.logger.warn(`Cannot subscribe to revocations: ${error.message}`));
      this.subscriber = subscriber;
    }
    return () => this.listeners.delete(listener);
  }

  private notify(familyIds: string[]): void {
    for (const listener of this.listeners) listener(familyIds);
  }

  async onApplicationShutdown(): Promise<void> {
    this.listeners.clear();
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
    if (this.redis.status !== 'wait') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }
}
