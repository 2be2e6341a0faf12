import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Judging1795431527391 implements MigrationInterface {
  name = 'Judging1795431527391';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "juror" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "challenge_id" uuid NOT NULL, "user_id" uuid NOT NULL, "affiliation_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "uq_juror_challenge_user" UNIQUE ("challenge_id", "user_id"), CONSTRAINT "PK_8c3e78d0844ebd8a5083180d8eb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_juror_user" ON "juror"  ("user_id") `);
    await queryRunner.query(`CREATE TYPE "public"."assignment_status" AS ENUM('PENDING', 'SUBMITTED', 'RECUSED')`);
    await queryRunner.query(
      `CREATE TABLE "review_assignment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "challenge_id" uuid NOT NULL, "idea_id" uuid NOT NULL, "juror_id" uuid NOT NULL, "status" "public"."assignment_status" NOT NULL DEFAULT 'PENDING', "due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "replaces_assignment_id" uuid, "recusal_reason" text, "recused_at" TIMESTAMP(3) WITH TIME ZONE, "recusal_resolved_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "uq_review_assignment_replaces" UNIQUE ("replaces_assignment_id"), CONSTRAINT "uq_review_assignment_idea_juror" UNIQUE ("idea_id", "juror_id"), CONSTRAINT "PK_86c7b2c46cd7a61d3fd26e3ef80" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_review_assignment_challenge_status" ON "review_assignment"  ("challenge_id", "status") `);
    await queryRunner.query(`CREATE INDEX "ix_review_assignment_juror_status" ON "review_assignment"  ("juror_id", "status") `);
    await queryRunner.query(
      `CREATE TABLE "review" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "assignment_id" uuid NOT NULL, "challenge_id" uuid NOT NULL, "idea_id" uuid NOT NULL, "juror_id" uuid NOT NULL, "scores" jsonb NOT NULL, "comment" text, "total" double precision NOT NULL, "version" integer NOT NULL, "submitted_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "uq_review_assignment" UNIQUE ("assignment_id"), CONSTRAINT "PK_2e4299a343a81574217255c00ca" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_review_idea" ON "review"  ("idea_id") `);
    await queryRunner.query(`CREATE INDEX "ix_review_challenge" ON "review"  ("challenge_id") `);
    await queryRunner.query(
      `CREATE TABLE "review_revision" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "review_id" uuid NOT NULL, "assignment_id" uuid NOT NULL, "version" integer NOT NULL, "scores" jsonb NOT NULL, "comment" text, "total" double precision NOT NULL, "submitted_by" uuid NOT NULL, "submitted_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "uq_review_revision_version" UNIQUE ("review_id", "version"), CONSTRAINT "PK_1575d25e9feffaab5826d6e405a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "award" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "challenge_id" uuid NOT NULL, "idea_id" uuid NOT NULL, "title" text NOT NULL, "place" integer, "position" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "PK_e887e4e69663925ebb60d3a7775" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_award_idea" ON "award"  ("idea_id") `);
    await queryRunner.query(`CREATE INDEX "ix_award_challenge_position" ON "award"  ("challenge_id", "position") `);
    await queryRunner.query(
      `CREATE TABLE "result_ranking" ("challenge_id" uuid NOT NULL, "idea_id" uuid NOT NULL, "raw_score" double precision, "normalized_score" double precision, "review_count" integer NOT NULL, "rank_none" integer, "position_none" integer NOT NULL, "rank_zscore" integer, "position_zscore" integer NOT NULL, CONSTRAINT "PK_581790c39a3aa85a58d82b41dc0" PRIMARY KEY ("challenge_id", "idea_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_result_ranking_zscore" ON "result_ranking"  ("challenge_id", "position_zscore") `);
    await queryRunner.query(`CREATE INDEX "ix_result_ranking_none" ON "result_ranking"  ("challenge_id", "position_none") `);
    await queryRunner.query(
      `ALTER TABLE "juror" ADD CONSTRAINT "FK_eb3771eb629e9847aa3a97358ce" FOREIGN KEY ("challenge_id") REFERENCES "challenge"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "juror" ADD CONSTRAINT "FK_e82677610b053e8a7faf2ea71bd" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "juror" ADD CONSTRAINT "FK_d2b4c91b7c3354fc40832a36d4b" FOREIGN KEY ("affiliation_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_assignment" ADD CONSTRAINT "FK_ca367614754d1b69cf91fb42abe" FOREIGN KEY ("challenge_id") REFERENCES "challenge"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_assignment" ADD CONSTRAINT "FK_5d7eed533c7a086bf0c0e868f3a" FOREIGN KEY ("idea_id") REFERENCES "idea"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_assignment" ADD CONSTRAINT "FK_f7ad37e5f95d2244739ad6ce3db" FOREIGN KEY ("juror_id") REFERENCES "juror"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review" ADD CONSTRAINT "FK_86c7b2c46cd7a61d3fd26e3ef80" FOREIGN KEY ("assignment_id") REFERENCES "review_assignment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review_revision" ADD CONSTRAINT "FK_5f9279ce0d028f792255771447e" FOREIGN KEY ("review_id") REFERENCES "review"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "award" ADD CONSTRAINT "FK_1686a3d8ed81cfdf7e4ae2251ac" FOREIGN KEY ("challenge_id") REFERENCES "challenge"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "award" ADD CONSTRAINT "FK_ac28b7bb76ae70b16e8516b90a4" FOREIGN KEY ("idea_id") REFERENCES "idea"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "result_ranking" ADD CONSTRAINT "FK_8777ee14715a530b10cffa5d2c1" FOREIGN KEY ("challenge_id") REFERENCES "challenge"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "result_ranking" ADD CONSTRAINT "FK_a0263d18314427f537488bbe6d1" FOREIGN KEY ("idea_id") REFERENCES "idea"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "result_ranking" DROP CONSTRAINT "FK_a0263d18314427f537488bbe6d1"`);
    await queryRunner.query(`ALTER TABLE "result_ranking" DROP CONSTRAINT "FK_8777ee14715a530b10cffa5d2c1"`);
    await queryRunner.query(`ALTER TABLE "award" DROP CONSTRAINT "FK_ac28b7bb76ae70b16e8516b90a4"`);
    await queryRunner.query(`ALTER TABLE "award" DROP CONSTRAINT "FK_1686a3d8ed81cfdf7e4ae2251ac"`);
    await queryRunner.query(`ALTER TABLE "review_revision" DROP CONSTRAINT "FK_5f9279ce0d028f792255771447e"`);
    await queryRunner.query(`ALTER TABLE "review" DROP CONSTRAINT "FK_86c7b2c46cd7a61d3fd26e3ef80"`);
    await queryRunner.query(`ALTER TABLE "review_assignment" DROP CONSTRAINT "FK_f7ad37e5f95d2244739ad6ce3db"`);
    await queryRunner.query(`ALTER TABLE "review_assignment" DROP CONSTRAINT "FK_5d7eed533c7a086bf0c0e868f3a"`);
    await queryRunner.query(`ALTER TABLE "review_assignment" DROP CONSTRAINT "FK_ca367614754d1b69cf91fb42abe"`);
    await queryRunner.query(`ALTER TABLE "juror" DROP CONSTRAINT "FK_d2b4c91b7c3354fc40832a36d4b"`);
    await queryRunner.query(`ALTER TABLE "juror" DROP CONSTRAINT "FK_e82677610b053e8a7faf2ea71bd"`);
    await queryRunner.query(`ALTER TABLE "juror" DROP CONSTRAINT "FK_eb3771eb629e9847aa3a97358ce"`);
    await queryRunner.query(`DROP INDEX "public"."ix_result_ranking_none"`);
    await queryRunner.query(`DROP INDEX "public"."ix_result_ranking_zscore"`);
    await queryRunner.query(`DROP TABLE "result_ranking"`);
    await queryRunner.query(`DROP INDEX "public"."ix_award_challenge_position"`);
    await queryRunner.query(`DROP INDEX "public"."ix_award_idea"`);
    await queryRunner.query(`DROP TABLE "award"`);
    await queryRunner.query(`DROP TABLE "review_revision"`);
    await queryRunner.query(`DROP INDEX "public"."ix_review_challenge"`);
    await queryRunner.query(`DROP INDEX "public"."ix_review_idea"`);
    await queryRunner.query(`DROP TABLE "review"`);
    await queryRunner.query(`DROP INDEX "public"."ix_review_assignment_juror_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_review_assignment_challenge_status"`);
    await queryRunner.query(`DROP TABLE "review_assignment"`);
    await queryRunner.query(`DROP TYPE "public"."assignment_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_juror_user"`);
    await queryRunner.query(`DROP TABLE "juror"`);
  }
}
