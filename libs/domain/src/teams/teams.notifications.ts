import { In, type EntityManager } from 'typeorm';
import { Challenge } from '../challenges/challenge.entity.js';
import { User } from '../identity/user.entity.js';
import { clientPaths } from '../notifications/client-paths.js';
import type { NotificationRule } from '../notifications/notification-rule.js';
import type { TemplateSet } from '../notifications/template-set.js';
import { TeamMember, TeamRole } from './team-member.entity.js';
import { Team } from './team.entity.js';
import { TEAM_MEMBER_JOINED, type TeamMemberJoinedPayload } from './teams.service.js';

export const teamTemplates: TemplateSet = {
  TEAM_MEMBER_JOINED: {
    it: {
      title: 'Nuovo membro nella squadra {team}: {member}',
      body: '{member} fa ora parte della squadra {team} della sfida «{challenge}».',
      reason: 'Ricevi questa email perché sei coach o caposquadra di questa squadra.',
    },
    en: {
      title: 'New member in the team {team}: {member}',
      body: '{member} is now part of the team {team} of the challenge "{challenge}".',
      reason: 'You receive this email because you are a coach or the captain of this team.',
    },
  },
};

export const teamNotificationRules: NotificationRule<any>[] = [
  {
    eventType: TEAM_MEMBER_JOINED,
    /** The team's coaches and captain; nothing when the student already left again. */
    async plan(manager: EntityManager, payload: TeamMemberJoinedPayload) {
      const [team, joined, member] = await Promise.all([
        manager.findOneBy(Team, { id: payload.teamId }),
        manager.findOneBy(TeamMember, { teamId: payload.teamId, userId: payload.userId }),
        manager.findOneBy(User, { id: payload.userId }),
      ]);
      if (!team || !joined || !member) return null;
      const [challenge, leads] = await Promise.all([
        manager.findOneByOrFail(Challenge, { id: team.challengeId }),
        manager.find(TeamMember, { where: { teamId: team.id, role: In([TeamRole.COACH, TeamRole.CAPTAIN]) } }),
      ]);
      return {
        kind: 'TEAM_MEMBER_JOINED',
        recipientIds: leads.map((m) => m.userId).filter((id) => id !== payload.userId),
        subjectId: team.id,
        path: clientPaths.team(team.id),
        params: { member: member.displayName, team: team.name, challenge: challenge.title },
      };
    },
  } satisfies NotificationRule<TeamMemberJoinedPayload>,
];
