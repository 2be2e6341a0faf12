import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { RedisPubSub } from 'graphql-redis-subscriptions';
import { ChallengesService } from '../../../../libs/domain/src/challenges/challenges.service.js';
import { LeaderboardService } from '../../../../libs/domain/src/judging/leaderboard.service.js';
import { AppConfig } from '../../../../libs/platform/src/config/app-config.js';
import { PubSubChannels } from '../../../../libs/platform/src/pubsub/pubsub.js';
import { PUB_SUB } from '../graphql/pubsub.provider.js';
import { TrailingThrottle } from './trailing-throttle.js';

/** PRODUCT.md's "at most once a second" for leaderboardUpdated. */
export const LEADERBOARD_PUSH_WINDOW_MS = 1000;

/**
 * Pushes the live leaderboard of a challenge to `leaderboardUpdated` subscribers after submitted reviews, at most
 * once a second per challenge across every API process (the window and the dirty flag live in Redis; the push goes
 * through the Redis PubSub, so subscribers on any replica receive it).
 */
@Injectable()
export class LeaderboardPublisher implements OnApplicationShutdown {
  private readonly logger = new Logger('LeaderboardPublisher');
  private readonly throttle: TrailingThrottle;

  constructor(
    @Inject(PUB_SUB) private readonly pubSub: RedisPubSub,
    private readonly channels: PubSubChannels,
    private readonly leaderboard: LeaderboardService,
    private readonly challenges: ChallengesService,
    config: AppConfig,
  ) {
    this.throttle = new TrailingThrottle(
      this.pubSub.getPublisher(),
      `${config.QUEUE_PREFIX}:leaderboard`,
      LEADERBOARD_PUSH_WINDOW_MS,
      (challengeId) => this.push(challengeId),
      (error) => this.logger.warn(`Leaderboard push failed: ${error.message}`),
    );
  }

  /** Called once a review committed; never fails the caller (the review is stored whatever happens to the push). */
  async reviewSubmitted(challengeId: string): Promise<void> {
    try {
      await this.throttle.touch(challengeId);
    } catch (error) {
      this.logger.warn(`Leaderboard push for ${challengeId} failed: ${(error as Error).message}`);
    }
  }

  private async push(challengeId: string): Promise<void> {
    const [challenge] = await this.challenges.byIds([challengeId]);
    if (!challenge) return;
    const entries = await this.leaderboard.ranking(challenge, challenge.rankingNormalization);
    await this.pubSub.publish(this.channels.leaderboardUpdated(challengeId), entries);
  }

  onApplicationShutdown(): void {
    this.throttle.stop();
  }
}
