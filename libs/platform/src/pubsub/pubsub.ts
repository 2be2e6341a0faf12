import { RedisPubSub } from 'graphql-redis-subscriptions';
import { createRedis } from '../redis/redis.js';

/**
 * Redis-backed PubSub shared by every API replica and the workers; channel names carry the queue prefix
 * so that deployments (and test runs) sharing a Redis never hear each other.
 */
export class PubSubChannels {
  constructor(private readonly prefix: string) {}
  notificationAdded(userId: string): string {
    return `${this.prefix}:pubsub:notification:${userId}`;
  }
  leaderboardUpdated(challengeId: string): string {
    return `${this.prefix}:pubsub:leaderboard:${challengeId}`;
  }
}

export function createPubSub(redisUrl: string): RedisPubSub {
  return new RedisPubSub({
    publisher: createRedis(redisUrl),
    subscriber: createRedis(redisUrl),
    // Dates become ISO strings on the wire; revive them so DateTime fields serialize the same way.
    reviver: (_key: string, value: unknown): unknown => (typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(value) ? new Date(value) : value),
  });
}
