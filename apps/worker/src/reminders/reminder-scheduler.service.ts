import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { REMINDER_SOURCES, reminderSourceFor } from '#domain/reminders/reminder-sources.js';
import type { ReminderSource } from '#domain/reminders/reminder-source.js';
import { planReminderTimes } from '#domain/reminders/reminder-times.js';
import { ScheduledReminder } from '#domain/reminders/scheduled-reminder.entity.js';
import { Clock } from '#platform/clock/clock.js';
import { AppConfig } from '#platform/config/app-config.js';
import { recordEvents } from '#platform/outbox/outbox.js';
import { JOBS } from '#platform/queues/job-registry.js';
import { QueueProducer } from '#platform/queues/queue-producer.js';

export type FireOutcome = 'fired' | 'cancelled' | 'skipped';

/** Two workers reconciling at once would only repeat each other's work; one at a time is enough. */
const RECONCILE_LOCK_KEY = 7_240_311;

/**
 * Plans, fires and reconciles deadline reminders. The `scheduled_reminder` rows are the truth: a row is planned once
 * per (kind, subject, deadline, lead), fired or cancelled once under a row lock in the same transaction as the
 * outbox events it causes. Delayed BullMQ jobs (`reminder-<row id>`) only wake the worker at the right moment; when
 * Redis lost them, the periodic reconciliation fires what is due and re-adds what is pending.
 */
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReminderScheduler');
  private timer?: NodeJS.Timeout;
  private reconciling?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: QueueProducer,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.reconcileInBackground(), this.config.REMINDER_RECONCILE_MS);
    this.reconcileInBackground();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.reconciling;
  }

  /** Re-plans the subjects an outbox event concerns (called by the events processor). */
  async onEvent(type: string, payload: Record<string, unknown>): Promise<void> {
    for (const source of REMINDER_SOURCES) {
      const subjectOf = source.replanOn[type];
      const subjectId = subjectOf?.(payload);
      if (subjectId) await this.replan(source, subjectId);
    }
  }

  /**
   * Brings one subject's rows in line with its current deadline: cancels the rows of another deadline (and their
   * jobs), plans the missing ones by the rules' reminder rule, and wakes the worker at each new row's moment.
   */
  async replan(source: ReminderSource, subjectId: string): Promise<void> {
    const { planned, cancelled } = await this.dataSource.transaction(async (manager) => {
      // Serialises re-plans of one subject, so two events cannot plan two reminder sets for one deadline.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`reminder:${source.kind}:${subjectId}`]);
      const dueAt = await source.currentDue(manager, subjectId);
      const now = this.clock.now();
      const cancelledRows = await manager
        .createQueryBuilder()
        .update(ScheduledReminder)
        .set({ cancelledAt: now })
        .where('kind = :kind AND subject_id = :subjectId AND fired_at IS NULL AND cancelled_at IS NULL', { kind: source.kind, subjectId })
        .andWhere(dueAt ? 'due_at <> :dueAt' : 'TRUE', { dueAt })
        .returning(['id'])
        .execute();
      const stale = cancelledRows.raw as { id: string }[];
      if (!dueAt) return { planned: [] as ScheduledReminder[], cancelled: stale };
      const alreadyPlanned = await manager.countBy(ScheduledReminder, { kind: source.kind, subjectId, dueAt, cancelledAt: IsNull() });
      if (alreadyPlanned > 0) return { planned: [] as ScheduledReminder[], cancelled: stale };
      const rows = planReminderTimes(now, dueAt, [...source.leadsMs]).map((r) => ({ kind: source.kind, subjectId, dueAt, leadMs: r.leadMs, fireAt: r.fireAt }));
      if (rows.length === 0) return { planned: [] as ScheduledReminder[], cancelled: stale };
      const inserted = await manager.createQueryBuilder().insert().into(ScheduledReminder).values(rows).orIgnore().returning(['id', 'fireAt']).execute();
      return { planned: inserted.generatedMaps as ScheduledReminder[], cancelled: stale };
    });
    await this.removeJobs(cancelled.map((r) => r.id));
    await this.enqueue(planned);
  }

  /** Fires one planned row, once: re-checks the deadline, records the source's events and marks the row. */
  async fire(reminderId: string): Promise<FireOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(ScheduledReminder, { where: { id: reminderId }, lock: { mode: 'pessimistic_write' } });
      if (!row || row.firedAt || row.cancelledAt) return 'skipped';
      const source = reminderSourceFor(row.kind);
      const now = this.clock.now();
      const cancel = async () => {
        await manager.update(ScheduledReminder, { id: row.id }, { cancelledAt: now });
        return 'cancelled' as const;
      };
      if (!source) return cancel();
      const dueAt = await source.currentDue(manager, row.subjectId);
      if (!dueAt || dueAt.getTime() !== row.dueAt.getTime()) return cancel();
      // A "due soon" after the deadline, or one overtaken by a nearer reminder also due (the worker was down), would only confuse.
      if (row.leadMs > 0 && dueAt.getTime() <= now.getTime()) return cancel();
      if (row.leadMs > 0 && (await this.nearerReminderDue(manager, row, now))) return cancel();
      const events = await source.fire(manager, { subjectId: row.subjectId, dueAt }, row.leadMs);
      await recordEvents(manager, events);
      await manager.update(ScheduledReminder, { id: row.id }, { firedAt: now });
      return 'fired';
    });
  }

  /**
   * The database is the truth: re-plans every open subject whose rows are missing or stale, fires the rows whose
   * moment has passed (their jobs may be lost with Redis) and re-adds jobs for the others. Safe to run anywhere, anytime.
   */
  async reconcile(): Promise<{ replanned: number; fired: number }> {
    const now = this.clock.now();
    let replanned = 0;
    for (const source of REMINDER_SOURCES) {
      const open = await source.listOpen(this.dataSource.manager, now);
      if (open.length === 0) continue;
      const current: { subject_id: string }[] = await this.dataSource.query(
        `SELECT DISTINCT subject_id FROM scheduled_reminder r
          WHERE kind = $1 AND subject_id = ANY($2::uuid[])
            AND cancelled_at IS NULL AND due_at = (SELECT (d->>'dueAt')::timestamptz FROM jsonb_array_elements($3::jsonb) d WHERE d->>'subjectId' = r.subject_id::text)`,
        [source.kind, open.map((s) => s.subjectId), JSON.stringify(open)],
      );
      const planned = new Set(current.map((r) => r.subject_id));
      for (const subject of open) {
        if (planned.has(subject.subjectId)) continue;
        await this.replan(source, subject.subjectId);
        replanned++;
      }
    }
    const pending = await this.dataSource
      .getRepository(ScheduledReminder)
      .createQueryBuilder('r')
      .where('r.firedAt IS NULL AND r.cancelledAt IS NULL')
      .orderBy('r.fireAt', 'ASC')
      .getMany();
    let fired = 0;
    const soon: ScheduledReminder[] = [];
    // Rows further ahead get their job back on a later pass; this keeps each pass small.
    const horizon = now.getTime() + 2 * this.config.REMINDER_RECONCILE_MS;
    for (const row of pending) {
      if (row.fireAt.getTime() <= now.getTime()) {
        if ((await this.fire(row.id)) === 'fired') fired++;
      } else if (row.fireAt.getTime() <= horizon) {
        soon.push(row);
      }
    }
    await this.enqueue(soon);
    return { replanned, fired };
  }

  private reconcileInBackground(): void {
    if (this.reconciling) return;
    this.reconciling = this.dataSource
      .transaction(async (manager) => {
        const [{ locked }]: { locked: boolean }[] = await manager.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [RECONCILE_LOCK_KEY]);
        if (locked) await this.reconcile();
      })
      .catch((error: unknown) => this.logger.warn(`Reminder reconciliation failed, will retry: ${(error as Error).message}`))
      .finally(() => (this.reconciling = undefined));
  }

  private async nearerReminderDue(manager: EntityManager, row: ScheduledReminder, now: Date): Promise<boolean> {
    const nearer: unknown[] = await manager.query(
      `SELECT 1 FROM scheduled_reminder
        WHERE kind = $1 AND subject_id = $2 AND due_at = $3 AND lead_ms > 0 AND lead_ms < $4
          AND fired_at IS NULL AND cancelled_at IS NULL AND fire_at <= $5
        LIMIT 1`,
      [row.kind, row.subjectId, row.dueAt, row.leadMs, now],
    );
    return nearer.length > 0;
  }

  /** Adding a job id that exists is a no-op in BullMQ, so enqueueing twice is harmless. */
  private async enqueue(rows: Pick<ScheduledReminder, 'id' | 'fireAt'>[]): Promise<void> {
    const now = this.clock.now().getTime();
    await this.producer.addBulk(
      'reminder.fire',
      rows.map((r) => ({ data: { reminderId: r.id }, opts: { jobId: reminderJobId(r.id), delay: Math.max(0, r.fireAt.getTime() - now) } })),
    );
  }

  /** Best effort: a job that survives finds its row cancelled and does nothing. */
  private async removeJobs(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const queue = this.producer.queue(JOBS['reminder.fire'].queue);
    await Promise.all(ids.map((id) => queue.remove(reminderJobId(id)).catch(() => 0)));
  }
}

export const reminderJobId = (reminderId: string) => `reminder-${reminderId}`;
