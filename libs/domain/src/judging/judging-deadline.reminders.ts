import type { EntityManager } from 'typeorm';
import { Challenge, ChallengeStatus } from '../challenges/challenge.entity.js';
import { clientPaths } from '../notifications/client-paths.js';
import type { NotificationRule } from '../notifications/notification-rule.js';
import type { TemplateSet } from '../notifications/template-set.js';
import type { ReminderSource } from '../reminders/reminder-source.js';
import { DAY } from '../reminders/reminder-times.js';
import { JUDGING_DEADLINE_SOON, JUDGING_STARTED, RESULTS_PUBLISHED, type JudgingDeadlineSoonPayload } from './judging-events.js';

const challengeIdOf = (payload: Record<string, unknown>) => (typeof payload.challengeId === 'string' ? payload.challengeId : undefined);

/**
 * docs/rules.md: JUDGING_DEADLINE_SOON 24 h before `judgingClosesAt`, to jurors with PENDING assignments. The deadline
 * only exists while the challenge is JUDGING (judgingClosesAt cannot change then): planned when judging starts,
 * cancelled once results are published.
 */
export const judgingDeadlineReminders: ReminderSource = {
  kind: 'judging-deadline',
  leadsMs: [DAY],
  replanOn: { [JUDGING_STARTED]: challengeIdOf, [RESULTS_PUBLISHED]: challengeIdOf },
  async currentDue(manager, challengeId) {
    const challenge = await manager.findOneBy(Challenge, { id: challengeId });
    return challenge?.status === ChallengeStatus.JUDGING ? challenge.judgingClosesAt : null;
  },
  async listOpen(manager, now) {
    const rows = await manager
      .createQueryBuilder(Challenge, 'c')
      .select(['c.id', 'c.judgingClosesAt'])
      .where('c.status = :status AND c.judging_closes_at > :now', { status: ChallengeStatus.JUDGING, now })
      .getMany();
    return rows.map((c) => ({ subjectId: c.id, dueAt: c.judgingClosesAt }));
  },
  async fire(_manager, subject) {
    const payload: JudgingDeadlineSoonPayload = { challengeId: subject.subjectId, judgingClosesAt: subject.dueAt.toISOString() };
    return [{ type: JUDGING_DEADLINE_SOON, payload: { ...payload } }];
  },
};

export const judgingDeadlineTemplates: TemplateSet = {
  JUDGING_DEADLINE_SOON: {
    it: {
      title: 'Ultime 24 ore per valutare in «{challenge}»',
      body: 'La valutazione delle idee della sfida «{challenge}» si chiude il {closesAt, date, deadline}: {count, plural, one {hai ancora una valutazione da completare} other {hai ancora # valutazioni da completare}}.',
      reason: 'Ricevi questa email perché fai parte della giuria di questa sfida.',
    },
    en: {
      title: 'Last 24 hours to review in "{challenge}"',
      body: 'Reviewing the ideas of the challenge "{challenge}" closes on {closesAt, date, deadline}: {count, plural, one {you still have one review to complete} other {you still have # reviews to complete}}.',
      reason: 'You receive this email because you are on the jury of this challenge.',
    },
  },
};

export const judgingDeadlineNotificationRules: NotificationRule<JudgingDeadlineSoonPayload>[] = [
  {
    eventType: JUDGING_DEADLINE_SOON,
    /** Jurors with PENDING assignments as it stands when the worker runs, each with their own count. */
    async plan(manager: EntityManager, payload: JudgingDeadlineSoonPayload) {
      const challenge = await manager.findOneBy(Challenge, { id: payload.challengeId });
      if (!challenge || challenge.status !== ChallengeStatus.JUDGING) return null;
      const rows: { user_id: string; n: number }[] = await manager.query(
        `SELECT j.user_id, count(*)::int AS n
           FROM review_assignment ra JOIN juror j ON j.id = ra.juror_id
          WHERE ra.challenge_id = $1 AND ra.status = 'PENDING'
          GROUP BY j.user_id`,
        [challenge.id],
      );
      const counts = new Map(rows.map((r) => [r.user_id, r.n]));
      return {
        kind: 'JUDGING_DEADLINE_SOON',
        recipientIds: rows.map((r) => r.user_id),
        subjectId: challenge.id,
        path: clientPaths.challengeReviews(challenge.id),
        params: { challenge: challenge.title, closesAt: challenge.judgingClosesAt },
        paramsFor: (userId: string) => ({ count: counts.get(userId) ?? 0 }),
      };
    },
  } satisfies NotificationRule<JudgingDeadlineSoonPayload>,
];
