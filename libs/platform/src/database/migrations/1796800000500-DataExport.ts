import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Data exports produced by the worker, fetched once within 24 hours. */
export class DataExport1796800000500 implements MigrationInterface {
  name = 'DataExport1796800000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "data_export" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "subject_id" uuid NOT NULL,
      "requested_by_id" uuid NOT NULL,
      "status" character varying(16) NOT NULL DEFAULT 'PENDING',
      "document" text,
      "size_bytes" integer,
      "requested_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      "ready_at" TIMESTAMP(3) WITH TIME ZONE,
      "expires_at" TIMESTAMP(3) WITH TIME ZONE,
      "fetched_at" TIMESTAMP(3) WITH TIME ZONE,
      CONSTRAINT "pk_data_export" PRIMARY KEY ("id")
    )`);
    await queryRunner.query(`CREATE INDEX "ix_data_export_subject" ON "data_export" ("subject_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "data_export"`);
  }
}
