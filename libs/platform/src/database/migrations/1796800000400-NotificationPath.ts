import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notification.path: the web client's route of the page a notification is about (docs/rules.md "Notifications"), the
 * email's link. Notifications stored before it get the path their rule gives today; one whose subject is gone points
 * to the notifications page.
 */
export class NotificationPath1796800000400 implements MigrationInterface {
  name = 'NotificationPath1796800000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" ADD "path" text`);
    await queryRunner.query(`
      UPDATE "notification" n SET "path" = COALESCE(CASE
          WHEN n.kind = 'TEAM_MEMBER_JOINED' THEN '/teams/' || n.subject_id
          WHEN n.kind IN ('IDEA_SUBMITTED', 'REVIEW_UNASSIGNABLE') THEN '/ideas/' || n.subject_id
          WHEN n.kind IN ('SUBMISSION_DEADLINE_SOON', 'STUDENT_DATA_EXPIRING') THEN '/challenges/' || n.subject_id
          WHEN n.kind IN ('REVIEW_ASSIGNED', 'JUDGING_DEADLINE_SOON') THEN '/challenges/' || n.subject_id || '/reviews'
          WHEN n.kind = 'RESULTS_PUBLISHED' THEN '/challenges/' || n.subject_id || '/results'
          WHEN n.kind = 'ORGANIZATION_MEMBER_ADDED' THEN '/organizations/' || n.subject_id
          WHEN n.kind IN ('ADOPTION_PROPOSED', 'ADOPTION_ACCEPTED', 'ADOPTION_DECLINED') THEN (SELECT '/ideas/' || a.idea_id FROM adoption a WHERE a.id = n.subject_id)
          WHEN n.kind = 'TUTOR_ASSIGNED' THEN (SELECT '/teams/' || i.team_id FROM adoption a JOIN idea i ON i.id = a.idea_id WHERE a.id = n.subject_id)
          WHEN n.kind LIKE 'MILESTONE\\_%' THEN (SELECT '/mini-companies/' || m.mini_company_id FROM milestone m WHERE m.id = n.subject_id)
        END, '/notifications')`);
    await queryRunner.query(`ALTER TABLE "notification" ALTER COLUMN "path" SET NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "path"`);
  }
}
