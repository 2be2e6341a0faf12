import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RedisPubSub } from 'graphql-redis-subscriptions';
import { DataSource, In, IsNull } from 'typeorm';
import { User, type Locale } from '../../../../libs/domain/src/identity/user.entity.js';
import type { NotificationPlan } from '../../../../libs/domain/src/notifications/notification-rule.js';
import { Notification } from '../../../../libs/domain/src/notifications/notification.entity.js';
import { renderTemplate } from '../../../../libs/domain/src/notifications/templates.js';
import { PubSubChannels } from '../../../../libs/platform/src/pubsub/pubsub.js';
import { jobId } from '../../../../libs/platform/src/queues/job-registry.js';
import { QueueProducer } from '../../../../libs/platform/src/queues/queue-producer.js';

export const WORKER_PUB_SUB = Symbol('WORKER_PUB_SUB');
const BATCH = 1000;

/**
 * Stores a plan's notifications in batches (unique per event and recipient, so a re-run stores nothing twice),
 * pushes the new ones to subscribers and queues one email job per notification not yet emailed.
 */
@Injectable()
export class NotificationDelivery {
  private readonly logger = new Logger('NotificationDelivery');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: QueueProducer,
    @Inject(WORKER_PUB_SUB) private readonly pubSub: RedisPubSub,
    private readonly channels: PubSubChannels,
  ) {}

  async deliver(eventId: string, plan: NotificationPlan): Promise<number> {
    const recipientIds = [...new Set(plan.recipientIds)];
    let stored = 0;
    for (let start = 0; start < recipientIds.length; start += BATCH) {
      const batch = recipientIds.slice(start, start + BATCH);
      const users = await this.dataSource.getRepository(User).find({ select: { id: true, locale: true }, where: { id: In(batch) } });
      const rows = users.map((user) => {
        const locale: Locale = user.locale ?? 'it';
        const text = renderTemplate(plan.kind, locale, { ...plan.params, ...(plan.paramsFor?.(user.id) ?? {}) });
        return { recipientId: user.id, eventId, kind: plan.kind, title: text.title, body: text.body, subjectId: plan.subjectId, locale };
      });
      if (rows.length === 0) continue;
      const inserted = await this.dataSource
        .createQueryBuilder()
        .insert()
        .into(Notification)
        .values(rows)
        .orIgnore()
        .returning('*')
        .execute();
      const fresh = inserted.raw as { id: string; recipient_id: string; kind: string; title: string; body: string; subject_id: string | null; created_at: Date; read_at: Date | null }[];
      stored += fresh.length;
      await Promise.all(
        fresh.map((n) =>
          this.pubSub
            .publish(this.channels.notificationAdded(n.recipient_id), {
              id: n.id,
              kind: n.kind,
              title: n.title,
              body: n.body,
              subjectId: n.subject_id,
              createdAt: n.created_at,
              readAt: n.read_at,
            })
            .catch((error: Error) => this.logger.warn(`Push of notification ${n.id} failed: ${error.message}`)),
        ),
      );
    }
    await this.queueEmails(eventId);
    return stored;
  }

  /** Every notification of the event not yet emailed gets its email job; the job id makes this safe to repeat. */
  private async queueEmails(eventId: string): Promise<void> {
    const pending = await this.dataSource.getRepository(Notification).find({ select: { id: true }, where: { eventId, emailSentAt: IsNull() } });
    for (let start = 0; start < pending.length; start += BATCH) {
      await this.producer.addBulk(
        'email.send',
        pending.slice(start, start + BATCH).map((n) => ({ data: { notificationId: n.id }, opts: { jobId: jobId('email', n.id) } })),
      );
    }
  }
}
