import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ChallengesTeamsIdeas1795428879165 implements MigrationInterface {
  name = 'ChallengesTeamsIdeas1795428879165';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "criterion" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "challenge_id" uuid NOT NULL, "name" text NOT NULL, "description" text, "weight" double precision NOT NULL, "max_score" integer NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_a69d2ffbb1ef3ebea02d895e92f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_criterion_challenge_position" ON "criterion"  ("challenge_id", "position") `);
    await queryRunner.query(
      `CREATE TABLE "theme" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "challenge_id" uuid NOT NULL, "name" text NOT NULL, "description" text, "position" integer NOT NULL, CONSTRAINT "PK_c1934d0b4403bf10c1ab0c18166" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_theme_challenge_position" ON "theme"  ("challenge_id", "position") `);
    await queryRunner.query(`CREATE TYPE "public"."challenge_format" AS ENUM('SCHOOL_CLIMATHON', 'OPEN_HACKATHON')`);
    await queryRunner.query(`CREATE TYPE "public"."challenge_status" AS ENUM('DRAFT', 'PUBLISHED', 'JUDGING', 'RESULTS_PUBLISHED', 'CLOSED')`);
    await queryRunner.query(`CREATE TYPE "public"."score_normalization" AS ENUM('NONE', 'ZSCORE')`);
    await queryRunner.query(
      `CREATE TABLE "challenge" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organizer_id" uuid NOT NULL, "slug" text NOT NULL, "title" text NOT NULL, "description" text NOT NULL, "format" "public"."challenge_format" NOT NULL, "status" "public"."challenge_status" NOT NULL DEFAULT 'DRAFT', "submission_opens_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "submission_closes_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "judging_closes_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "reviews_per_idea" integer NOT NULL, "max_team_size" integer NOT NULL, "blind_judging" boolean NOT NULL DEFAULT false, "ranking_normalization" "public"."score_normalization" NOT NULL DEFAULT 'ZSCORE', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "uq_challenge_slug" UNIQUE ("slug"), CONSTRAINT "PK_5f31455ad09ea6a836a06871b7a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_challenge_organizer" ON "challenge"  ("organizer_id") `);
    await queryRunner.query(`CREATE INDEX "ix_challenge_created" ON "challenge"  ("created_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "team" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "challenge_id" uuid NOT NULL, "name" text NOT NULL, "school_id" uuid, "class_name" text, "join_code" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "uq_team_join_code" UNIQUE ("join_code"), CONSTRAINT "PK_f57d8293406df4af348402e4b74" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_team_school" ON "team"  ("school_id") `);
    await queryRunner.query(`CREATE INDEX "ix_team_challenge_created" ON "team"  ("challenge_id", "created_at", "id") `);
    await queryRunner.query(`CREATE TYPE "public"."team_role" AS ENUM('COACH', 'CAPTAIN', 'STUDENT')`);
    await queryRunner.query(
      `CREATE TABLE "team_member" ("team_id" uuid NOT NULL, "user_id" uuid NOT NULL, "challenge_id" uuid NOT NULL, "role" "public"."team_role" NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "PK_34169355c6d1744228f5bb75549" PRIMARY KEY ("team_id", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_team_member_user" ON "team_member"  ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_team_member_challenge_user" ON "team_member"  ("challenge_id", "user_id") WHERE role <> 'COACH'`);
    await queryRunner.query(`CREATE TYPE "public"."idea_status" AS ENUM('DRAFT', 'SUBMITTED', 'WITHDRAWN')`);
    await queryRunner.query(
      `CREATE TABLE "idea" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "team_id" uuid NOT NULL, "challenge_id" uuid NOT NULL, "theme_id" uuid NOT NULL, "title" text NOT NULL, "summary" text NOT NULL, "problem" text NOT NULL, "solution" text NOT NULL, "impact" text, "tags" text array NOT NULL DEFAULT '{}', "status" "public"."idea_status" NOT NULL DEFAULT 'DRAFT', "version" integer NOT NULL DEFAULT '1', "submitted_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "uq_idea_team" UNIQUE ("team_id"), CONSTRAINT "PK_5096f543c484b349f5234da9d97" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_idea_theme" ON "idea"  ("theme_id") `);
    await queryRunner.query(`CREATE INDEX "ix_idea_challenge_created" ON "idea"  ("challenge_id", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_idea_created" ON "idea"  ("created_at", "id") `);
    await queryRunner.query(
      `ALTER TABLE "criterion" ADD CONSTRAINT "FK_c8bb312fefbec7cc0cde258b773" FOREIGN KEY ("challenge_id") REFERENCES "challenge"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "theme" ADD CONSTRAINT "FK_b19100cf0b384037080f073db24" FOREIGN KEY ("challenge_id") REFERENCES "challenge"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "challenge" ADD CONSTRAINT "FK_2dadb397cc001c45529375c54eb" FOREIGN KEY ("organizer_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "team" ADD CONSTRAINT "FK_f196461bec79d12514679ece586" FOREIGN KEY ("challenge_id") REFERENCES "challenge"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "team" ADD CONSTRAINT "FK_e362f5cf8fcaf0248ec5d414d35" FOREIGN KEY ("school_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_member" ADD CONSTRAINT "FK_a1b5b4f5fa1b7f890d0a278748b" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_member" ADD CONSTRAINT "FK_0724b86622f89c433dee4cd8b17" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_member" ADD CONSTRAINT "FK_b35d69957f8e0160dca321773ae" FOREIGN KEY ("challenge_id") REFERENCES "challenge"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "idea" ADD CONSTRAINT "FK_fe780714d0ae85a1ce0737571ad" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "idea" ADD CONSTRAINT "FK_56276092c1cbfb6881064566189" FOREIGN KEY ("challenge_id") REFERENCES "challenge"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "idea" ADD CONSTRAINT "FK_fb2e70af345963ef18591760f93" FOREIGN KEY ("theme_id") REFERENCES "theme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idea" DROP CONSTRAINT "FK_fb2e70af345963ef18591760f93"`);
    await queryRunner.query(`ALTER TABLE "idea" DROP CONSTRAINT "FK_56276092c1cbfb6881064566189"`);
    await queryRunner.query(`ALTER TABLE "idea" DROP CONSTRAINT "FK_fe780714d0ae85a1ce0737571ad"`);
    await queryRunner.query(`ALTER TABLE "team_member" DROP CONSTRAINT "FK_b35d69957f8e0160dca321773ae"`);
    await queryRunner.query(`ALTER TABLE "team_member" DROP CONSTRAINT "FK_0724b86622f89c433dee4cd8b17"`);
    await queryRunner.query(`ALTER TABLE "team_member" DROP CONSTRAINT "FK_a1b5b4f5fa1b7f890d0a278748b"`);
    await queryRunner.query(`ALTER TABLE "team" DROP CONSTRAINT "FK_e362f5cf8fcaf0248ec5d414d35"`);
    await queryRunner.query(`ALTER TABLE "team" DROP CONSTRAINT "FK_f196461bec79d12514679ece586"`);
    await queryRunner.query(`ALTER TABLE "challenge" DROP CONSTRAINT "FK_2dadb397cc001c45529375c54eb"`);
    await queryRunner.query(`ALTER TABLE "theme" DROP CONSTRAINT "FK_b19100cf0b384037080f073db24"`);
    await queryRunner.query(`ALTER TABLE "criterion" DROP CONSTRAINT "FK_c8bb312fefbec7cc0cde258b773"`);
    await queryRunner.query(`DROP INDEX "public"."ix_idea_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_idea_challenge_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_idea_theme"`);
    await queryRunner.query(`DROP TABLE "idea"`);
    await queryRunner.query(`DROP TYPE "public"."idea_status"`);
    await queryRunner.query(`DROP INDEX "public"."uq_team_member_challenge_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_team_member_user"`);
    await queryRunner.query(`DROP TABLE "team_member"`);
    await queryRunner.query(`DROP TYPE "public"."team_role"`);
    await queryRunner.query(`DROP INDEX "public"."ix_team_challenge_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_team_school"`);
    await queryRunner.query(`DROP TABLE "team"`);
    await queryRunner.query(`DROP INDEX "public"."ix_challenge_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_challenge_organizer"`);
    await queryRunner.query(`DROP TABLE "challenge"`);
    await queryRunner.query(`DROP TYPE "public"."score_normalization"`);
    await queryRunner.query(`DROP TYPE "public"."challenge_status"`);
    await queryRunner.query(`DROP TYPE "public"."challenge_format"`);
    await queryRunner.query(`DROP INDEX "public"."ix_theme_challenge_position"`);
    await queryRunner.query(`DROP TABLE "theme"`);
    await queryRunner.query(`DROP INDEX "public"."ix_criterion_challenge_position"`);
    await queryRunner.query(`DROP TABLE "criterion"`);
  }
}
