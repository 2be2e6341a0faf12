import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '#platform/clock/clock.js';
import { verifyPassword } from '#platform/crypto/passwords.js';
import { DomainError } from '#platform/errors/domain-error.js';
import { isUuid } from '../validation.js';
import { normalizeSignInCode } from '../rosters/roster-credentials.js';
import { RosterStudent } from '../rosters/roster-student.entity.js';
import { SessionRevocation } from '../identity/session-revocation.js';
import { User } from '../identity/user.entity.js';
import { requireUser, type Viewer } from '../viewer.js';
import { ERASED_PERSON_NAME } from './person-view.js';

/**
 * Erasure (docs/rules.md "Accounts, schools and minors"): the person's name, email, username, password and codes,
 * tokens, notifications, consent records and memberships go in one transaction; the user row stays as "Ex membro" so
 * the team's idea, reviews and every reference to the row stay whole. Erasing twice changes nothing.
 *
 * Where other rows hold the person's name or address as text (notifications rendered for others, outbox and failed-job
 * payloads), it is replaced by the erased placeholder: test/erasure.e2e-spec.ts scans every text column of every
 * table to prove this list complete.
 */
@Injectable()
export class ErasureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly sessions: SessionRevocation,
  ) {}

  /** `deleteMyAccount`: proven by the password, or by the current sign-in code for a roster student without one. */
  async deleteMyAccount(viewer: Viewer, password: string): Promise<void> {
    const { userId } = requireUser(viewer);
    const user = await this.dataSource.getRepository(User).findOneBy({ id: userId });
    if (!user || user.erasedAt) throw DomainError.unauthenticated();
    if (typeof password !== 'string' || password.length === 0 || password.length > 256) throw DomainError.badInput('password', 'identity.passwordWrong');
    const roster = user.passwordHash ? null : await this.dataSource.getRepository(RosterStudent).findOneBy({ userId });
    const proof = user.passwordHash ?? roster?.codeHash ?? null;
    const presented = user.passwordHash ? password : (normalizeSignInCode(password) ?? '');
    if (!proof || !presented || !(await verifyPassword(proof, presented))) throw DomainError.badInput('password', 'identity.passwordWrong');
    await this.erase(userId);
  }

  /** `eraseStudent`: a roster student, by a coach of their team or a platform admin (who may erase any account but an admin's). */
  async eraseStudent(viewer: Viewer, userIdInput: string): Promise<void> {
    requireUser(viewer);
    const notFound = () => DomainError.notFound('student');
    if (!isUuid(userIdInput)) throw notFound();
    const userId = userIdInput.toLowerCase();
    const user = await this.dataSource.getRepository(User).findOneBy({ id: userId });
    if (!user) throw notFound();
    if (viewer.isAdmin) {
      if (user.isAdmin && user.id !== viewer.userId) throw DomainError.forbidden('erasure.adminsForbidden');
    } else {
      // Visibility first: whoever does not coach one of the student's teams is told nothing exists.
      const coaches: unknown[] = await this.dataSource.query(
        `SELECT 1 FROM team_member s JOIN team_member c ON c.team_id = s.team_id AND c.role = 'COACH'
          WHERE s.user_id = $1 AND s.role = 'STUDENT' AND c.user_id = $2 LIMIT 1`,
        [userId, viewer.userId],
      );
      if (coaches.length === 0 && !user.erasedAt) throw notFound();
      if (!user.erasedAt && !(await this.dataSource.getRepository(RosterStudent).existsBy({ userId }))) {
        throw DomainError.precondition('erasure.rosterOnly');
      }
    }
    await this.erase(userId);
  }

  /** Erases one person (idempotent); also the retention worker's call. Returns false when they were erased already. */
  async erase(userId: string): Promise<boolean> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const user = await manager.getRepository(User).createQueryBuilder('u').setLock('pessimistic_write').where('u.id = :userId', { userId }).getOne();
      if (!user || user.erasedAt) return null;
      const families = await this.sessions.revokeInTransaction(manager, userId, 'all');
      await this.scrubMentions(manager, user);
      for (const sql of PERSONAL_ROWS) await manager.query(sql, [userId]);
      await manager.update(
        User,
        { id: userId },
        {
          email: null,
          passwordHash: null,
          username: null,
          displayName: ERASED_PERSON_NAME,
          emailVerifiedAt: null,
          erasedAt: this.clock.now(),
        },
      );
      return families;
    });
    if (outcome === null) return false;
    await this.sessions.announce(outcome);
    return true;
  }

  /** Other rows that carry the person's name, username or address as text get the placeholder instead. */
  private async scrubMentions(manager: EntityManager, user: User): Promise<void> {
    const needles = [user.displayName, user.email, user.username].filter((value): value is string => typeof value === 'string' && value.length >= 3);
    for (const needle of needles) {
      await manager.query(
        `UPDATE notification SET title = replace(title, $1, $2), body = replace(body, $1, $2)
          WHERE recipient_id <> $3 AND (strpos(title, $1) > 0 OR strpos(body, $1) > 0)`,
        [needle, ERASED_PERSON_NAME, user.id],
      );
      // JSON payloads: replace the needle as it appears inside a JSON string.
      const inJson = JSON.stringify(needle).slice(1, -1);
      for (const table of ['outbox_event', 'job_failure']) {
        await manager.query(`UPDATE ${table} SET payload = replace(payload::text, $1, $2)::jsonb WHERE strpos(payload::text, $1) > 0`, [inJson, ERASED_PERSON_NAME]);
      }
      await manager.query(`UPDATE job_failure SET error = replace(error, $1, $2) WHERE strpos(error, $1) > 0`, [needle, ERASED_PERSON_NAME]);
    }
  }
}

/** What is deleted outright, by user id ($1). Reviews, juror seats, ideas and awards stay: they belong to the challenge. */
const PERSONAL_ROWS = [
  'DELETE FROM refresh_token WHERE user_id = $1',
  'DELETE FROM account_token WHERE user_id = $1',
  'DELETE FROM notification WHERE recipient_id = $1',
  'DELETE FROM consent_record WHERE user_id = $1',
  'DELETE FROM roster_student WHERE user_id = $1',
  'DELETE FROM team_member WHERE user_id = $1',
  'DELETE FROM organization_member WHERE user_id = $1',
  // Invitations to the person go with their memberships; those they sent or decided stay, naming the erased row.
  'DELETE FROM organization_invitation WHERE invitee_id = $1',
  'DELETE FROM adoption_tutor WHERE user_id = $1',
  'DELETE FROM data_export WHERE subject_id = $1 OR requested_by_id = $1',
];
