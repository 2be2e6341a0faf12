import type { JobsOptions } from 'bullmq';

/** Every queue of the product. */
export const QUEUES = {
  /** Outbox events relayed from PostgreSQL; one job per event, jobId = event id. */
  events: 'events',
  /** One email per stored notification. */
  email: 'email',
  /** Delayed jobs: deadline and milestone reminders, overdue checks. */
  schedules: 'schedules',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Job names and the payload each carries: ids only, the handler re-reads state. */
export interface JobPayloads {
  'outbox.event': { eventId: string };
  'email.send': { notificationId: string };
  /** Fires one `scheduled_reminder` row (job id `reminder-<id>`, delayed until its moment). */
  'reminder.fire': { reminderId: string };
}
export type JobName = keyof JobPayloads;

interface JobDefinition {
  queue: QueueName;
  options: JobsOptions;
}

const retried = (attempts: number, delay: number): JobsOptions => ({
  attempts,
  backoff: { type: 'exponential', delay },
  // Keep Redis bounded: finished jobs are evidence for a while, not forever.
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
});

/** The typed job table: queue and retry policy per job. The worker refuses to boot unless each has exactly one handler. */
export const JOBS: Record<JobName, JobDefinition> = {
  'outbox.event': { queue: QUEUES.events, options: retried(10, 1000) },
  'email.send': { queue: QUEUES.email, options: retried(8, 2000) },
  'reminder.fire': { queue: QUEUES.schedules, options: retried(8, 2000) },
};

export const JOB_NAMES = Object.keys(JOBS) as JobName[];

/** BullMQ refuses custom ids that are integers or contain ':'; ours are prefixed uuids. */
export const jobId = (kind: string, ...parts: (string | number)[]) => [kind, ...parts].join('-');
