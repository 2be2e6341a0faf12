import type { MigrationInterface, QueryRunner } from 'typeorm';

export class JobFailures1795426881842 implements MigrationInterface {
  name = 'JobFailures1795426881842';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "job_failure" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "queue" text NOT NULL, "job_id" text NOT NULL, "job_name" text NOT NULL, "payload" jsonb NOT NULL, "error" text NOT NULL, "attempts" integer NOT NULL, "failed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_26367eb614f8ee2d351d7b1e4cd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "outbox_event" ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_recipient_created"`);
    await queryRunner.query(`ALTER TABLE "notification" ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "ix_notification_recipient_created" ON "notification"  ("recipient_id", "created_at", "id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_notification_recipient_created"`);
    await queryRunner.query(`ALTER TABLE "notification" ALTER COLUMN "created_at" TYPE TIMESTAMP(6) WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "ix_notification_recipient_created" ON "notification" USING btree ("id", "recipient_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "outbox_event" ALTER COLUMN "created_at" TYPE TIMESTAMP(6) WITH TIME ZONE`);
    await queryRunner.query(`DROP TABLE "job_failure"`);
  }
}
