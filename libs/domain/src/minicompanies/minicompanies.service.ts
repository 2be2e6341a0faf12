import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Clock } from '#platform/clock/clock.js';
import { DomainError, isUniqueViolation } from '#platform/errors/domain-error.js';
import { recordEvents, type DomainEvent } from '#platform/outbox/outbox.js';
import { Adoption, AdoptionStatus } from '../adoption/adoption.entity.js';
import { AdoptionService } from '../adoption/adoption.service.js';
import { ChallengeAccess } from '../challenges/challenge-access.js';
import { Challenge } from '../challenges/challenge.entity.js';
import { Idea, IdeaStatus } from '../ideas/idea.entity.js';
import { TeamRole } from '../teams/team-member.entity.js';
import { Team } from '../teams/team.entity.js';
import { check, checkInput, isUuid } from '../validation.js';
import { requireUser, type Viewer } from '../viewer.js';
import { defaultPlan } from './default-plan.js';
import { MiniCompany, MiniCompanyStatus } from './mini-company.entity.js';
import { Milestone, MilestoneKind, MilestoneStatus } from './milestone.entity.js';

export const MINI_COMPANY_FOUNDED = 'mini-company.founded';
export const MINI_COMPANY_LAUNCHED = 'mini-company.launched';
/** One per milestone of a new plan (founding): the reminders of each milestone are planned from it. */
export const MILESTONE_PLANNED = 'milestone.planned';
export const MILESTONE_SUBMITTED = 'milestone.submitted';
export const MILESTONE_REVIEWED = 'milestone.reviewed';
export const MILESTONE_RESCHEDULED = 'milestone.rescheduled';
/** Recorded by the reminder source (milestone.reminders.ts). */
export const MILESTONE_DUE_SOON = 'milestone.due-soon';
export const MILESTONE_OVERDUE = 'milestone.overdue';

export interface MilestoneEventPayload {
  milestoneId: string;
  miniCompanyId: string;
  /** Who did it (absent for the scheduler's events). */
  actorId?: string;
  /** The deadline the event is about (ISO). */
  dueAt: string;
  /** milestone.reviewed */
  approved?: boolean;
  /** milestone.due-soon */
  leadMs?: number;
}

export interface MilestoneData {
  kind: MilestoneKind;
  title: string;
  dueAt: Date;
}

export const MINI_COMPANY_LIMITS = { name: [1, 120], milestones: [1, 30], title: [1, 200], evidence: [1, 5_000], feedback: 5_000 } as const;

