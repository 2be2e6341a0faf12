import { submissionDeadlineReminders } from '../challenges/submission-deadline.reminders.js';
import { milestoneReminders } from '../minicompanies/milestone.reminders.js';
import { judgingDeadlineReminders } from '../judging/judging-deadline.reminders.js';
import { peoplesChoiceClosing } from '../voting/peoples-choice.reminders.js';
import type { ReminderSource } from './reminder-source.js';

/** Every family of deadline reminders the worker schedules; add one line per feature. */
export const REMINDER_SOURCES: ReminderSource[] = [submissionDeadlineReminders, milestoneReminders, judgingDeadlineReminders, peoplesChoiceClosing];

export function reminderSourceFor(kind: string): ReminderSource | undefined {
  return REMINDER_SOURCES.find((s) => s.kind === kind);
}
