import type { MigrationInterface, QueryRunner } from 'typeorm';

/** People's choice (public votes and their window on the challenge) and sponsors' interests and followed themes. */
export class PeoplesChoiceSponsors1796800000300 implements MigrationInterface {
  name = 'PeoplesChoiceSponsors1796800000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "public_vote" ("challenge_id" uuid NOT NULL, "voter_id" uuid NOT NULL, "idea_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "pk_public_vote_challenge_voter" PRIMARY KEY ("challenge_id", "voter_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_public_vote_idea" ON "public_vote"  ("idea_id") `);
    await queryRunner.query(
      `CREATE TABLE "followed_theme" ("organization_id" uuid NOT NULL, "theme_key" text NOT NULL, "theme" text NOT NULL, "followed_by_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "pk_followed_theme" PRIMARY KEY ("organization_id", "theme_key"))`,
    );
    await queryRunner.query(`ALTER TABLE "organization" ADD "sectors_of_interest" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "organization" ADD "themes_of_interest" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "challenge" ADD "public_voting_opens_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "challenge" ADD "public_voting_closes_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "challenge" ADD "peoples_choice_published_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "public_vote" ADD CONSTRAINT "FK_2a0425495ef2ddf3b8d2b101613" FOREIGN KEY ("challenge_id") REFERENCES "challenge"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "public_vote" ADD CONSTRAINT "FK_bbed31574ee7f28e91fd5a9f4e8" FOREIGN KEY ("voter_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "public_vote" ADD CONSTRAINT "FK_0c3c7f963b968ba3a53e3e7f6d3" FOREIGN KEY ("idea_id") REFERENCES "idea"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "followed_theme" ADD CONSTRAINT "FK_1d1f4a43cf1571131d8784d0e2d" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "followed_theme" ADD CONSTRAINT "FK_5760cfe86e5413d9ea7b909df4a" FOREIGN KEY ("followed_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "followed_theme" DROP CONSTRAINT "FK_5760cfe86e5413d9ea7b909df4a"`);
    await queryRunner.query(`ALTER TABLE "followed_theme" DROP CONSTRAINT "FK_1d1f4a43cf1571131d8784d0e2d"`);
    await queryRunner.query(`ALTER TABLE "public_vote" DROP CONSTRAINT "FK_0c3c7f963b968ba3a53e3e7f6d3"`);
    await queryRunner.query(`ALTER TABLE "public_vote" DROP CONSTRAINT "FK_bbed31574ee7f28e91fd5a9f4e8"`);
    await queryRunner.query(`ALTER TABLE "public_vote" DROP CONSTRAINT "FK_2a0425495ef2ddf3b8d2b101613"`);
    await queryRunner.query(`ALTER TABLE "challenge" DROP COLUMN "peoples_choice_published_at"`);
    await queryRunner.query(`ALTER TABLE "challenge" DROP COLUMN "public_voting_closes_at"`);
    await queryRunner.query(`ALTER TABLE "challenge" DROP COLUMN "public_voting_opens_at"`);
    await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "themes_of_interest"`);
    await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "sectors_of_interest"`);
    await queryRunner.query(`DROP TABLE "followed_theme"`);
    await queryRunner.query(`DROP INDEX "public"."ix_public_vote_idea"`);
    await queryRunner.query(`DROP TABLE "public_vote"`);
  }
}
