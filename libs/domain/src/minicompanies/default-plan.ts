import { DAY } from '../reminders/reminder-times.js';
import { MilestoneKind } from './milestone.entity.js';

/** the rules' default plan, counted from the founding moment. */
export const DEFAULT_PLAN: readonly { kind: MilestoneKind; title: string; days: number }[] = [
  { kind: MilestoneKind.CONCEPT, title: 'Concept', days: 14 },
  { kind: MilestoneKind.BUSINESS_PLAN, title: 'Business plan', days: 45 },
  { kind: MilestoneKind.PROTOTYPE, title: 'Prototipo', days: 90 },
  { kind: MilestoneKind.MARKET_LAUNCH, title: 'Lancio sul mercato', days: 150 },
  { kind: MilestoneKind.LOCAL_COMPETITION, title: 'Competizione locale', days: 180 },
  { kind: MilestoneKind.REGIONAL_COMPETITION, title: 'Competizione regionale', days: 210 },
];

export function defaultPlan(foundedAt: Date): { kind: MilestoneKind; title: string; dueAt: Date }[] {
  return DEFAULT_PLAN.map((m) => ({ kind: m.kind, title: m.title, dueAt: new Date(foundedAt.getTime() + m.days * DAY) }));
}

/** Share of milestones APPROVED, 0-1 (0 for an empty plan). */
export function progressOf(statuses: readonly string[]): number {
  return statuses.length === 0 ? 0 : statuses.filter((s) => s === 'APPROVED').length / statuses.length;
}
