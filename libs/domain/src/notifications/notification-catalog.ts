import { organizationNotificationRules, organizationTemplates } from '../organizations/organizations.notifications.js';
import { teamNotificationRules, teamTemplates } from '../teams/teams.notifications.js';
import { ideaNotificationRules, ideaTemplates } from '../ideas/ideas.notifications.js';
import { submissionDeadlineNotificationRules, submissionDeadlineTemplates } from '../challenges/submission-deadline.reminders.js';
import { adoptionNotificationRules, adoptionTemplates } from '../adoption/adoption.notifications.js';
import { miniCompanyNotificationRules, miniCompanyTemplates } from '../minicompanies/minicompanies.notifications.js';
import { judgingNotificationRules, judgingTemplates } from '../judging/judging.notifications.js';
import { judgingDeadlineNotificationRules, judgingDeadlineTemplates } from '../judging/judging-deadline.reminders.js';
import { retentionNotificationRules, retentionTemplates } from '../people/student-retention.js';
import { votingNotificationRules, votingTemplates } from '../voting/voting.notifications.js';
import { sponsorNotificationRules, sponsorTemplates } from '../sponsors/sponsors.notifications.js';
import type { NotificationRule } from './notification-rule.js';
import type { TemplateSet } from './template-set.js';

// Each feature contributes its rules (event type -> who is told what) and its texts; add one line per feature.

/** Every event type that causes notifications, with its rule. */
export const NOTIFICATION_RULES: NotificationRule<any>[] = [
  ...organizationNotificationRules,
  ...teamNotificationRules,
  ...ideaNotificationRules,
  ...submissionDeadlineNotificationRules,
  ...adoptionNotificationRules,
  ...miniCompanyNotificationRules,
  ...judgingNotificationRules,
  ...judgingDeadlineNotificationRules,
  ...retentionNotificationRules,
  ...votingNotificationRules,
  ...sponsorNotificationRules,
];

/** Every notification kind's texts in Italian and English. */
export const TEMPLATES: TemplateSet = {
  ...organizationTemplates,
  ...teamTemplates,
  ...ideaTemplates,
  ...submissionDeadlineTemplates,
  ...adoptionTemplates,
  ...miniCompanyTemplates,
  ...judgingTemplates,
  ...judgingDeadlineTemplates,
  ...retentionTemplates,
  ...votingTemplates,
  ...sponsorTemplates,
};

export function ruleFor(eventType: string): NotificationRule<any> | undefined {
  return NOTIFICATION_RULES.find((r) => r.eventType === eventType);
}
