import { describe, expect, it } from '@jest/globals';
import { defaultPlan, progressOf } from './default-plan.js';

describe('default mini-company plan', () => {
  it('counts docs/rules.md days from the founding moment', () => {
    const foundedAt = new Date('2026-03-01T09:00:00Z');
    const plan = defaultPlan(foundedAt);
    expect(plan.map((m) => m.kind)).toEqual(['CONCEPT', 'BUSINESS_PLAN', 'PROTOTYPE', 'MARKET_LAUNCH', 'LOCAL_COMPETITION', 'REGIONAL_COMPETITION']);
    expect(plan.map((m) => (m.dueAt.getTime() - foundedAt.getTime()) / 86_400_000)).toEqual([14, 45, 90, 150, 180, 210]);
  });

  it('measures progress as the share of approved milestones', () => {
    expect(progressOf([])).toBe(0);
    expect(progressOf(['APPROVED', 'PLANNED', 'SUBMITTED', 'OVERDUE'])).toBe(0.25);
    expect(progressOf(['APPROVED', 'APPROVED'])).toBe(1);
  });
});
