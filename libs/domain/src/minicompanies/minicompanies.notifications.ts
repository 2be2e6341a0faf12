import type { EntityManager } from 'typeorm';
import type { Locale } from '../identity/user.entity.js';
import type { NotificationRule } from '../notifications/notification-rule.js';
import type { TemplateSet } from '../notifications/template-set.js';
import { Team } from '../teams/team.entity.js';
import { MiniCompany } from './mini-company.entity.js';
import { Milestone, MilestoneStatus } from './milestone.entity.js';
import { MILESTONE_DUE_SOON, MILESTONE_OVERDUE, MILESTONE_REVIEWED, MILESTONE_SUBMITTED, type MilestoneEventPayload } from './minicompanies.service.js';

export const miniCompanyTemplates: TemplateSet = {
  MILESTONE_DUE_SOON: {
    it: { title: 'Scadenza vicina: {milestone}', body: 'La tappa «{milestone}» di {company} scade il {dueAt}: caricate la documentazione in tempo.' },
    en: { title: 'Due soon: {milestone}', body: 'The milestone "{milestone}" of {company} is due on {dueAt}: submit its evidence in time.' },
  },
  MILESTONE_OVERDUE: {
    it: { title: 'Tappa scaduta: {milestone}', body: 'La tappa «{milestone}» di {company} (squadra {team}) è scaduta il {dueAt} senza essere consegnata.' },
    en: { title: 'Milestone overdue: {milestone}', body: 'The milestone "{milestone}" of {company} (team {team}) was due on {dueAt} and has not been submitted.' },
  },
  MILESTONE_SUBMITTED: {
    it: { title: 'Tappa da valutare: {milestone}', body: 'La squadra {team} ha consegnato la tappa «{milestone}» di {company}: valutatela.' },
    en: { title: 'Milestone to review: {milestone}', body: 'The team {team} submitted the milestone "{milestone}" of {company}: please review it.' },
  },
  MILESTONE_REVIEWED: {
    it: { title: 'Tappa {outcome}: {milestone}', body: 'La tappa «{milestone}» di {company} è stata {outcome}. {feedback}' },
    en: { title: 'Milestone {outcome}: {milestone}', body: 'The milestone "{milestone}" of {company} was {outcome}. {feedback}' },
  },
};

interface MilestoneContext {
  milestone: Milestone;
  company: MiniCompany;
  team: Team;
}

async function context(manager: EntityManager, milestoneId: string): Promise<MilestoneContext | null> {
  const milestone = await manager.findOneBy(Milestone, { id: milestoneId });
  if (!milestone) return null;
  const company = await manager.findOneByOrFail(MiniCompany, { id: milestone.miniCompanyId });
  const team = await manager.findOneByOrFail(Team, { id: company.teamId });
  return { milestone, company, team };
}

const params = (c: MilestoneContext) => ({ milestone: c.milestone.title, company: c.company.name, team: c.team.name, dueAt: c.milestone.dueAt });

/** Members of the team (every role), with their locale. */
const teamMembers = (manager: EntityManager, teamId: string): Promise<{ id: string; locale: Locale }[]> =>
  manager.query<{ id: string; locale: Locale }[]>(`SELECT u.id, u.locale FROM team_member tm JOIN app_user u ON u.id = tm.user_id WHERE tm.team_id = $1`, [teamId]);

const coaches = async (manager: EntityManager, teamId: string): Promise<string[]> =>
  (await manager.query<{ user_id: string }[]>(`SELECT user_id FROM team_member WHERE team_id = $1 AND role = 'COACH'`, [teamId])).map((r) => r.user_id);

/** Tutors of the team's accepted adoption. */
const tutors = async (manager: EntityManager, teamId: string): Promise<string[]> =>
  (
    await manager.query<{ user_id: string }[]>(
      `SELECT t.user_id FROM adoption_tutor t JOIN adoption a ON a.id = t.adoption_id JOIN idea i ON i.id = a.idea_id WHERE i.team_id = $1 AND a.status = 'ACCEPTED'`,
      [teamId],
    )
  ).map((r) => r.user_id);

export const miniCompanyNotificationRules: NotificationRule<any>[] = [
  {
    eventType: MILESTONE_DUE_SOON,
    /** The team, while the milestone still waits for evidence with that deadline. */
    async plan(manager: EntityManager, payload: MilestoneEventPayload) {
      const c = await context(manager, payload.milestoneId);
      if (!c || c.milestone.status !== MilestoneStatus.PLANNED || c.milestone.dueAt.toISOString() !== payload.dueAt) return null;
      return { kind: 'MILESTONE_DUE_SOON', recipientIds: (await teamMembers(manager, c.team.id)).map((m) => m.id), subjectId: c.milestone.id, params: params(c) };
    },
  } satisfies NotificationRule<MilestoneEventPayload>,
  {
    eventType: MILESTONE_OVERDUE,
    /** The team (coaches included) and its tutors. */
    async plan(manager: EntityManager, payload: MilestoneEventPayload) {
      const c = await context(manager, payload.milestoneId);
      if (!c) return null;
      const recipients = [...(await teamMembers(manager, c.team.id)).map((m) => m.id), ...(await tutors(manager, c.team.id))];
      return { kind: 'MILESTONE_OVERDUE', recipientIds: recipients, subjectId: c.milestone.id, params: { ...params(c), dueAt: new Date(payload.dueAt) } };
    },
  } satisfies NotificationRule<MilestoneEventPayload>,
  {
    eventType: MILESTONE_SUBMITTED,
    /** The team's coaches and tutors, not the one who submitted. */
    async plan(manager: EntityManager, payload: MilestoneEventPayload) {
      const c = await context(manager, payload.milestoneId);
      if (!c) return null;
      const recipients = [...(await coaches(manager, c.team.id)), ...(await tutors(manager, c.team.id))].filter((id) => id !== payload.actorId);
      return { kind: 'MILESTONE_SUBMITTED', recipientIds: recipients, subjectId: c.milestone.id, params: params(c) };
    },
  } satisfies NotificationRule<MilestoneEventPayload>,
  {
    eventType: MILESTONE_REVIEWED,
    /** The whole team, with the outcome and the feedback in each member's language. */
    async plan(manager: EntityManager, payload: MilestoneEventPayload) {
      const c = await context(manager, payload.milestoneId);
      if (!c) return null;
      const members = await teamMembers(manager, c.team.id);
      const locales = new Map(members.map((m) => [m.id, m.locale]));
      const feedback = c.milestone.feedback ?? '';
      return {
        kind: 'MILESTONE_REVIEWED',
        recipientIds: members.map((m) => m.id),
        subjectId: c.milestone.id,
        params: params(c),
        paramsFor: (recipientId: string) => {
          const en = locales.get(recipientId) === 'en';
          const outcome = payload.approved ? (en ? 'approved' : 'approvata') : en ? 'rejected' : 'respinta';
          return { outcome, feedback: feedback ? (en ? `Feedback: ${feedback}` : `Commento: ${feedback}`) : '' };
        },
      };
    },
  } satisfies NotificationRule<MilestoneEventPayload>,
];
