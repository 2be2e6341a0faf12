import type { EntityManager } from 'typeorm';
import { Challenge } from '../challenges/challenge.entity.js';
import { clientPaths } from '../notifications/client-paths.js';
import type { NotificationRule } from '../notifications/notification-rule.js';
import type { TemplateSet } from '../notifications/template-set.js';
import { TeamMember } from '../teams/team-member.entity.js';
import { Team } from '../teams/team.entity.js';
import { Idea } from './idea.entity.js';
import { IDEA_SUBMITTED, type IdeaSubmittedPayload } from './ideas.service.js';

export const ideaTemplates: TemplateSet = {
  IDEA_SUBMITTED: {
    it: {
      title: 'Idea inviata: {idea}',
      body: 'La squadra {team} ha inviato l’idea «{idea}» alla sfida «{challenge}».',
      reason: 'Ricevi questa email perché fai parte della squadra di questa idea.',
    },
    en: {
      title: 'Idea submitted: {idea}',
      body: 'The team {team} submitted the idea "{idea}" to the challenge "{challenge}".',
      reason: 'You receive this email because you are part of the team of this idea.',
    },
  },
};

export const ideaNotificationRules: NotificationRule<any>[] = [
  {
    eventType: IDEA_SUBMITTED,
    /** The whole team: members of every role, coaches included. */
    async plan(manager: EntityManager, payload: IdeaSubmittedPayload) {
      const [idea, team] = await Promise.all([manager.findOneBy(Idea, { id: payload.ideaId }), manager.findOneBy(Team, { id: payload.teamId })]);
      if (!idea || !team) return null;
      const [challenge, members] = await Promise.all([manager.findOneByOrFail(Challenge, { id: team.challengeId }), manager.find(TeamMember, { where: { teamId: team.id } })]);
      return {
        kind: 'IDEA_SUBMITTED',
        recipientIds: members.map((m) => m.userId),
        subjectId: idea.id,
        path: clientPaths.idea(idea.id),
        params: { idea: idea.title, team: team.name, challenge: challenge.title },
      };
    },
  } satisfies NotificationRule<IdeaSubmittedPayload>,
];
