import type { ReminderSource } from '../reminders/reminder-source.js';
import { Challenge } from '../challenges/challenge.entity.js';
import { PEOPLES_CHOICE_PUBLISHED, PUBLIC_VOTING_SCHEDULED, type PublicVotingPayload } from './voting.service.js';

const challengeIdOf = (payload: Record<string, unknown>) => (typeof payload.challengeId === 'string' ? payload.challengeId : undefined);

/**
 * The closing of a public vote, driven like a deadline (docs/rules.md: counts are public from `closesAt`): one check at
 * `closesAt` (lead 0), re-planned whenever an organizer sets, moves or cuts short the window, fired once by the worker
 * even if it was down at that moment. Firing marks the challenge's people's choice published and records the event
 * whose rule tells the teams. The counts themselves never wait for the worker: reads compare `closesAt` with the clock.
 */
export const peoplesChoiceClosing: ReminderSource = {
  kind: 'peoples-choice',
  leadsMs: [0],
  replanOn: { [PUBLIC_VOTING_SCHEDULED]: challengeIdOf },
  async currentDue(manager, challengeId) {
    const challenge = await manager.findOneBy(Challenge, { id: challengeId });
    return challenge?.publicVotingClosesAt && !challenge.peoplesChoicePublishedAt ? challenge.publicVotingClosesAt : null;
  },
  /** Every vote not yet published, also those whose closing passed while no worker ran. */
  async listOpen(manager) {
    const rows = await manager
      .createQueryBuilder(Challenge, 'c')
      .select(['c.id', 'c.publicVotingClosesAt'])
      .where('c.public_voting_closes_at IS NOT NULL AND c.peoples_choice_published_at IS NULL')
      .getMany();
    return rows.map((c) => ({ subjectId: c.id, dueAt: c.publicVotingClosesAt! }));
  },
  async fire(manager, subject) {
    const marked = await manager
      .createQueryBuilder()
      .update(Challenge)
      .set({ peoplesChoicePublishedAt: () => 'clock_timestamp()' })
      .where('id = :id AND public_voting_closes_at = :dueAt AND peoples_choice_published_at IS NULL', { id: subject.subjectId, dueAt: subject.dueAt })
      .execute();
    if (!marked.affected) return [];
    const payload: PublicVotingPayload = { challengeId: subject.subjectId, closesAt: subject.dueAt.toISOString() };
    return [{ type: PEOPLES_CHOICE_PUBLISHED, payload: { ...payload } }];
  },
};
