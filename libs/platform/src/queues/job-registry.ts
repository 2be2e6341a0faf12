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
  /** Computes a challenge's live ranking and publishes it to `leaderboardUpdated`; one per challenge per window. */
  'leaderboard.push': { challengeId: string };
  /** Reassigns a recused assignment (job id `recusal-<assignmentId>`); eventId keys its notifications. */
  'recusal.resolve': { assignmentId: string; eventId: string };
  /** Produces a requested data export (job id `data-export-<id>`). */
  'data-export.produce': { exportId: string };
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
  // Few, quick retries: a later review schedules a fresh push anyway, a stale one is worth nothing.
  'leaderboard.push': { queue: QUEUES.events, options: retried(3, 200) },
  'recusal.resolve': { queue: QUEUES.events, options: retried(10, 1000) },
  'data-export.produce': { queue: QUEUES.events, options: retried(5, 2000) },
};

/** the rules' "at most once a second" for leaderboardUpdated. */
export const LEADERBOARD_PUSH_WINDOW_MS = 1000;

/**
 * BullMQ throttle-mode deduplication: the first review of a window adds a push delayed by the window; later ones
 * within the window are dropped (the pending push will read their state). The key expires when the push becomes
 * due, before it starts reading, so a review committed while it computes schedules the next (trailing) push.
 */
export const leaderboardPushOptions = (challengeId: string): { delay: number; deduplication: { id: string; ttl: number } } => ({
  delay: LEADERBOARD_PUSH_WINDOW_MS,
  deduplication: { id: jobId('leaderboard', challengeId), ttl: LEADERBOARD_PUSH_WINDOW_MS },
});

export const JOB_NAMES = Object.keys(JOBS) as JobName[];

/** BullMQ refuses custom ids that are integers or contain ':'; ours are prefixed uuids. */
export const jobId = (kind: string, ...parts: (string | number)[]) => [kind, ...parts].join('-');
