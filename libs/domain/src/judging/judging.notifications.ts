import type { EntityManager } from 'typeorm';
import { Challenge } from '../challenges/challenge.entity.js';
import { Idea } from '../ideas/idea.entity.js';
import { clientPaths } from '../notifications/client-paths.js';
import type { NotificationPlan, NotificationRule } from '../notifications/notification-rule.js';
import type { TemplateSet } from '../notifications/template-set.js';
import { JUDGING_STARTED, RESULTS_PUBLISHED, type JudgingStartedPayload, type ResultsPublishedPayload } from './judging-events.js';
import { Juror } from './juror.entity.js';
import type { RecusalOutcome } from './recusal.js';

// Texts never name a team or a school: under blind judging, jurors must not learn them from a notification either.
export const judgingTemplates: TemplateSet = {
  REVIEW_ASSIGNED: {
    it: {
      title: 'Idee da valutare in «{challenge}»',
      body: '{count, plural, one {Hai una nuova idea da valutare} other {Hai # nuove idee da valutare}} nella sfida «{challenge}». Le trovi tra i tuoi incarichi di giuria.',
      reason: 'Ricevi questa email perché fai parte della giuria di questa sfida.',
    },
    en: {
      title: 'Ideas to review in "{challenge}"',
      body: '{count, plural, one {You have one new idea to review} other {You have # new ideas to review}} in the challenge "{challenge}". You will find them among your jury assignments.',
      reason: 'You receive this email because you are on the jury of this challenge.',
    },
  },
  REVIEW_UNASSIGNABLE: {
    it: {
      title: 'Nessun membro della giuria disponibile per «{idea}»',
      body: 'Un membro della giuria ha rinunciato a valutare l’idea «{idea}» nella sfida «{challenge}» per un conflitto di interessi e nessun altro membro idoneo può prenderne il posto: aggiungete qualcuno alla giuria.',
      reason: 'Ricevi questa email perché fai parte dell’organizzazione che promuove questa sfida.',
    },
    en: {
      title: 'No juror available for "{idea}"',
      body: 'A juror recused from reviewing the idea "{idea}" in the challenge "{challenge}" and no other eligible juror can take their place: add someone to the jury.',
      reason: 'You receive this email because you are part of the organization that runs this challenge.',
    },
  },
  RESULTS_PUBLISHED: {
    it: {
      title: 'Risultati pubblicati: «{challenge}»',
      body: 'Sono online i risultati della sfida «{challenge}»: scopri la classifica finale e i premi.',
      reason: 'Ricevi questa email perché partecipi a questa sfida con una squadra o nella giuria.',
    },
    en: {
      title: 'Results published: "{challenge}"',
      body: 'The results of the challenge "{challenge}" are out: see the final ranking and the awards.',
      reason: 'You receive this email because you take part in this challenge in a team or on the jury.',
    },
  },
};

export const judgingNotificationRules: NotificationRule<any>[] = [
  {
    eventType: JUDGING_STARTED,
    /** One REVIEW_ASSIGNED per juror with the number of ideas startJudging gave them (reassignments are told on their own). */
    async plan(manager: EntityManager, payload: JudgingStartedPayload) {
      const challenge = await manager.findOneBy(Challenge, { id: payload.challengeId });
      if (!challenge) return null;
      const rows: { user_id: string; n: number }[] = await manager.query(
        `SELECT j.user_id, count(*)::int AS n
           FROM review_assignment ra JOIN juror j ON j.id = ra.juror_id
          WHERE ra.challenge_id = $1 AND ra.replaces_assignment_id IS NULL
          GROUP BY j.user_id`,
        [challenge.id],
      );
      const counts = new Map(rows.map((r) => [r.user_id, r.n]));
      return {
        kind: 'REVIEW_ASSIGNED',
        recipientIds: rows.map((r) => r.user_id),
        subjectId: challenge.id,
        path: clientPaths.challengeReviews(challenge.id),
        params: { challenge: challenge.title },
        paramsFor: (userId: string) => ({ count: counts.get(userId) ?? 0 }),
      };
    },
  } satisfies NotificationRule<JudgingStartedPayload>,
  {
    eventType: RESULTS_PUBLISHED,
    /** Every member (of every role) of every team of the challenge and every juror: one set-based query. */
    async plan(manager: EntityManager, payload: ResultsPublishedPayload) {
      const challenge = await manager.findOneBy(Challenge, { id: payload.challengeId });
      if (!challenge) return null;
      const rows: { user_id: string }[] = await manager.query(`SELECT user_id FROM team_member WHERE challenge_id = $1 UNION SELECT user_id FROM juror WHERE challenge_id = $1`, [
        challenge.id,
      ]);
      return {
        kind: 'RESULTS_PUBLISHED',
        recipientIds: rows.map((r) => r.user_id),
        subjectId: challenge.id,
        path: clientPaths.challengeResults(challenge.id),
        params: { challenge: challenge.title },
      };
    },
  } satisfies NotificationRule<ResultsPublishedPayload>,
];

/**
 * The words of a resolved recusal (the `recusal.resolve` job changes the state, then asks for these):
 * REVIEW_ASSIGNED to the new juror, or REVIEW_UNASSIGNABLE to the organizers; nothing when judging is over.
 */
export async function recusalNotificationPlan(manager: EntityManager, outcome: RecusalOutcome): Promise<NotificationPlan | null> {
  if (outcome.kind === 'moot') return null;
  const challenge = await manager.findOneByOrFail(Challenge, { id: outcome.recused.challengeId });
  if (outcome.kind === 'reassigned') {
    const juror = await manager.findOneByOrFail(Juror, { id: outcome.replacement.jurorId });
    return {
      kind: 'REVIEW_ASSIGNED',
      recipientIds: [juror.userId],
      subjectId: challenge.id,
      path: clientPaths.challengeReviews(challenge.id),
      params: { challenge: challenge.title, count: 1 },
    };
  }
  const idea = await manager.findOneByOrFail(Idea, { id: outcome.recused.ideaId });
  const organizers: { user_id: string }[] = await manager.query(`SELECT user_id FROM organization_member WHERE organization_id = $1`, [challenge.organizerId]);
  return {
    kind: 'REVIEW_UNASSIGNABLE',
    recipientIds: organizers.map((o) => o.user_id),
    subjectId: idea.id,
    path: clientPaths.idea(idea.id),
    params: { challenge: challenge.title, idea: idea.title },
  };
}
