import type { EntityManager } from 'typeorm';
import { Challenge } from '../challenges/challenge.entity.js';
import type { NotificationRule } from '../notifications/notification-rule.js';
import type { TemplateSet } from '../notifications/template-set.js';
import { TeamMember } from '../teams/team-member.entity.js';
import { Team } from '../teams/team.entity.js';
import { Idea } from './idea.entity.js';
import { IDEA_SUBMITTED, type IdeaSubmittedPayload } from './ideas.service.js';

export const ideaTemplates: TemplateSet = {
  IDEA_SUBMITTED: {
    it: { title: 'Idea inviata: {idea}', body: "L'idea «{idea}» della squadra {team} è stata inviata alla sfida «{challenge}»." },
    en: { title: 'Idea submitted: {idea}', body: 'The idea "{idea}" of the team {team} was submitted to the challenge "{challenge}".' },
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
        params: { idea: idea.title, team: team.name, challenge: challenge.title },
      };
    },
  } satisfies NotificationRule<IdeaSubmittedPayload>,
];
