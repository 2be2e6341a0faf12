import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ScheduledReminders1795431402659 implements MigrationInterface {
  name = 'ScheduledReminders1795431402659';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "scheduled_reminder" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(40) NOT NULL, "subject_id" uuid NOT NULL, "due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "lead_ms" integer NOT NULL, "fire_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "fired_at" TIMESTAMP(3) WITH TIME ZONE, "cancelled_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f13cb63acc3683aee4fcbd11549" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_scheduled_reminder_subject" ON "scheduled_reminder"  ("kind", "subject_id") `);
    await queryRunner.query(`CREATE INDEX "ix_scheduled_reminder_pending" ON "scheduled_reminder"  ("fire_at") WHERE fired_at IS NULL AND cancelled_at IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_scheduled_reminder_slot" ON "scheduled_reminder"  ("kind", "subject_id", "due_at", "lead_ms") WHERE cancelled_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_scheduled_reminder_slot"`);
    await queryRunner.query(`DROP INDEX "public"."ix_scheduled_reminder_pending"`);
    await queryRunner.query(`DROP INDEX "public"."ix_scheduled_reminder_subject"`);
    await queryRunner.query(`DROP TABLE "scheduled_reminder"`);
  }
}
