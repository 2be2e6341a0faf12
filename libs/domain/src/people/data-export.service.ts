import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '#platform/config/app-config.js';
import { DomainError } from '#platform/errors/domain-error.js';
import { Clock } from '#platform/clock/clock.js';
import { recordEvents } from '#platform/outbox/outbox.js';
import { DataExport } from './data-export.entity.js';
import { isUuid } from '../validation.js';
import { requireUser, type Viewer } from '../viewer.js';

/** Outbox event of a requested export; the worker produces the document. */
export const DATA_EXPORT_REQUESTED = 'data_export.requested';
/** How long a produced export may be downloaded. */
export const DATA_EXPORT_TTL_MS = 24 * 3600 * 1000;

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
    'organizationInvitations',
    `SELECT o.id AS "organizationId", o.name AS "organization", i.role, i.status, i.created_at AS "invitedAt", i.decided_at AS "decidedAt"
       FROM organization_invitation i JOIN organization o ON o.id = i.organization_id WHERE i.invitee_id = $1 ORDER BY i.created_at`,
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
 * `exportMyData`: everything stored about a person as one JSON document (docs/rules.md "Export"). The caller themself, a
 * coach for a roster student of their team, or a platform admin for anyone. Password and code hashes and tokens are
 * not data about the person but secrets about the account: they are left out.
 */
@Injectable()
export class DataExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The export answered inline; one larger than DATA_EXPORT_INLINE_MAX_BYTES is FAILED_PRECONDITION (use `request`). */
  async export(viewer: Viewer, userIdInput?: string | null): Promise<string> {
    const userId = await this.subjectFor(viewer, userIdInput);
    const json = JSON.stringify(await this.document(userId));
    if (Buffer.byteLength(json) > this.config.DATA_EXPORT_INLINE_MAX_BYTES) {
      throw DomainError.precondition(
        'dataExport.tooLarge',
        {},
        {
          reason: 'EXPORT_TOO_LARGE',
          sizeBytes: Buffer.byteLength(json),
        },
      );
    }
    return json;
  }

  /**
   * `requestDataExport`: the worker produces the document (docs/rules.md: large exports, fetched once within 24 hours).
   * An open request (pending, or ready and not yet fetched) of the same person by the same requester is answered
   * again rather than duplicated, so repeating the request costs nothing.
   */
  async request(viewer: Viewer, userIdInput?: string | null): Promise<DataExport> {
    const { userId: requesterId } = requireUser(viewer);
    const subjectId = await this.subjectFor(viewer, userIdInput);
    return this.dataSource.transaction(async (manager) => {
      // One open request per (subject, requester): the advisory lock serialises concurrent requests of the same pair.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('data_export:' || $1 || ':' || $2))`, [subjectId, requesterId]);
      const open = await manager
        .getRepository(DataExport)
        .createQueryBuilder('e')
        .where('e.subjectId = :subjectId AND e.requestedById = :requesterId', { subjectId, requesterId })
        .andWhere(`(e.status = 'PENDING' OR (e.status = 'READY' AND e.expiresAt > :now))`, { now: this.clock.now() })
        .getOne();
      if (open) return open;
      const created = await manager.getRepository(DataExport).save(manager.create(DataExport, { subjectId, requestedById: requesterId, requestedAt: this.clock.now() }));
      await recordEvents(manager, [{ type: DATA_EXPORT_REQUESTED, payload: { exportId: created.id } }]);
      return created;
    });
  }

  /** `dataExport(id)`: only its requester sees it (NOT_FOUND for anyone else); a ready one past its time reads EXPIRED. */
  async find(viewer: Viewer, id: string): Promise<DataExport> {
    const { userId } = requireUser(viewer);
    const found = isUuid(id) ? await this.dataSource.getRepository(DataExport).findOneBy({ id: id.toLowerCase(), requestedById: userId }) : null;
    if (!found) throw DomainError.notFound('dataExport');
    if (found.status === 'READY' && found.expiresAt && found.expiresAt <= this.clock.now()) return { ...found, status: 'EXPIRED', document: null };
    return found;
  }

  /** Worker: produces a pending export once (a re-run finds it no longer PENDING). */
  async produce(exportId: string): Promise<'produced' | 'skipped'> {
    const pending = await this.dataSource.getRepository(DataExport).findOneBy({ id: exportId, status: 'PENDING' });
    if (!pending) return 'skipped';
    const json = JSON.stringify(await this.document(pending.subjectId));
    const now = this.clock.now();
    const result = await this.dataSource
      .getRepository(DataExport)
      .update(
        { id: exportId, status: 'PENDING' },
        { status: 'READY', document: json, sizeBytes: Buffer.byteLength(json), readyAt: now, expiresAt: new Date(now.getTime() + DATA_EXPORT_TTL_MS) },
      );
    return result.affected ? 'produced' : 'skipped';
  }

  /** The download: the document once, to its requester, within 24 hours; then it is gone from the database. */
  async takeDocument(viewer: Viewer, id: string): Promise<string> {
    const { userId } = requireUser(viewer);
    if (!isUuid(id)) throw DomainError.notFound('dataExport');
    // TypeORM answers an UPDATE ... RETURNING with [rows, affected].
    const [rows]: [{ document: string }[], number] = await this.dataSource.query(
      `WITH taken AS (
         SELECT id, document FROM data_export WHERE id = $1 AND requested_by_id = $2 AND status = 'READY' AND expires_at > $3 FOR UPDATE
       )
       UPDATE data_export d SET status = 'FETCHED', fetched_at = $3, document = NULL FROM taken WHERE d.id = taken.id RETURNING taken.document`,
      [id.toLowerCase(), userId, this.clock.now()],
    );
    if (rows[0]) return rows[0].document;
    await this.find(viewer, id); // NOT_FOUND for a stranger's or an unknown export
    throw DomainError.precondition('dataExport.notAvailable', {}, { reason: 'EXPORT_NOT_AVAILABLE' });
  }

  /** Empties exports whose 24 hours passed without a download (run by the worker's retention sweep). */
  async purgeExpired(manager: EntityManager = this.dataSource.manager): Promise<number> {
    const result: [unknown[], number] = await manager.query(`UPDATE data_export SET status = 'EXPIRED', document = NULL WHERE status = 'READY' AND expires_at <= $1`, [
      this.clock.now(),
    ]);
    return result[1];
  }

  private async subjectFor(viewer: Viewer, userIdInput?: string | null): Promise<string> {
    const { userId: viewerId } = requireUser(viewer);
    return userIdInput === undefined || userIdInput === null ? viewerId : this.exportableBy(viewer, userIdInput);
  }

  private async document(userId: string): Promise<Record<string, unknown>> {
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
    const notFound = () => DomainError.notFound('user');
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
