/** One reminder of a deadline: `leadMs` before `dueAt`, due to fire at `fireAt`. */
export interface PlannedReminder {
  leadMs: number;
  fireAt: Date;
}

/**
 * the rules' reminder rule. Reminders whose moment is still ahead fire at their moment; of those whose
 * moment already passed (the deadline was set less than the lead time ahead), only the nearest to the
 * deadline fires, at once, and only while the deadline itself is still ahead. A deadline in the past
 * gets no "due soon" reminder at all. Leads of 0 (an "overdue" check at the deadline) follow the same rule.
 */
export function planReminderTimes(now: Date, dueAt: Date, leadsMs: number[]): PlannedReminder[] {
  const due = dueAt.getTime();
  const current = now.getTime();
  const leads = [...new Set(leadsMs)].sort((a, b) => b - a);
  const ahead = leads.filter((lead) => due - lead > current).map((leadMs) => ({ leadMs, fireAt: new Date(due - leadMs) }));
  const passed = leads.filter((lead) => due - lead <= current && lead > 0);
  const nearestPassed = passed.at(-1);
  const atOnce = nearestPassed !== undefined && due > current ? [{ leadMs: nearestPassed, fireAt: new Date(current) }] : [];
  // An overdue check (lead 0) whose moment passed still fires at once: the deadline was missed.
  const overdueNow = leads.includes(0) && due <= current ? [{ leadMs: 0, fireAt: new Date(current) }] : [];
  return [...atOnce, ...ahead, ...overdueNow].sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime());
}

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;