@Injectable()
export class MiniCompaniesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ChallengeAccess,
    private readonly adoptions: AdoptionService,
    private readonly clock: Clock,
  ) {}

  /**
   * The team's coach (or captain) founds its one mini-company on the team's SUBMITTED idea, linked to the idea's
   * accepted adoption if any, with the given milestones or the rules' default plan.
   */
  async found(viewer: Viewer, input: { teamId: string; name: string; milestones?: MilestoneData[] | null }): Promise<MiniCompany> {
    const user = requireUser(viewer);
    const team = isUuid(input.teamId) ? await this.dataSource.getRepository(Team).findOneBy({ id: input.teamId }) : null;
    if (!team) throw DomainError.notFound('team');
    const challenge = await this.dataSource.getRepository(Challenge).findOneByOrFail({ id: team.challengeId });
    if (!(await this.access.canSeeChallenge(viewer, challenge))) throw DomainError.notFound('team');
    const role = (await this.access.teamRoles(viewer, [team.id])).get(team.id);
    if (!viewer.isAdmin && role !== TeamRole.COACH && role !== TeamRole.CAPTAIN) throw DomainError.forbidden('minicompanies.foundForbidden');
    const now = this.clock.now();
    const { name, plan } = checkInput((field) => ({
      name: field(() => check.line('name', input.name, ...MINI_COMPANY_LIMITS.name)),
      plan: input.milestones === undefined || input.milestones === null ? defaultPlan(now) : field(() => this.checkMilestones(input.milestones!, now)),
    }));

    try {
      return await this.dataSource.transaction(async (manager) => {
        const idea = await manager.getRepository(Idea).createQueryBuilder('i').setLock('pessimistic_read').where('i.team_id = :teamId', { teamId: team.id }).getOne();
        if (!idea || idea.status !== IdeaStatus.SUBMITTED) throw DomainError.precondition('minicompanies.needsSubmittedIdea');
        if (await manager.existsBy(MiniCompany, { teamId: team.id })) throw DomainError.conflict('minicompanies.alreadyExists');
        const adoption = await manager.findOneBy(Adoption, { ideaId: idea.id, status: AdoptionStatus.ACCEPTED });
        const company = await manager.save(MiniCompany, manager.create(MiniCompany, { teamId: team.id, ideaId: idea.id, adoptionId: adoption?.id ?? null, name, foundedAt: now }));
        const milestones = await manager.save(
          Milestone,
          plan.map((m, position) => manager.create(Milestone, { miniCompanyId: company.id, position, kind: m.kind, title: m.title, dueAt: m.dueAt })),
        );
        await recordEvents(manager, [
          { type: MINI_COMPANY_FOUNDED, payload: { miniCompanyId: company.id, teamId: team.id, ideaId: idea.id, actorId: user.userId } },
          ...milestones.map((m) => this.event(MILESTONE_PLANNED, m, user.userId)),
        ]);
        return company;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_mini_company_team')) throw DomainError.conflict('minicompanies.alreadyExists');
      throw error;
    }
  }

  /** A mini-company the viewer may see: the team's members, its tutors, the challenge's organizers, admins. */
  async get(viewer: Viewer, id: string): Promise<MiniCompany> {
    const company = isUuid(id) ? await this.dataSource.getRepository(MiniCompany).findOneBy({ id }) : null;
    if (!company || !(await this.access.teamsWithVisibleMembers(viewer, [company.teamId])).has(company.teamId)) throw DomainError.notFound('miniCompany');
    return company;
  }

  /** Team.miniCompany: the mini-companies of the teams the viewer may see inside. */
  async visibleByTeamIds(viewer: Viewer, teamIds: readonly string[]): Promise<MiniCompany[]> {
    const visible = [...(await this.access.teamsWithVisibleMembers(viewer, teamIds.filter(isUuid)))];
    return visible.length ? this.dataSource.getRepository(MiniCompany).findBy({ teamId: In(visible) }) : [];
  }

  /** Milestones of these mini-companies (the caller already sees them), in plan order. */
  async milestonesOf(miniCompanyIds: readonly string[]): Promise<Milestone[]> {
    const ids = [...new Set(miniCompanyIds)];
    return ids.length ? this.dataSource.getRepository(Milestone).find({ where: { miniCompanyId: In(ids) }, order: { position: 'ASC', id: 'ASC' } }) : [];
  }

  /** Any member of the team submits evidence: PLANNED or OVERDUE -> SUBMITTED. */
  async submitMilestone(viewer: Viewer, input: { milestoneId: string; evidence: string }): Promise<Milestone> {
    const user = requireUser(viewer);
    const { milestone, company } = await this.visibleMilestone(viewer, input.milestoneId);
    if (!viewer.isAdmin && !(await this.access.teamRoles(viewer, [company.teamId])).has(company.teamId)) {
      throw DomainError.forbidden('minicompanies.submitMembersOnly');
    }
    const evidence = check.text('evidence', input.evidence, ...MINI_COMPANY_LIMITS.evidence);
    return this.transition(milestone.id, [MilestoneStatus.PLANNED, MilestoneStatus.OVERDUE], async (manager, current) => {
      await manager.update(Milestone, { id: current.id }, { status: MilestoneStatus.SUBMITTED, evidence, submittedAt: this.clock.now() });
      return [this.event(MILESTONE_SUBMITTED, current, user.userId)];
    });
  }

  /**
   * A coach or a tutor of the team reviews a SUBMITTED milestone: approve -> APPROVED (an approved MARKET_LAUNCH
   * launches the mini-company); reject -> PLANNED with the feedback, or OVERDUE when already past due.
   */
  async reviewMilestone(viewer: Viewer, input: { milestoneId: string; approve: boolean; feedback?: string | null }): Promise<Milestone> {
    const user = requireUser(viewer);
    const { milestone, company } = await this.visibleMilestone(viewer, input.milestoneId);
    await this.assertGuide(viewer, company, 'review');
    const feedback = check.optionalText('feedback', input.feedback, MINI_COMPANY_LIMITS.feedback);
    return this.transition(milestone.id, [MilestoneStatus.SUBMITTED], async (manager, current) => {
      const now = this.clock.now();
      const status = input.approve ? MilestoneStatus.APPROVED : current.dueAt.getTime() <= now.getTime() ? MilestoneStatus.OVERDUE : MilestoneStatus.PLANNED;
      await manager.update(Milestone, { id: current.id }, { status, feedback, reviewedAt: now, reviewedById: user.userId });
      const events: DomainEvent[] = [this.event(MILESTONE_REVIEWED, current, user.userId, { approved: input.approve })];
      if (input.approve && current.kind === MilestoneKind.MARKET_LAUNCH) {
        const launched = await manager.update(MiniCompany, { id: current.miniCompanyId, status: MiniCompanyStatus.ACTIVE }, { status: MiniCompanyStatus.LAUNCHED });
        if (launched.affected) events.push({ type: MINI_COMPANY_LAUNCHED, payload: { miniCompanyId: current.miniCompanyId, actorId: user.userId } });
      }
      return events;
    });
  }

  /** A coach or a tutor moves the deadline of a milestone not yet APPROVED to a future date; OVERDUE becomes PLANNED. */
  async rescheduleMilestone(viewer: Viewer, input: { milestoneId: string; dueAt: Date }): Promise<Milestone> {
    const user = requireUser(viewer);
    const { milestone, company } = await this.visibleMilestone(viewer, input.milestoneId);
    await this.assertGuide(viewer, company, 'reschedule');
    const dueAt = check.date('dueAt', input.dueAt);
    if (dueAt.getTime() <= this.clock.now().getTime()) throw DomainError.badInput('dueAt', 'minicompanies.dueInFuture');
    return this.transition(milestone.id, [MilestoneStatus.PLANNED, MilestoneStatus.OVERDUE, MilestoneStatus.SUBMITTED], async (manager, current) => {
      const status = current.status === MilestoneStatus.OVERDUE ? MilestoneStatus.PLANNED : current.status;
      await manager.update(Milestone, { id: current.id }, { dueAt, status });
      return [this.event(MILESTONE_RESCHEDULED, { ...current, dueAt }, user.userId, { previousDueAt: current.dueAt.toISOString() })];
    });
  }

  /**
   * Locks the milestone, checks its state (FAILED_PRECONDITION otherwise, or when the mini-company is CLOSED),
   * applies the change and records its events in one transaction.
   */
  private async transition(id: string, from: MilestoneStatus[], apply: (manager: EntityManager, current: Milestone) => Promise<DomainEvent[]>): Promise<Milestone> {
    return this.dataSource.transaction(async (manager) => {
      const current = await manager.getRepository(Milestone).createQueryBuilder('m').setLock('pessimistic_write').where('m.id = :id', { id }).getOneOrFail();
      const company = await manager.findOneByOrFail(MiniCompany, { id: current.miniCompanyId });
      if (company.status === MiniCompanyStatus.CLOSED) throw DomainError.precondition('minicompanies.closed');
      if (!from.includes(current.status)) throw DomainError.precondition('minicompanies.milestoneState', { status: current.status });
      await recordEvents(manager, await apply(manager, current));
      return manager.findOneByOrFail(Milestone, { id });
    });
  }

  /** FORBIDDEN unless the viewer is a coach of the team, one of its tutors, or an admin. */
  private async assertGuide(viewer: Viewer, company: MiniCompany, action: 'review' | 'reschedule'): Promise<void> {
    if (viewer.isAdmin) return;
    if ((await this.access.teamRoles(viewer, [company.teamId])).get(company.teamId) === TeamRole.COACH) return;
    if (await this.adoptions.isTutorOfTeam(viewer, company.teamId)) return;
    throw DomainError.forbidden('minicompanies.guidesOnly', { action });
  }

  /** A milestone whose mini-company the viewer may see (NOT_FOUND otherwise). */
  private async visibleMilestone(viewer: Viewer, id: string): Promise<{ milestone: Milestone; company: MiniCompany }> {
    const milestone = isUuid(id) ? await this.dataSource.getRepository(Milestone).findOneBy({ id }) : null;
    if (!milestone) throw DomainError.notFound('milestone');
    const company = await this.dataSource.getRepository(MiniCompany).findOneByOrFail({ id: milestone.miniCompanyId });
    if (!(await this.access.teamsWithVisibleMembers(viewer, [company.teamId])).has(company.teamId)) throw DomainError.notFound('milestone');
    return { milestone, company };
  }

  private checkMilestones(milestones: MilestoneData[], now: Date): MilestoneData[] {
    const [min, max] = MINI_COMPANY_LIMITS.milestones;
    if (milestones.length < min || milestones.length > max) throw DomainError.badInput('milestones', 'minicompanies.milestoneCount', { min, max });
    return milestones.map((m) => {
      if (!Object.values(MilestoneKind).includes(m.kind)) throw DomainError.badInput('milestones', 'minicompanies.unknownKind');
      const title = check.line('milestones', m.title, ...MINI_COMPANY_LIMITS.title);
      const dueAt = check.date('milestones', m.dueAt);
      if (dueAt.getTime() <= now.getTime()) throw DomainError.badInput('milestones', 'minicompanies.milestonesInFuture');
      return { kind: m.kind, title, dueAt };
    });
  }

  private event(type: string, m: Pick<Milestone, 'id' | 'miniCompanyId' | 'dueAt'>, actorId: string, extra: Record<string, unknown> = {}): DomainEvent {
    const payload: MilestoneEventPayload = { milestoneId: m.id, miniCompanyId: m.miniCompanyId, actorId, dueAt: m.dueAt.toISOString() };
    return { type, payload: { ...payload, ...extra } };
  }
}
