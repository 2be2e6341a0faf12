import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '#platform/outbox/outbox.js';

/** A subject with a deadline that reminders are planned for (a challenge's submission deadline, a milestone...). */
export interface DueSubject {
  subjectId: string;
  dueAt: Date;
}

/**
 * One family of deadline reminders. The worker's ReminderScheduler plans a `scheduled_reminder` row and a delayed
 * BullMQ job per lead (the rules' reminder rule, see planReminderTimes), re-plans when one of `replanOn` events
 * arrives or when the periodic reconciliation runs, and calls `fire` exactly once per planned row.
 */
export interface ReminderSource {
  /** Stable name, part of job ids and rows: lowercase letters and dashes only, e.g. 'submission-deadline'. */
  readonly kind: string;
  /** Leads before the deadline, in ms; 0 means "at the deadline" (an overdue check). */
  readonly leadsMs: readonly number[];
  /** Outbox event types after which a subject's reminders are re-planned, with the subject id taken from the payload. */
  readonly replanOn: Readonly<Record<string, (payload: Record<string, unknown>) => string | undefined>>;
  /** The current deadline of one subject, or null when no reminder applies any more (closed, submitted, deleted...). */
  currentDue(manager: EntityManager, subjectId: string): Promise<Date | null>;
  /** Every subject that may still need reminders (for the reconciliation): at least those whose deadline is after `now`. */
  listOpen(manager: EntityManager, now: Date): Promise<DueSubject[]>;
  /**
   * Fires one reminder inside the scheduler's transaction, after `currentDue` confirmed `dueAt`: applies any state
   * change (e.g. OVERDUE) and returns the outbox events to record (their notification rules do the telling).
   */
  fire(manager: EntityManager, subject: DueSubject, leadMs: number): Promise<DomainEvent[]>;
}
