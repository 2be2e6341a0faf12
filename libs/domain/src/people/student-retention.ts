import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '#platform/clock/clock.js';
import { AppConfig } from '#platform/config/app-config.js';
import { recordEvents } from '#platform/outbox/outbox.js';
import { Challenge } from '../challenges/challenge.entity.js';
import { clientPaths } from '../notifications/client-paths.js';
import type { NotificationRule } from '../notifications/notification-rule.js';
import type { TemplateSet } from '../notifications/template-set.js';
import { ErasureService } from './erasure.service.js';

export const STUDENT_DATA_EXPIRING = 'students.data-expiring';
export type StudentDataExpiringPayload = { challengeId: string; students: number; erasedFrom: string };

const DAY_MS = 86_400_000;
/** docs/rules.md: the organizers are told 30 days before. */
export const RETENTION_WARNING_DAYS = 30;

/** A roster student's challenges: their roster team's and those of every team they are a member of. */
const STUDENT_CHALLENGE = `student_challenge AS (
    SELECT r.user_id, t.challenge_id FROM roster_student r JOIN team t ON t.id = r.team_id
    UNION
    SELECT m.user_id, m.challenge_id FROM team_member m JOIN roster_student r ON r.user_id = m.user_id)`;

/** The roster students whose challenges are all CLOSED, the last of them at or before $1, with that last close. */
const LAST_CLOSES = `SELECT sc.user_id, max(c.closed_at) AS last_closed
    FROM student_challenge sc JOIN challenge c ON c.id = sc.challenge_id
   GROUP BY sc.user_id
  HAVING bool_and(c.status = 'CLOSED' AND c.closed_at IS NOT NULL) AND max(c.closed_at) <= $1`;

const EXPIRED_STUDENTS = `WITH ${STUDENT_CHALLENGE} ${LAST_CLOSES}`;

/** Per not-yet-warned challenge, how many of its roster students expire within the warning period, and from when. */
const CHALLENGES_TO_WARN = `WITH ${STUDENT_CHALLENGE}, expiring AS (${LAST_CLOSES})
  SELECT sc.challenge_id, count(DISTINCT e.user_id)::int AS students, min(e.last_closed) AS first_closed
    FROM expiring e JOIN student_challenge sc ON sc.user_id = e.user_id JOIN challenge c ON c.id = sc.challenge_id
   WHERE c.retention_warned_at IS NULL
   GROUP BY sc.challenge_id`;

/**
 * Retention (docs/rules.md "Accounts, schools and minors"): a roster student who belongs only to CLOSED challenges is
 * erased STUDENT_RETENTION_DAYS after the last of them closed, and each challenge's organizers are told 30 days before
 * (STUDENT_DATA_EXPIRING, once per challenge). The worker calls `sweep` periodically; the database decides everything,
 * so a sweep missed (worker down) is caught up by the next one, and two workers sweeping at once erase nobody twice.
 */
@Injectable()
export class StudentRetention {
  private readonly logger = new Logger('StudentRetention');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly erasure: ErasureService,
  ) {}

  async sweep(): Promise<{ warned: number; erased: number }> {
    const now = this.clock.now().getTime();
    const retentionMs = this.config.STUDENT_RETENTION_DAYS * DAY_MS;
    const warned = await this.warn(new Date(now - retentionMs + RETENTION_WARNING_DAYS * DAY_MS));
    const expired: { user_id: string }[] = await this.dataSource.query(EXPIRED_STUDENTS, [new Date(now - retentionMs)]);
    let erased = 0;
    for (const { user_id } of expired) if (await this.erasure.erase(user_id)) erased += 1;
    if (warned + erased > 0) this.logger.log(`retention: ${warned} challenges warned, ${erased} roster students erased`);
    return { warned, erased };
  }

  private async warn(lastCloseBefore: Date): Promise<number> {
    const rows: { challenge_id: string; students: number; first_closed: Date }[] = await this.dataSource.query(CHALLENGES_TO_WARN, [lastCloseBefore]);
    let warned = 0;
    for (const row of rows) {
      const erasedFrom = new Date(new Date(row.first_closed).getTime() + this.config.STUDENT_RETENTION_DAYS * DAY_MS);
      const done = await this.dataSource.transaction(async (manager) => {
        // Once per challenge, whichever worker gets here first.
        const claimed: [{ id: string }[], number] = await manager.query(
          `UPDATE challenge SET retention_warned_at = $2 WHERE id = $1 AND retention_warned_at IS NULL RETURNING id`,
          [row.challenge_id, this.clock.now()],
        );
        if (claimed[0].length === 0) return false;
        const payload: StudentDataExpiringPayload = { challengeId: row.challenge_id, students: row.students, erasedFrom: erasedFrom.toISOString() };
        await recordEvents(manager, [{ type: STUDENT_DATA_EXPIRING, payload }]);
        return true;
      });
      if (done) warned += 1;
    }
    return warned;
  }
}

export const retentionTemplates: TemplateSet = {
  STUDENT_DATA_EXPIRING: {
    it: {
      title: 'Presto si cancellano i dati degli account di classe di «{challenge}»',
      body: 'Dal {erasedFrom, date, day} si cancellano i dati degli account di classe della sfida «{challenge}», ora conclusa ({students, plural, one {un account} other {# account}}). Se vi servono, esportateli prima di quella data.',
      reason: 'Ricevi questa email perché fai parte dell’organizzazione che promuove questa sfida.',
    },
    en: {
      title: 'The class accounts\' data of "{challenge}" will soon be erased',
      body: 'From {erasedFrom, date, day}, the data of the class accounts of the closed challenge "{challenge}" will be erased ({students, plural, one {one account} other {# accounts}}). Export it before then if you need it.',
      reason: 'You receive this email because you are part of the organization that runs this challenge.',
    },
  },
};

export const retentionNotificationRules: NotificationRule<StudentDataExpiringPayload>[] = [
  {
    eventType: STUDENT_DATA_EXPIRING,
    /** The challenge's organizers: the members of its organizer organization. */
    async plan(manager: EntityManager, payload: StudentDataExpiringPayload) {
      const challenge = await manager.findOneBy(Challenge, { id: payload.challengeId });
      if (!challenge) return null;
      const organizers: { user_id: string }[] = await manager.query('SELECT user_id FROM organization_member WHERE organization_id = $1', [challenge.organizerId]);
      return {
        kind: 'STUDENT_DATA_EXPIRING',
        recipientIds: organizers.map((o) => o.user_id),
        subjectId: challenge.id,
        path: clientPaths.challenge(challenge.id),
        params: { challenge: challenge.title, students: payload.students, erasedFrom: new Date(payload.erasedFrom) },
      };
    },
  } satisfies NotificationRule<StudentDataExpiringPayload>,
];
