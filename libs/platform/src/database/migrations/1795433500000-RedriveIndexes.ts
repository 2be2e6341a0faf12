import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RedriveIndexes1795433500000 implements MigrationInterface {
  name = 'RedriveIndexes1795433500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_outbox_event_unprocessed" ON "outbox_event" ("relayed_at") WHERE processed_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "ix_notification_email_pending" ON "notification" ("created_at") WHERE email_sent_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_notification_email_pending"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbox_event_unprocessed"`);
  }
}
