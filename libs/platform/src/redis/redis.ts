import { Redis, type RedisOptions } from 'ioredis';

/** A connection for BullMQ and pub/sub: BullMQ needs maxRetriesPerRequest null on blocking connections. */
export function createRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false, ...options });
}

/**
 * BullMQ loses jobs when Redis evicts keys; it needs maxmemory-policy noeviction.
 * Returns the policy, or null when CONFIG is not allowed (managed Redis).
 */
export async function readEvictionPolicy(redis: Redis): Promise<string | null> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    return reply[1] ?? null;
  } catch {
    return null;
  }
}

export async function checkEvictionPolicy(redis: Redis, mode: 'warn' | 'refuse', log: (message: string) => void): Promise<void> {
  const policy = await readEvictionPolicy(redis);
  if (policy === null || policy === 'noeviction') return;
  const message = `Redis maxmemory-policy is "${policy}": BullMQ needs "noeviction" or queued jobs may be silently lost. Set it with: CONFIG SET maxmemory-policy noeviction`;
  if (mode === 'refuse') throw new Error(message);
  log(`WARNING: ${message}`);
}
