import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Consents1796611632656 implements MigrationInterface {
  name = 'Consents1796611632656';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."consent_purpose" AS ENUM('PUBLIC_NAME')`);
    await queryRunner.query(`CREATE TYPE "public"."consent_given_by" AS ENUM('STUDENT', 'PARENT')`);
    await queryRunner.query(
      `CREATE TABLE "consent_record" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "purpose" "public"."consent_purpose" NOT NULL, "given_by" "public"."consent_given_by" NOT NULL, "recorded_by_id" uuid, "given_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "withdrawn_at" TIMESTAMP(3) WITH TIME ZONE, "withdrawn_by_id" uuid, CONSTRAINT "PK_b357c35aea3aa0be4647282324f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_consent_record_active" ON "consent_record"  ("user_id", "purpose") WHERE withdrawn_at IS NULL`);
    await queryRunner.query(
      `ALTER TABLE "consent_record" ADD CONSTRAINT "FK_3fea70da80c079b1670e96e4f2d" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consent_record" ADD CONSTRAINT "FK_69053868ba6ce8ae1258db8cbc7" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consent_record" ADD CONSTRAINT "FK_278002c505d05468cbe149b77c6" FOREIGN KEY ("withdrawn_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "consent_record" DROP CONSTRAINT "FK_278002c505d05468cbe149b77c6"`);
    await queryRunner.query(`ALTER TABLE "consent_record" DROP CONSTRAINT "FK_69053868ba6ce8ae1258db8cbc7"`);
    await queryRunner.query(`ALTER TABLE "consent_record" DROP CONSTRAINT "FK_3fea70da80c079b1670e96e4f2d"`);
    await queryRunner.query(`DROP INDEX "public"."uq_consent_record_active"`);
    await queryRunner.query(`DROP TABLE "consent_record"`);
    await queryRunner.query(`DROP TYPE "public"."consent_given_by"`);
    await queryRunner.query(`DROP TYPE "public"."consent_purpose"`);
  }
}
