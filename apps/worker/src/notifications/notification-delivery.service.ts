import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RedisPubSub } from 'graphql-redis-subscriptions';
import type { Redis } from 'ioredis';
import { DataSource, IsNull } from 'typeorm';
import type { Locale } from '#domain/identity/user.entity.js';
import type { NotificationPlan } from '#domain/notifications/notification-rule.js';
import { notificationAddedPayload, type NotificationRow } from '#domain/notifications/notification-added.js';
import { Notification } from '#domain/notifications/notification.entity.js';
import { renderTemplate } from '#domain/notifications/templates.js';
import { PubSubChannels } from '#platform/pubsub/pubsub.js';
import { jobId } from '#platform/queues/job-registry.js';
import { QueueProducer } from '#platform/queues/queue-producer.js';

export const WORKER_PUB_SUB = Symbol('WORKER_PUB_SUB');
const BATCH = 2500;
const RETURNED = 'id, recipient_id, kind, title, body, subject_id, path, created_at, read_at';

interface StoredNotification extends NotificationRow {
  recipient_id: string;
}

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
    const batches: StoredNotification[][] = [];
    let stored = 0;
    for (let start = 0; start < recipientIds.length; start += BATCH) {
      const batch = recipientIds.slice(start, start + BATCH);
      const fresh = plan.paramsFor ? await this.insertPersonal(eventId, plan, batch) : await this.insertShared(eventId, plan, batch);
      batches.push(fresh);
      stored += fresh.length;
    }
    // Pushed once everything is stored: building thousands of messages between two inserts held the next batch
    // back by more than the insert itself took (measured with bench/fanout.bench.ts).
    await Promise.all(batches.map((fresh) => this.push(fresh)));
    await this.queueEmails(eventId);
    return stored;
  }

  /**
   * The same words for everyone (per language): one statement per batch reads each recipient's language and
   * inserts, so a 10,000-recipient fan-out costs ten round trips, not twenty plus 10,000 renderings.
   */
  private async insertShared(eventId: string, plan: NotificationPlan, batch: string[]): Promise<StoredNotification[]> {
    const it = renderTemplate(plan.kind, 'it', plan.params);
    const en = renderTemplate(plan.kind, 'en', plan.params);
    // Only what the database decides comes back; the words are already known here (less to send and parse).
    const rows: { id: string; recipient_id: string; en: boolean; created_at: Date }[] = await this.dataSource.query(
      `INSERT INTO notification (recipient_id, event_id, kind, title, body, subject_id, path, locale)
       SELECT u.id, $2::text, $3::text,
              CASE WHEN u.locale::text = 'en' THEN $6::text ELSE $4::text END,
              CASE WHEN u.locale::text = 'en' THEN $7::text ELSE $5::text END,
              $8::uuid, $9::text, CASE WHEN u.locale::text = 'en' THEN 'en' ELSE 'it' END
         FROM app_user u
        WHERE u.id = ANY($1::uuid[])
       ON CONFLICT ON CONSTRAINT uq_notification_event_recipient DO NOTHING
       RETURNING id, recipient_id, locale = 'en' AS en, created_at`,
      [batch, eventId, plan.kind, it.title, it.body, en.title, en.body, plan.subjectId, plan.path],
    );
    return rows.map((r) => {
      const text = r.en ? en : it;
      return {
        id: r.id,
        recipient_id: r.recipient_id,
        kind: plan.kind,
        title: text.title,
        body: text.body,
        subject_id: plan.subjectId,
        path: plan.path,
        created_at: r.created_at,
        read_at: null,
      };
    });
  }

  /** Words that differ per recipient (e.g. a juror's own count): rendered here, inserted in one statement. */
  private async insertPersonal(eventId: string, plan: NotificationPlan, batch: string[]): Promise<StoredNotification[]> {
    const users: { id: string; locale: Locale | null }[] = await this.dataSource.query(`SELECT id, locale::text AS locale FROM app_user WHERE id = ANY($1::uuid[])`, [batch]);
    if (users.length === 0) return [];
    const texts = users.map((user) => {
      const locale: Locale = user.locale === 'en' ? 'en' : 'it';
      return { locale, ...renderTemplate(plan.kind, locale, { ...plan.params, ...(plan.paramsFor?.(user.id) ?? {}) }) };
    });
    return this.dataSource.query(
      `INSERT INTO notification (recipient_id, event_id, kind, title, body, subject_id, path, locale)
       SELECT r.recipient_id, $5::text, $6::text, r.title, r.body, $7::uuid, $8::text, r.locale
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS r(recipient_id, title, body, locale)
       ON CONFLICT ON CONSTRAINT uq_notification_event_recipient DO NOTHING
       RETURNING ${RETURNED}`,
      [users.map((u) => u.id), texts.map((t) => t.title), texts.map((t) => t.body), texts.map((t) => t.locale), eventId, plan.kind, plan.subjectId, plan.path],
    );
  }

  /** One pipelined round trip to Redis per batch; the payload is what RedisPubSub.publish would send. */
  private async push(fresh: StoredNotification[]): Promise<void> {
    if (fresh.length === 0) return;
    const pipeline = (this.pubSub.getPublisher() as Redis).pipeline();
    for (const n of fresh) {
      pipeline.publish(this.channels.notificationAdded(n.recipient_id), JSON.stringify(notificationAddedPayload(n)));
    }
    await pipeline.exec().catch((error: Error) => this.logger.warn(`Push of ${fresh.length} notifications failed: ${error.message}`));
  }

  /** Every notification of the event not yet emailed gets its email job; the job id makes this safe to repeat. */
  private async queueEmails(eventId: string): Promise<void> {
    const pending = await this.dataSource.getRepository(Notification).find({ select: { id: true }, where: { eventId, emailSentAt: IsNull(), emailFailedAt: IsNull() } });
    for (let start = 0; start < pending.length; start += BATCH) {
      await this.producer.addBulk(
        'email.send',
        pending.slice(start, start + BATCH).map((n) => ({ data: { notificationId: n.id }, opts: { jobId: jobId('email', n.id) } })),
      );
    }
  }
}
