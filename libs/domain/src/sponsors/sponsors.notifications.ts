import type { EntityManager } from 'typeorm';
import { RESULTS_VISIBLE_STATUSES } from '../challenges/challenge-access.js';
import { Challenge } from '../challenges/challenge.entity.js';
import type { NotificationRule } from '../notifications/notification-rule.js';
import type { TemplateSet } from '../notifications/template-set.js';
import { clientPaths } from '../notifications/client-paths.js';
import { MATCHING_IDEAS_PUBLISHED, type MatchingIdeasPublishedPayload } from './sponsor-events.js';
import { themeMatches } from './theme-match.js';

export const sponsorTemplates: TemplateSet = {
  MATCHING_IDEAS_PUBLISHED: {
    it: {
      title: 'Nuove idee sui temi seguiti: «{challenge}»',
      body: 'Sono stati pubblicati i risultati della sfida «{challenge}». Idee sui temi seguiti da {company}: {count}. Scoprile tra le idee suggerite e proponi un’adozione.',
      reason: 'Ricevi questa email perché fai parte di un’impresa che segue questi temi.',
    },
    en: {
      title: 'New ideas on the themes you follow: "{challenge}"',
      body: 'The results of the challenge "{challenge}" have been published. Ideas on the themes followed by {company}: {count}. Find them among the suggested ideas and propose an adoption.',
      reason: 'You receive this email because you are part of a company that follows these themes.',
    },
  },
};

export const sponsorNotificationRules: NotificationRule<any>[] = [
  {
    eventType: MATCHING_IDEAS_PUBLISHED,
    /**
     * The members of every COMPANY that follows a theme matching the theme of a SUBMITTED, not adopted idea of the
     * challenge, once its results are public; each is told their companies' names and the number of such ideas.
     */
    async plan(manager: EntityManager, payload: MatchingIdeasPublishedPayload) {
      const challenge = await manager.findOneBy(Challenge, { id: payload.challengeId });
      if (!challenge || !RESULTS_VISIBLE_STATUSES.includes(challenge.status)) return null;
      const rows: { user_id: string; companies: string[]; ideas: number }[] = await manager.query(
        `SELECT om.user_id, array_agg(DISTINCT o.name ORDER BY o.name) AS companies, count(DISTINCT i.id)::int AS ideas
           FROM theme th
           JOIN idea i ON i.theme_id = th.id AND i.status = 'SUBMITTED'
                      AND NOT EXISTS (SELECT 1 FROM adoption a WHERE a.idea_id = i.id AND a.status = 'ACCEPTED')
           JOIN followed_theme f ON ${themeMatches('th.name', 'f.theme')}
           JOIN organization o ON o.id = f.organization_id AND o.kind = 'COMPANY'
           JOIN organization_member om ON om.organization_id = o.id
          WHERE th.challenge_id = $1
          GROUP BY om.user_id`,
        [challenge.id],
      );
      const byUser = new Map(rows.map((r) => [r.user_id, r]));
      return {
        kind: 'MATCHING_IDEAS_PUBLISHED',
        recipientIds: rows.map((r) => r.user_id),
        subjectId: challenge.id,
        path: clientPaths.challengeResults(challenge.id),
        params: { challenge: challenge.title },
        paramsFor: (userId: string) => ({ company: byUser.get(userId)?.companies.join(', ') ?? '', count: byUser.get(userId)?.ideas ?? 0 }),
      };
    },
  } satisfies NotificationRule<MatchingIdeasPublishedPayload>,
];
