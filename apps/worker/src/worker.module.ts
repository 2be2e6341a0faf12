import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { RedisPubSub } from 'graphql-redis-subscriptions';
import { DomainModule } from '#domain/domain.module.js';
import { AppConfig } from '#platform/config/app-config.js';
import { ConfigModule } from '#platform/config/config.module.js';
import { DatabaseModule } from '#platform/database/database.module.js';
import { HealthModule } from '#platform/health/health.module.js';
import { LoggingModule } from '#platform/logging/logging.module.js';
import { createPubSub, PubSubChannels } from '#platform/pubsub/pubsub.js';
import { QueuesModule } from '#platform/queues/queues.module.js';
import { LeaderboardPushProcessor } from './judging/leaderboard-push.processor.js';
import { RecusalProcessor } from './judging/recusal.processor.js';
import { JobDispatcher } from './job-dispatcher.js';
import { JobFailureRecorder } from './job-failure.recorder.js';
import { Mailer } from './mail/mailer.service.js';
import { EmailProcessor } from './notifications/email.processor.js';
import { EventsProcessor } from './notifications/events.processor.js';
import { NotificationDelivery, WORKER_PUB_SUB } from './notifications/notification-delivery.service.js';
import { DataExportProcessor } from './people/data-export.processor.js';
import { RetentionSweeper } from './people/retention-sweeper.js';
import { OutboxRelay } from './outbox/outbox-relay.service.js';
import { ReminderScheduler } from './reminders/reminder-scheduler.service.js';
import { RemindersProcessor } from './reminders/reminders.processor.js';

const PROCESSORS = [EventsProcessor, EmailProcessor, RemindersProcessor, LeaderboardPushProcessor, RecusalProcessor, DataExportProcessor];

@Module({
  imports: [ConfigModule, LoggingModule, DatabaseModule.forRoot({ migrate: false }), DomainModule, QueuesModule, HealthModule, DiscoveryModule],
  providers: [
    { provide: WORKER_PUB_SUB, inject: [AppConfig], useFactory: (config: AppConfig) => createPubSub(config.REDIS_URL) },
    { provide: PubSubChannels, inject: [AppConfig], useFactory: (config: AppConfig) => new PubSubChannels(config.QUEUE_PREFIX) },
    JobFailureRecorder,
    JobDispatcher,
    OutboxRelay,
    NotificationDelivery,
    Mailer,
    ReminderScheduler,
    RetentionSweeper,
    ...PROCESSORS,
  ],
})
export class WorkerModule implements OnApplicationShutdown {
  constructor(@Inject(WORKER_PUB_SUB) private readonly pubSub: RedisPubSub) {}

  async onApplicationShutdown(): Promise<void> {
    await this.pubSub.close();
  }
}
