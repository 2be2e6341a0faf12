import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AdoptionMiniCompanies1795431696119 implements MigrationInterface {
  name = 'AdoptionMiniCompanies1795431696119';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."adoption_status" AS ENUM('PROPOSED', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'COMPLETED')`);
    await queryRunner.query(
      `CREATE TABLE "adoption" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "idea_id" uuid NOT NULL, "company_id" uuid NOT NULL, "proposed_by_id" uuid NOT NULL, "message" text NOT NULL, "commitment" text, "status" "public"."adoption_status" NOT NULL DEFAULT 'PROPOSED', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "decided_at" TIMESTAMP(3) WITH TIME ZONE, "decided_by_id" uuid, "decision_note" text, CONSTRAINT "PK_bf86d90324541b197d4ac5362a5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_adoption_company_created" ON "adoption"  ("company_id", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_adoption_idea_created" ON "adoption"  ("idea_id", "created_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_adoption_open_proposal" ON "adoption"  ("idea_id", "company_id") WHERE status = 'PROPOSED'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_adoption_idea_accepted" ON "adoption"  ("idea_id") WHERE status = 'ACCEPTED'`);
    await queryRunner.query(
      `CREATE TABLE "adoption_tutor" ("adoption_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "PK_ec26a2a726b753a22769ede3b9f" PRIMARY KEY ("adoption_id", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_adoption_tutor_user" ON "adoption_tutor"  ("user_id") `);
    await queryRunner.query(`CREATE TYPE "public"."mini_company_status" AS ENUM('ACTIVE', 'LAUNCHED', 'CLOSED')`);
    await queryRunner.query(
      `CREATE TABLE "mini_company" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "team_id" uuid NOT NULL, "idea_id" uuid NOT NULL, "adoption_id" uuid, "name" text NOT NULL, "status" "public"."mini_company_status" NOT NULL DEFAULT 'ACTIVE', "founded_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "uq_mini_company_team" UNIQUE ("team_id"), CONSTRAINT "PK_083a56c6d54f9baeed4d4ef504a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_mini_company_adoption" ON "mini_company"  ("adoption_id") `);
    await queryRunner.query(`CREATE INDEX "ix_mini_company_idea" ON "mini_company"  ("idea_id") `);
    await queryRunner.query(
      `CREATE TYPE "public"."milestone_kind" AS ENUM('CONCEPT', 'BUSINESS_PLAN', 'PROTOTYPE', 'MARKET_LAUNCH', 'LOCAL_COMPETITION', 'REGIONAL_COMPETITION', 'CUSTOM')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."milestone_status" AS ENUM('PLANNED', 'SUBMITTED', 'APPROVED', 'OVERDUE')`);
    await queryRunner.query(
      `CREATE TABLE "milestone" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "mini_company_id" uuid NOT NULL, "position" integer NOT NULL, "kind" "public"."milestone_kind" NOT NULL, "title" text NOT NULL, "due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "status" "public"."milestone_status" NOT NULL DEFAULT 'PLANNED', "evidence" text, "submitted_at" TIMESTAMP(3) WITH TIME ZONE, "reviewed_at" TIMESTAMP(3) WITH TIME ZONE, "reviewed_by_id" uuid, "feedback" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "PK_f8372abce331f60ba7b33fe23a7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_milestone_planned_due" ON "milestone"  ("due_at") WHERE status = 'PLANNED'`);
    await queryRunner.query(`CREATE INDEX "ix_milestone_mini_company_position" ON "milestone"  ("mini_company_id", "position") `);
    await queryRunner.query(
      `ALTER TABLE "adoption" ADD CONSTRAINT "FK_bc6d3e806b93296b4b41d5c16e1" FOREIGN KEY ("idea_id") REFERENCES "idea"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "adoption" ADD CONSTRAINT "FK_8a2f79b282c4fae275af9b0cc8b" FOREIGN KEY ("company_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "adoption" ADD CONSTRAINT "FK_263d6d049ade8d58e578accdcb3" FOREIGN KEY ("proposed_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "adoption" ADD CONSTRAINT "FK_29d9962f8c7f01fc53a98cbb587" FOREIGN KEY ("decided_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "adoption_tutor" ADD CONSTRAINT "FK_896bea958bfe24b30781c1c8b56" FOREIGN KEY ("adoption_id") REFERENCES "adoption"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "adoption_tutor" ADD CONSTRAINT "FK_5a3338be7348342a2fb85839517" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mini_company" ADD CONSTRAINT "FK_075d0deb1a810df53cc0a547469" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mini_company" ADD CONSTRAINT "FK_24cc7eb535c1a6952dd958862e9" FOREIGN KEY ("idea_id") REFERENCES "idea"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mini_company" ADD CONSTRAINT "FK_80c8e12f030c5d7543e4150d4ab" FOREIGN KEY ("adoption_id") REFERENCES "adoption"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "milestone" ADD CONSTRAINT "FK_65c2c66eb902840adccf72e03f6" FOREIGN KEY ("mini_company_id") REFERENCES "mini_company"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "milestone" ADD CONSTRAINT "FK_dc3c53a13f8518bcb905ff32702" FOREIGN KEY ("reviewed_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "milestone" DROP CONSTRAINT "FK_dc3c53a13f8518bcb905ff32702"`);
    await queryRunner.query(`ALTER TABLE "milestone" DROP CONSTRAINT "FK_65c2c66eb902840adccf72e03f6"`);
    await queryRunner.query(`ALTER TABLE "mini_company" DROP CONSTRAINT "FK_80c8e12f030c5d7543e4150d4ab"`);
    await queryRunner.query(`ALTER TABLE "mini_company" DROP CONSTRAINT "FK_24cc7eb535c1a6952dd958862e9"`);
    await queryRunner.query(`ALTER TABLE "mini_company" DROP CONSTRAINT "FK_075d0deb1a810df53cc0a547469"`);
    await queryRunner.query(`ALTER TABLE "adoption_tutor" DROP CONSTRAINT "FK_5a3338be7348342a2fb85839517"`);
    await queryRunner.query(`ALTER TABLE "adoption_tutor" DROP CONSTRAINT "FK_896bea958bfe24b30781c1c8b56"`);
    await queryRunner.query(`ALTER TABLE "adoption" DROP CONSTRAINT "FK_29d9962f8c7f01fc53a98cbb587"`);
    await queryRunner.query(`ALTER TABLE "adoption" DROP CONSTRAINT "FK_263d6d049ade8d58e578accdcb3"`);
    await queryRunner.query(`ALTER TABLE "adoption" DROP CONSTRAINT "FK_8a2f79b282c4fae275af9b0cc8b"`);
    await queryRunner.query(`ALTER TABLE "adoption" DROP CONSTRAINT "FK_bc6d3e806b93296b4b41d5c16e1"`);
    await queryRunner.query(`DROP INDEX "public"."ix_milestone_mini_company_position"`);
    await queryRunner.query(`DROP INDEX "public"."ix_milestone_planned_due"`);
    await queryRunner.query(`DROP TABLE "milestone"`);
    await queryRunner.query(`DROP TYPE "public"."milestone_status"`);
    await queryRunner.query(`DROP TYPE "public"."milestone_kind"`);
    await queryRunner.query(`DROP INDEX "public"."ix_mini_company_idea"`);
    await queryRunner.query(`DROP INDEX "public"."ix_mini_company_adoption"`);
    await queryRunner.query(`DROP TABLE "mini_company"`);
    await queryRunner.query(`DROP TYPE "public"."mini_company_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_adoption_tutor_user"`);
    await queryRunner.query(`DROP TABLE "adoption_tutor"`);
    await queryRunner.query(`DROP INDEX "public"."uq_adoption_idea_accepted"`);
    await queryRunner.query(`DROP INDEX "public"."uq_adoption_open_proposal"`);
    await queryRunner.query(`DROP INDEX "public"."ix_adoption_idea_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_adoption_company_created"`);
    await queryRunner.query(`DROP TABLE "adoption"`);
    await queryRunner.query(`DROP TYPE "public"."adoption_status"`);
  }
}
