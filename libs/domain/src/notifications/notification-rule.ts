import type { EntityManager } from 'typeorm';
import type { TemplateParams } from './template-set.js';

/** What one outbox event means for notifications: who is told, of which kind, with which words. */
export interface NotificationPlan {
  kind: string;
  recipientIds: string[];
  subjectId: string | null;
  /** The web client's route of the page the notification is about (`clientPaths`); the email links to PUBLIC_URL + path. */
  path: string;
  params: TemplateParams;
  /** Per-recipient params (e.g. a juror's own count, or which side of an adoption the recipient is on); merged over `params`. */
  paramsFor?: (recipientId: string) => TemplateParams;
}

export interface NotificationRule<TPayload = Record<string, unknown>> {
  eventType: string;
  /** Re-reads current state; returns null when the event no longer calls for a notification. */
  plan(manager: EntityManager, payload: TPayload): Promise<NotificationPlan | null>;
}
