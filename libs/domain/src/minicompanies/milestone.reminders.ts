import { DAY } from '../reminders/reminder-times.js';
import type { ReminderSource } from '../reminders/reminder-source.js';
import { MiniCompany, MiniCompanyStatus } from './mini-company.entity.js';
import { Milestone, MilestoneStatus } from './milestone.entity.js';
import {
  MILESTONE_DUE_SOON,
  MILESTONE_OVERDUE,
  MILESTONE_PLANNED,
  MILESTONE_RESCHEDULED,
  MILESTONE_REVIEWED,
  MILESTONE_SUBMITTED,
  type MilestoneEventPayload,
} from './minicompanies.service.js';

const milestoneIdOf = (payload: Record<string, unknown>) => (typeof payload.milestoneId === 'string' ? payload.milestoneId : undefined);

/**
 * docs/rules.md: the team is reminded 7 days and 1 day before `dueAt` of a milestone not yet SUBMITTED or APPROVED; at
 * `dueAt` the milestone becomes OVERDUE and the team, its coaches and tutors are told. Only a PLANNED milestone of a
 * mini-company that is not CLOSED has a deadline to remind of: SUBMITTED, APPROVED and OVERDUE ones have none, so
 * submitting cancels the reminders, and a rejection (back to PLANNED) or a reschedule plans them again.
 */
export const milestoneReminders: ReminderSource = {
  kind: 'milestone',
  leadsMs: [7 * DAY, DAY, 0],
  // Founding records one milestone.planned event per milestone of the plan.
  replanOn: {
    [MILESTONE_PLANNED]: milestoneIdOf,
    [MILESTONE_RESCHEDULED]: milestoneIdOf,
    [MILESTONE_SUBMITTED]: milestoneIdOf,
    [MILESTONE_REVIEWED]: milestoneIdOf,
  },
  async currentDue(manager, milestoneId) {
    const row = await manager
      .createQueryBuilder(Milestone, 'm')
      .innerJoin(MiniCompany, 'mc', 'mc.id = m.mini_company_id')
      .select(['m.id', 'm.dueAt'])
      .where('m.id = :id AND m.status = :planned AND mc.status <> :closed', { id: milestoneId, planned: MilestoneStatus.PLANNED, closed: MiniCompanyStatus.CLOSED })
      .getOne();
    return row?.dueAt ?? null;
  },
  /** Every PLANNED milestone, also those past due (their overdue check may still be missing). */
  async listOpen(manager) {
    const rows = await manager
      .createQueryBuilder(Milestone, 'm')
      .innerJoin(MiniCompany, 'mc', 'mc.id = m.mini_company_id')
      .select(['m.id', 'm.dueAt'])
      .where('m.status = :planned AND mc.status <> :closed', { planned: MilestoneStatus.PLANNED, closed: MiniCompanyStatus.CLOSED })
      .getMany();
    return rows.map((m) => ({ subjectId: m.id, dueAt: m.dueAt }));
  },
  /** Lead 0 marks the milestone OVERDUE (if still PLANNED with that deadline) and tells; other leads remind. */
  async fire(manager, subject, leadMs) {
    const milestone = await manager.findOneBy(Milestone, { id: subject.subjectId });
    if (!milestone) return [];
    const payload: MilestoneEventPayload = { milestoneId: milestone.id, miniCompanyId: milestone.miniCompanyId, dueAt: subject.dueAt.toISOString() };
    if (leadMs > 0) return [{ type: MILESTONE_DUE_SOON, payload: { ...payload, leadMs } }];
    const marked = await manager
      .createQueryBuilder()
      .update(Milestone)
      .set({ status: MilestoneStatus.OVERDUE })
      .where('id = :id AND status = :planned AND due_at = :dueAt', { id: milestone.id, planned: MilestoneStatus.PLANNED, dueAt: subject.dueAt })
      .execute();
    return marked.affected ? [{ type: MILESTONE_OVERDUE, payload: { ...payload } }] : [];
  },
};
