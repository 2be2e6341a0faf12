import type { EntityManager } from 'typeorm';
import { clientPaths } from '../notifications/client-paths.js';
import type { NotificationRule } from '../notifications/notification-rule.js';
import type { TemplateSet } from '../notifications/template-set.js';
import { DAY } from '../reminders/reminder-times.js';
import type { ReminderSource } from '../reminders/reminder-source.js';
import { Challenge, ChallengeStatus } from './challenge.entity.js';
import { CHALLENGE_CLOSED, CHALLENGE_PUBLISHED, CHALLENGE_UPDATED } from './challenges.service.js';

export const SUBMISSION_DEADLINE_SOON = 'challenge.submission-deadline-soon';
export type SubmissionDeadlineSoonPayload = {
  challengeId: string;
  submissionClosesAt: string;
};

const challengeIdOf = (payload: Record<string, unknown>) => (typeof payload.challengeId === 'string' ? payload.challengeId : undefined);

/** docs/rules.md: 24 h before `submissionClosesAt` of a published challenge. */
export const submissionDeadlineReminders: ReminderSource = {
  kind: 'submission-deadline',
  leadsMs: [DAY],
  replanOn: { [CHALLENGE_PUBLISHED]: challengeIdOf, [CHALLENGE_UPDATED]: challengeIdOf, [CHALLENGE_CLOSED]: challengeIdOf },
  async currentDue(manager, challengeId) {
    const challenge = await manager.findOneBy(Challenge, { id: challengeId });
    return challenge?.status === ChallengeStatus.PUBLISHED ? challenge.submissionClosesAt : null;
  },
  async listOpen(manager, now) {
    const rows = await manager
      .createQueryBuilder(Challenge, 'c')
      .select(['c.id', 'c.submissionClosesAt'])
      .where('c.status = :status AND c.submission_closes_at > :now', { status: ChallengeStatus.PUBLISHED, now })
      .getMany();
    return rows.map((c) => ({ subjectId: c.id, dueAt: c.submissionClosesAt }));
  },
  async fire(_manager, subject) {
    const payload: SubmissionDeadlineSoonPayload = { challengeId: subject.subjectId, submissionClosesAt: subject.dueAt.toISOString() };
    return [{ type: SUBMISSION_DEADLINE_SOON, payload }];
  },
};

export const submissionDeadlineTemplates: TemplateSet = {
  SUBMISSION_DEADLINE_SOON: {
    it: {
      title: 'Ultime 24 ore per «{challenge}»',
      body: 'Le proposte per la sfida «{challenge}» si chiudono il {closesAt, date, deadline}: la tua squadra non ha ancora inviato la sua idea.',
      reason: 'Ricevi questa email perché fai parte di una squadra di questa sfida.',
    },
    en: {
      title: 'Last 24 hours for "{challenge}"',
      body: 'Submissions to the challenge "{challenge}" close on {closesAt, date, deadline}: your team has not submitted its idea yet.',
      reason: 'You receive this email because you are part of a team of this challenge.',
    },
  },
};

export const submissionDeadlineNotificationRules: NotificationRule<SubmissionDeadlineSoonPayload>[] = [
  {
    eventType: SUBMISSION_DEADLINE_SOON,
    /** Every member (coaches included) of the teams whose idea is not SUBMITTED, as it stands when the worker runs. */
    async plan(manager: EntityManager, payload: SubmissionDeadlineSoonPayload) {
      const challenge = await manager.findOneBy(Challenge, { id: payload.challengeId });
      if (!challenge || challenge.status !== ChallengeStatus.PUBLISHED) return null;
      const rows: { user_id: string }[] = await manager.query(
        `SELECT DISTINCT tm.user_id
           FROM team t JOIN team_member tm ON tm.team_id = t.id
          WHERE t.challenge_id = $1
            AND NOT EXISTS (SELECT 1 FROM idea i WHERE i.team_id = t.id AND i.status = 'SUBMITTED')`,
        [challenge.id],
      );
      return {
        kind: 'SUBMISSION_DEADLINE_SOON',
        recipientIds: rows.map((r) => r.user_id),
        subjectId: challenge.id,
        path: clientPaths.challenge(challenge.id),
        params: { challenge: challenge.title, closesAt: challenge.submissionClosesAt },
      };
    },
  } satisfies NotificationRule<SubmissionDeadlineSoonPayload>,
];
