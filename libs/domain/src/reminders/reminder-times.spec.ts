import { describe, expect, it } from '@jest/globals';
import { DAY, HOUR, planReminderTimes } from './reminder-times.js';

const now = new Date('2026-03-01T10:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms);
const plan = (dueInMs: number, leads: number[]) =>
  planReminderTimes(now, at(dueInMs), leads).map((r) => ({ lead: r.leadMs / HOUR, inHours: (r.fireAt.getTime() - now.getTime()) / HOUR }));

describe('planReminderTimes', () => {
  it('schedules every reminder at its moment when the deadline is far', () => {
    expect(plan(30 * DAY, [7 * DAY, DAY])).toEqual([
      { lead: 168, inHours: 30 * 24 - 168 },
      { lead: 24, inHours: 30 * 24 - 24 },
    ]);
  });

  it('sends a reminder whose moment passed at once, and the later one at its moment', () => {
    expect(plan(3 * DAY, [7 * DAY, DAY])).toEqual([
      { lead: 168, inHours: 0 },
      { lead: 24, inHours: 48 },
    ]);
  });

  it('of several passed reminders sends only the nearest to the deadline', () => {
    expect(plan(12 * HOUR, [7 * DAY, DAY])).toEqual([{ lead: 24, inHours: 0 }]);
  });

  it('sends nothing "due soon" once the deadline has passed', () => {
    expect(plan(-HOUR, [7 * DAY, DAY])).toEqual([]);
  });

  it('plans an overdue check at the deadline, or at once when it already passed', () => {
    expect(plan(2 * DAY, [7 * DAY, DAY, 0])).toEqual([
      { lead: 168, inHours: 0 },
      { lead: 24, inHours: 24 },
      { lead: 0, inHours: 48 },
    ]);
    expect(plan(-HOUR, [7 * DAY, DAY, 0])).toEqual([{ lead: 0, inHours: 0 }]);
  });

  it('treats a reminder exactly at now as passed (sent at once, once)', () => {
    expect(plan(DAY, [DAY])).toEqual([{ lead: 24, inHours: 0 }]);
  });
});
