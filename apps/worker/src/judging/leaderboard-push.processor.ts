import { Inject, Injectable } from '@nestjs/common';
import type { RedisPubSub } from 'graphql-redis-subscriptions';
import { ChallengesService } from '#domain/challenges/challenges.service.js';
import { REVIEW_SUBMITTED, type ReviewSubmittedPayload } from '#domain/judging/judging-events.js';
import { LeaderboardService } from '#domain/judging/leaderboard.service.js';
import { PubSubChannels } from '#platform/pubsub/pubsub.js';
import { JobHandler } from '#platform/queues/job-handler.js';
import { leaderboardPushOptions, type JobPayloads } from '#platform/queues/job-registry.js';
import { QueueProducer } from '#platform/queues/queue-producer.js';
import { WORKER_PUB_SUB } from '../notifications/notification-delivery.service.js';

/**
 * The live leaderboard push, off the juror's request: a `review.submitted` event schedules one deduplicated,
 * delayed `leaderboard.push` per challenge (at most once a second), which ranks the challenge as it is then and
 * publishes it through the Redis PubSub to every API replica's `leaderboardUpdated` subscribers.
 */
@Injectable()
export class LeaderboardPushProcessor {
  constructor(
    private readonly producer: QueueProducer,
    @Inject(WORKER_PUB_SUB) private readonly pubSub: RedisPubSub,
    private readonly channels: PubSubChannels,
    private readonly leaderboard: LeaderboardService,
    private readonly challenges: ChallengesService,
  ) {}

  async onEvent(type: string, payload: Record<string, unknown>): Promise<void> {
    if (type !== REVIEW_SUBMITTED) return;
    const { challengeId } = payload as unknown as ReviewSubmittedPayload;
    await this.producer.add('leaderboard.push', { challengeId }, leaderboardPushOptions(challengeId));
  }

  @JobHandler('leaderboard.push')
  async push({ challengeId }: JobPayloads['leaderboard.push']): Promise<{ entries: number } | 'skipped'> {
    const [challenge] = await this.challenges.byIds([challengeId]);
    if (!challenge) return 'skipped';
    const entries = await this.leaderboard.ranking(challenge, challenge.rankingNormalization);
    await this.pubSub.publish(this.channels.leaderboardUpdated(challengeId), entries);
    return { entries: entries.length };
  }
}
