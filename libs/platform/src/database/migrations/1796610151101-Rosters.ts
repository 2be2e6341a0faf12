import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Rosters1796610151101 implements MigrationInterface {
  name = 'Rosters1796610151101';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "data_processing_agreement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "version" text NOT NULL, "accepted_by_id" uuid, "accepted_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7edb7251fe394002c321e0dfa3e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_data_processing_agreement_version" ON "data_processing_agreement"  ("organization_id", "version") `);
    await queryRunner.query(
      `CREATE TABLE "roster_student" ("user_id" uuid NOT NULL, "team_id" uuid NOT NULL, "school_id" uuid NOT NULL, "code_hash" text, "code_issued_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "attested_by_id" uuid, "attested_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "privacy_notice_version" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_060c5ad4ab42a736df31cc2cd41" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_roster_student_team" ON "roster_student"  ("team_id") `);
    await queryRunner.query(`ALTER TABLE "app_user" ADD "username" text`);
    await queryRunner.query(`ALTER TABLE "app_user" ALTER COLUMN "email" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "app_user" ALTER COLUMN "password_hash" DROP NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_app_user_username" ON "app_user"  ("username") `);
    await queryRunner.query(
      `ALTER TABLE "data_processing_agreement" ADD CONSTRAINT "FK_253a9e25205c97a3f136f4a1516" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "data_processing_agreement" ADD CONSTRAINT "FK_ed4763dd4b77e45b9e83b0a5200" FOREIGN KEY ("accepted_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "roster_student" ADD CONSTRAINT "FK_060c5ad4ab42a736df31cc2cd41" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "roster_student" ADD CONSTRAINT "FK_b5af274c7d0632a1f459570653a" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "roster_student" ADD CONSTRAINT "FK_7cb0fbebbb998d6ec3ad67f0fd0" FOREIGN KEY ("school_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "roster_student" ADD CONSTRAINT "FK_086c965f16b076c9aba693e859d" FOREIGN KEY ("attested_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "roster_student" DROP CONSTRAINT "FK_086c965f16b076c9aba693e859d"`);
    await queryRunner.query(`ALTER TABLE "roster_student" DROP CONSTRAINT "FK_7cb0fbebbb998d6ec3ad67f0fd0"`);
    await queryRunner.query(`ALTER TABLE "roster_student" DROP CONSTRAINT "FK_b5af274c7d0632a1f459570653a"`);
    await queryRunner.query(`ALTER TABLE "roster_student" DROP CONSTRAINT "FK_060c5ad4ab42a736df31cc2cd41"`);
    await queryRunner.query(`ALTER TABLE "data_processing_agreement" DROP CONSTRAINT "FK_ed4763dd4b77e45b9e83b0a5200"`);
    await queryRunner.query(`ALTER TABLE "data_processing_agreement" DROP CONSTRAINT "FK_253a9e25205c97a3f136f4a1516"`);
    await queryRunner.query(`DROP INDEX "public"."uq_app_user_username"`);
    await queryRunner.query(`ALTER TABLE "app_user" ALTER COLUMN "password_hash" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "app_user" ALTER COLUMN "email" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "username"`);
    await queryRunner.query(`DROP INDEX "public"."ix_roster_student_team"`);
    await queryRunner.query(`DROP TABLE "roster_student"`);
    await queryRunner.query(`DROP INDEX "public"."uq_data_processing_agreement_version"`);
    await queryRunner.query(`DROP TABLE "data_processing_agreement"`);
  }
}
