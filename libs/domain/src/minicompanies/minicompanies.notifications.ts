import type { EntityManager } from 'typeorm';
import { clientPaths } from '../notifications/client-paths.js';
import type { NotificationRule } from '../notifications/notification-rule.js';
import type { TemplateSet } from '../notifications/template-set.js';
import { Team } from '../teams/team.entity.js';
import { MiniCompany } from './mini-company.entity.js';
import { Milestone, MilestoneStatus } from './milestone.entity.js';
import { MILESTONE_DUE_SOON, MILESTONE_OVERDUE, MILESTONE_REVIEWED, MILESTONE_SUBMITTED, type MilestoneEventPayload } from './minicompanies.service.js';

export const miniCompanyTemplates: TemplateSet = {
  MILESTONE_DUE_SOON: {
    it: {
      title: 'Scadenza vicina: {milestone}',
      body: 'La tappa «{milestone}» di {company} scade il {dueAt, date, deadline}: caricate la documentazione in tempo.',
      reason: 'Ricevi questa email perché fai parte della squadra di questa mini-impresa.',
    },
    en: {
      title: 'Due soon: {milestone}',
      body: 'The milestone "{milestone}" of {company} is due on {dueAt, date, deadline}: submit its evidence in time.',
      reason: 'You receive this email because you are part of the team of this mini-company.',
    },
  },
  MILESTONE_OVERDUE: {
    it: {
      title: 'Tappa scaduta: {milestone}',
      body: 'La tappa «{milestone}» di {company} (squadra {team}) scadeva il {dueAt, date, deadline} e non è ancora consegnata.',
      reason: 'Ricevi questa email perché fai parte della squadra di questa mini-impresa o ne sei tutor.',
    },
    en: {
      title: 'Milestone overdue: {milestone}',
      body: 'The milestone "{milestone}" of {company} (team {team}) was due on {dueAt, date, deadline} and has not been submitted.',
      reason: 'You receive this email because you are part of the team of this mini-company or its tutor.',
    },
  },
  MILESTONE_SUBMITTED: {
    it: {
      title: 'Tappa da valutare: {milestone}',
      body: 'La squadra {team} ha consegnato la tappa «{milestone}» di {company}: valutatela.',
      reason: 'Ricevi questa email perché sei coach o tutor della squadra di questa mini-impresa.',
    },
    en: {
      title: 'Milestone to review: {milestone}',
      body: 'The team {team} submitted the milestone "{milestone}" of {company}: please review it.',
      reason: 'You receive this email because you are a coach or a tutor of the team of this mini-company.',
    },
  },
  // `outcome`: `approved` or `rejected`; `hasFeedback`: `yes` when the reviewer left a comment (`feedback`).
  MILESTONE_REVIEWED: {
    it: {
      title: '{outcome, select, approved {Tappa approvata} other {Tappa respinta}}: {milestone}',
      body: '{outcome, select, approved {La tappa «{milestone}» di {company} è approvata.} other {La tappa «{milestone}» di {company} non è approvata: rivedetela e consegnatela di nuovo.}}{hasFeedback, select, yes { Commento: {feedback}} other {}}',
      reason: 'Ricevi questa email perché fai parte della squadra di questa mini-impresa.',
    },
    en: {
      title: '{outcome, select, approved {Milestone approved} other {Milestone rejected}}: {milestone}',
      body: '{outcome, select, approved {The milestone "{milestone}" of {company} was approved.} other {The milestone "{milestone}" of {company} was rejected: revise it and submit it again.}}{hasFeedback, select, yes { Feedback: {feedback}} other {}}',
      reason: 'You receive this email because you are part of the team of this mini-company.',
    },
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
const path = (c: MilestoneContext) => clientPaths.miniCompany(c.company.id);

/** Members of the team (every role). */
const teamMembers = (manager: EntityManager, teamId: string): Promise<{ id: string }[]> =>
  manager.query<{ id: string }[]>(`SELECT user_id AS id FROM team_member WHERE team_id = $1`, [teamId]);

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
      return {
        kind: 'MILESTONE_DUE_SOON',
        recipientIds: (await teamMembers(manager, c.team.id)).map((m) => m.id),
        subjectId: c.milestone.id,
        path: path(c),
        params: params(c),
      };
    },
  } satisfies NotificationRule<MilestoneEventPayload>,
  {
    eventType: MILESTONE_OVERDUE,
    /** The team (coaches included) and its tutors. */
    async plan(manager: EntityManager, payload: MilestoneEventPayload) {
      const c = await context(manager, payload.milestoneId);
      if (!c) return null;
      const recipients = [...(await teamMembers(manager, c.team.id)).map((m) => m.id), ...(await tutors(manager, c.team.id))];
      return { kind: 'MILESTONE_OVERDUE', recipientIds: recipients, subjectId: c.milestone.id, path: path(c), params: { ...params(c), dueAt: new Date(payload.dueAt) } };
    },
  } satisfies NotificationRule<MilestoneEventPayload>,
  {
    eventType: MILESTONE_SUBMITTED,
    /** The team's coaches and tutors, not the one who submitted. */
    async plan(manager: EntityManager, payload: MilestoneEventPayload) {
      const c = await context(manager, payload.milestoneId);
      if (!c) return null;
      const recipients = [...(await coaches(manager, c.team.id)), ...(await tutors(manager, c.team.id))].filter((id) => id !== payload.actorId);
      return { kind: 'MILESTONE_SUBMITTED', recipientIds: recipients, subjectId: c.milestone.id, path: path(c), params: params(c) };
    },
  } satisfies NotificationRule<MilestoneEventPayload>,
  {
    eventType: MILESTONE_REVIEWED,
    /** The whole team, with the outcome and the reviewer's feedback (the texts word both in each member's language). */
    async plan(manager: EntityManager, payload: MilestoneEventPayload) {
      const c = await context(manager, payload.milestoneId);
      if (!c) return null;
      const members = await teamMembers(manager, c.team.id);
      const feedback = c.milestone.feedback?.trim() ?? '';
      return {
        kind: 'MILESTONE_REVIEWED',
        recipientIds: members.map((m) => m.id),
        subjectId: c.milestone.id,
        path: path(c),
        params: { ...params(c), outcome: payload.approved ? 'approved' : 'rejected', hasFeedback: feedback ? 'yes' : 'no', feedback },
      };
    },
  } satisfies NotificationRule<MilestoneEventPayload>,
];
