/** Outbox events of judging (recorded in the transaction of the change; the worker's rules turn them into notifications). */

/** startJudging committed the assignments: REVIEW_ASSIGNED to every juror, with their count. */
export const JUDGING_STARTED = 'judging.started';
export interface JudgingStartedPayload {
  challengeId: string;
  by: string;
}

/** A review committed: the worker schedules one deduplicated, delayed leaderboard push for its challenge. */
export const REVIEW_SUBMITTED = 'review.submitted';
export interface ReviewSubmittedPayload {
  reviewId: string;
  challengeId: string;
}

/** A juror recused from an assignment: the worker reassigns it or tells the organizers (REVIEW_UNASSIGNABLE). */
export const REVIEW_RECUSED = 'review.recused';
export interface ReviewRecusedPayload {
  assignmentId: string;
  challengeId: string;
  ideaId: string;
}

/** publishResults froze the ranking: RESULTS_PUBLISHED to every team member and juror. */
export const RESULTS_PUBLISHED = 'judging.results_published';
export interface ResultsPublishedPayload {
  challengeId: string;
  by: string;
}

/** The judging-deadline reminder fired (24 h before judgingClosesAt): JUDGING_DEADLINE_SOON to jurors with PENDING work. */
export const JUDGING_DEADLINE_SOON = 'judging.deadline_soon';
export interface JudgingDeadlineSoonPayload {
  challengeId: string;
  judgingClosesAt: string;
}
