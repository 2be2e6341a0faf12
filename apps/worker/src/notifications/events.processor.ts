import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { ruleFor } from '#domain/notifications/notification-catalog.js';
import { OutboxEvent } from '#platform/outbox/outbox-event.entity.js';
import { JobHandler } from '#platform/queues/job-handler.js';
import type { JobPayloads } from '#platform/queues/job-registry.js';
import { DataExportProcessor } from '../people/data-export.processor.js';
import { LeaderboardPushProcessor } from '../judging/leaderboard-push.processor.js';
import { RecusalProcessor } from '../judging/recusal.processor.js';
import { ReminderScheduler } from '../reminders/reminder-scheduler.service.js';
import { NotificationDelivery } from './notification-delivery.service.js';

/** Handles one relayed outbox event: re-reads it and current state, then notifies. Safe to run again. */
@Injectable()
export class EventsProcessor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly delivery: NotificationDelivery,
    private readonly reminders: ReminderScheduler,
    private readonly leaderboard: LeaderboardPushProcessor,
    private readonly recusals: RecusalProcessor,
    private readonly dataExports: DataExportProcessor,
  ) {}

  @JobHandler('outbox.event')
  async handle({ eventId }: JobPayloads['outbox.event']): Promise<{ stored: number } | 'skipped'> {
    const event = await this.dataSource.getRepository(OutboxEvent).findOneBy({ id: eventId });
    if (!event || event.processedAt) return 'skipped';
    let stored = 0;
    const rule = ruleFor(event.type);
    if (rule) {
      const plan = await rule.plan(this.dataSource.manager, event.payload);
      if (plan && plan.recipientIds.length > 0) stored = await this.delivery.deliver(event.id, plan);
    }
    await this.reminders.onEvent(event.type, event.payload);
    // Side effects that are jobs of their own (state changes, pushes), not notification rules.
    await this.leaderboard.onEvent(event.type, event.payload);
    await this.recusals.onEvent(event.id, event.type, event.payload);
    await this.dataExports.onEvent(event.type, event.payload);
    await this.dataSource.getRepository(OutboxEvent).update({ id: event.id, processedAt: IsNull() }, { processedAt: new Date() });
    return { stored };
  }
}
