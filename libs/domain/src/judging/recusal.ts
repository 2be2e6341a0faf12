import type { EntityManager } from 'typeorm';
import { Challenge, ChallengeStatus } from '../challenges/challenge.entity.js';
import { conflictKey, pickReplacementJuror } from './assignment.js';
import { conflictPairsSql } from './judging-access.js';
import { AssignmentStatus, ReviewAssignment } from './review-assignment.entity.js';

export type RecusalOutcome =
  | { kind: 'reassigned'; recused: ReviewAssignment; replacement: ReviewAssignment }
  | { kind: 'unassignable'; recused: ReviewAssignment }
  /** Judging is over: nobody needs to be told. */
  | { kind: 'moot'; recused: ReviewAssignment };

/**
 * The worker's side of a recusal (docs/rules.md "Recusal"), exactly once per recused assignment: under a lock of the
 * recused row (and of the challenge, so concurrent reassignments see each other's loads), the idea goes to the
 * least-loaded eligible juror not yet assigned to it (pickReplacementJuror), or to nobody. The choice is stored in
 * the same transaction (`replaces_assignment_id` on the new row, unique, and `recusal_resolved_at`), so running it
 * again returns the stored outcome instead of choosing twice. Null when the row is not a recused assignment.
 */
export async function resolveRecusal(manager: EntityManager, assignmentId: string): Promise<RecusalOutcome | null> {
  return manager.transaction(async (tx) => {
    const recused = await tx.getRepository(ReviewAssignment).createQueryBuilder('ra').setLock('pessimistic_write').where('ra.id = :id', { id: assignmentId }).getOne();
    if (!recused || recused.status !== AssignmentStatus.RECUSED) return null;
    const challenge = await tx.getRepository(Challenge).createQueryBuilder('c').setLock('for_no_key_update').where('c.id = :id', { id: recused.challengeId }).getOneOrFail();
    if (recused.recusalResolvedAt) {
      const replacement = await tx.findOneBy(ReviewAssignment, { replacesAssignmentId: recused.id });
      if (replacement) return { kind: 'reassigned', recused, replacement };
      return challenge.status === ChallengeStatus.JUDGING ? { kind: 'unassignable', recused } : { kind: 'moot', recused };
    }
    const markResolved = () => tx.query(`UPDATE review_assignment SET recusal_resolved_at = clock_timestamp() WHERE id = $1`, [recused.id]);
    if (challenge.status !== ChallengeStatus.JUDGING) {
      await markResolved();
      return { kind: 'moot', recused };
    }
    const candidates: { id: string; load: number }[] = await tx.query(
      `SELECT j.id, count(ra.id) FILTER (WHERE ra.status <> 'RECUSED')::int AS load
         FROM juror j LEFT JOIN review_assignment ra ON ra.juror_id = j.id
        WHERE j.challenge_id = $1 GROUP BY j.id`,
      [challenge.id],
    );
    const taken: { juror_id: string }[] = await tx.query(`SELECT juror_id FROM review_assignment WHERE idea_id = $1`, [recused.ideaId]);
    const pairs: { idea_id: string; juror_id: string }[] = await tx.query(conflictPairsSql('AND i.id = $2'), [challenge.id, recused.ideaId]);
    const pick = pickReplacementJuror({
      ideaId: recused.ideaId,
      candidates,
      excluded: new Set(taken.map((t) => t.juror_id)),
      conflicts: new Set(pairs.map((p) => conflictKey(p.idea_id, p.juror_id))),
    });
    await markResolved();
    if (!pick) return { kind: 'unassignable', recused };
    const replacement = await tx.save(
      ReviewAssignment,
      tx.create(ReviewAssignment, {
        challengeId: challenge.id,
        ideaId: recused.ideaId,
        jurorId: pick.id,
        status: AssignmentStatus.PENDING,
        dueAt: challenge.judgingClosesAt,
        replacesAssignmentId: recused.id,
      }),
    );
    return { kind: 'reassigned', recused, replacement };
  });
}
