import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError } from '#platform/errors/domain-error.js';
import { Clock } from '#platform/clock/clock.js';
import { isUuid } from '../validation.js';
import { requireUser, type Viewer } from '../viewer.js';

/** One section of the export: a name and the SQL that selects its rows as JSON objects for user $1. */
const SECTIONS: readonly (readonly [string, string])[] = [
  [
    'profile',
    `SELECT id, email, username, display_name AS "displayName", locale, is_admin AS "isAdmin", created_at AS "createdAt", email_verified_at AS "emailVerifiedAt" FROM app_user WHERE id = $1`,
  ],
  [
    'organizationMemberships',
    `SELECT o.id AS "organizationId", o.name AS "organization", o.kind, m.role, m.created_at AS "since"
       FROM organization_member m JOIN organization o ON o.id = m.organization_id WHERE m.user_id = $1 ORDER BY m.created_at`,
  ],
  [
    'teams',
    `SELECT t.id AS "teamId", t.name AS "team", c.title AS "challenge", m.role, m.created_at AS "joinedAt"
       FROM team_member m JOIN team t ON t.id = m.team_id JOIN challenge c ON c.id = t.challenge_id WHERE m.user_id = $1 ORDER BY m.created_at`,
  ],
  [
    'ideas',
    `SELECT i.id, i.title, i.summary, i.problem, i.solution, i.impact, i.tags, i.status, i.version, i.created_at AS "createdAt", i.updated_at AS "updatedAt", i.submitted_at AS "submittedAt"
       FROM idea i JOIN team_member m ON m.team_id = i.team_id WHERE m.user_id = $1 ORDER BY i.created_at`,
  ],
  [
    'reviews',
    `SELECT r.id, ch.title AS "challenge", i.title AS "idea", r.scores, r.comment, r.total, r.version, r.submitted_at AS "submittedAt",
            (SELECT coalesce(json_agg(json_build_object('version', rr.version, 'scores', rr.scores, 'comment', rr.comment, 'total', rr.total, 'submittedAt', rr.submitted_at) ORDER BY rr.version), '[]')
               FROM review_revision rr WHERE rr.review_id = r.id) AS "revisions"
       FROM review r JOIN juror j ON j.id = r.juror_id JOIN idea i ON i.id = r.idea_id JOIN challenge ch ON ch.id = r.challenge_id WHERE j.user_id = $1 ORDER BY r.submitted_at`,
  ],
  [
    'publicVotes',
    `SELECT c.title AS "challenge", i.title AS "idea", v.created_at AS "castAt", v.updated_at AS "updatedAt"
       FROM public_vote v JOIN challenge c ON c.id = v.challenge_id JOIN idea i ON i.id = v.idea_id WHERE v.voter_id = $1 ORDER BY v.created_at`,
  ],
  ['notifications', `SELECT id, kind, title, body, locale, created_at AS "createdAt", read_at AS "readAt" FROM notification WHERE recipient_id = $1 ORDER BY created_at`],
  ['consents', `SELECT purpose, given_by AS "givenBy", given_at AS "givenAt", withdrawn_at AS "withdrawnAt" FROM consent_record WHERE user_id = $1 ORDER BY given_at`],
  [
    'roster',
    `SELECT t.name AS "team", o.name AS "school", r.code_issued_at AS "codeIssuedAt", r.attested_at AS "attestedAt", r.privacy_notice_version AS "privacyNoticeVersion"
       FROM roster_student r JOIN team t ON t.id = r.team_id JOIN organization o ON o.id = r.school_id WHERE r.user_id = $1`,
  ],
];

/**
 * `exportMyData`: everything stored about a person as one JSON document (PRODUCT.md "Export"). The caller themself, a
 * coach for a roster student of their team, or a platform admin for anyone. Password and code hashes and tokens are
 * not data about the person but secrets about the account: they are left out.
 */
@Injectable()
export class DataExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async export(viewer: Viewer, userIdInput?: string | null): Promise<Record<string, unknown>> {
    const { userId: viewerId } = requireUser(viewer);
    const userId = userIdInput === undefined || userIdInput === null ? viewerId : await this.exportableBy(viewer, userIdInput);
    const document: Record<string, unknown> = { exportedAt: this.clock.now().toISOString(), userId };
    await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      for (const [name, sql] of SECTIONS) {
        const rows: unknown[] = await manager.query(sql, [userId]);
        document[name] = name === 'profile' ? (rows[0] ?? null) : rows;
      }
    });
    return document;
  }

  private async exportableBy(viewer: Viewer, userIdInput: string): Promise<string> {
    const notFound = () => DomainError.notFound('User');
    if (!isUuid(userIdInput)) throw notFound();
    const userId = userIdInput.toLowerCase();
    if (userId === viewer.userId) return userId;
    const rows: unknown[] = viewer.isAdmin
      ? await this.dataSource.query('SELECT 1 FROM app_user WHERE id = $1', [userId])
      : await this.dataSource.query(`SELECT 1 FROM roster_student r JOIN team_member c ON c.team_id = r.team_id AND c.role = 'COACH' WHERE r.user_id = $1 AND c.user_id = $2`, [
          userId,
          viewer.userId,
        ]);
    if (rows.length === 0) throw notFound();
    return userId;
  }
}
