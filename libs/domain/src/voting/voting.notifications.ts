import type { EntityManager } from 'typeorm';
import { Challenge } from '../challenges/challenge.entity.js';
import type { NotificationRule } from '../notifications/notification-rule.js';
import type { TemplateSet } from '../notifications/template-set.js';
import { clientPaths } from '../notifications/client-paths.js';
import { PEOPLES_CHOICE_PUBLISHED, type PublicVotingPayload } from './voting.service.js';

export const votingTemplates: TemplateSet = {
  PEOPLES_CHOICE_PUBLISHED: {
    it: {
      title: 'Voto del pubblico concluso: «{challenge}»',
      body: 'Il voto del pubblico per la sfida «{challenge}» si è chiuso il {closesAt, date, deadline}: scopri quali idee hanno ricevuto più voti.',
      reason: 'Ricevi questa email perché fai parte di una squadra della sfida.',
    },
    en: {
      title: 'Public vote closed: "{challenge}"',
      body: 'The public vote of the challenge "{challenge}" closed on {closesAt, date, deadline}: see which ideas received the most votes.',
      reason: 'You receive this email because you are part of a team of the challenge.',
    },
  },
};

export const votingNotificationRules: NotificationRule<any>[] = [
  {
    eventType: PEOPLES_CHOICE_PUBLISHED,
    /** Every member (of every role) of every team of the challenge, once the worker has published the vote. */
    async plan(manager: EntityManager, payload: PublicVotingPayload) {
      const challenge = await manager.findOneBy(Challenge, { id: payload.challengeId });
      if (!challenge?.peoplesChoicePublishedAt || !challenge.publicVotingClosesAt) return null;
      const rows: { user_id: string }[] = await manager.query(`SELECT DISTINCT user_id FROM team_member WHERE challenge_id = $1`, [challenge.id]);
      return {
        kind: 'PEOPLES_CHOICE_PUBLISHED',
        recipientIds: rows.map((r) => r.user_id),
        subjectId: challenge.id,
        path: clientPaths.challengeResults(challenge.id),
        params: { challenge: challenge.title, closesAt: challenge.publicVotingClosesAt },
      };
    },
  } satisfies NotificationRule<PublicVotingPayload>,
];
