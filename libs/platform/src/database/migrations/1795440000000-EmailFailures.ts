import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Emails that will never go out are settled (failed), so the re-drive stops picking them up. */
export class EmailFailures1795440000000 implements MigrationInterface {
  name = 'EmailFailures1795440000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" ADD "email_failed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "notification" ADD "email_failure" text`);
    await queryRunner.query(`DROP INDEX "ix_notification_email_pending"`);
    await queryRunner.query(`CREATE INDEX "ix_notification_email_pending" ON "notification" ("created_at") WHERE email_sent_at IS NULL AND email_failed_at IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_notification_email_pending"`);
    await queryRunner.query(`CREATE INDEX "ix_notification_email_pending" ON "notification" ("created_at") WHERE email_sent_at IS NULL`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "email_failure"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "email_failed_at"`);
  }
}
