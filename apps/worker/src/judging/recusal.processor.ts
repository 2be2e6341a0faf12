import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { REVIEW_RECUSED, type ReviewRecusedPayload } from '#domain/judging/judging-events.js';
import { recusalNotificationPlan } from '#domain/judging/judging.notifications.js';
import { resolveRecusal } from '#domain/judging/recusal.js';
import { JobHandler } from '#platform/queues/job-handler.js';
import { jobId, type JobPayloads } from '#platform/queues/job-registry.js';
import { QueueProducer } from '#platform/queues/queue-producer.js';
import { NotificationDelivery } from '../notifications/notification-delivery.service.js';

/**
 * A recusal's reassignment is a state change of its own, not a notification rule: `review.recused` queues one
 * `recusal.resolve` job per assignment, which resolves it exactly once (resolveRecusal stores its choice, a re-run
 * reads it back) and then tells the new juror or the organizers (notifications unique per event and recipient).
 */
@Injectable()
export class RecusalProcessor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: QueueProducer,
    private readonly delivery: NotificationDelivery,
  ) {}

  async onEvent(eventId: string, type: string, payload: Record<string, unknown>): Promise<void> {
    if (type !== REVIEW_RECUSED) return;
    const { assignmentId } = payload as unknown as ReviewRecusedPayload;
    await this.producer.add('recusal.resolve', { assignmentId, eventId }, { jobId: jobId('recusal', assignmentId) });
  }

  @JobHandler('recusal.resolve')
  async resolve({ assignmentId, eventId }: JobPayloads['recusal.resolve']): Promise<{ outcome: string; stored: number } | 'skipped'> {
    const outcome = await resolveRecusal(this.dataSource.manager, assignmentId);
    if (!outcome) return 'skipped';
    const plan = await recusalNotificationPlan(this.dataSource.manager, outcome);
    const stored = plan && plan.recipientIds.length > 0 ? await this.delivery.deliver(eventId, plan) : 0;
    return { outcome: outcome.kind, stored };
  }
}
