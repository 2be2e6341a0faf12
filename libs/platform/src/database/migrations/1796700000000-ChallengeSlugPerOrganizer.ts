import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Challenge slugs are unique per organizer (they carry its tag), so no slug depends on another organization's rows. */
export class ChallengeSlugPerOrganizer1796700000000 implements MigrationInterface {
  name = 'ChallengeSlugPerOrganizer1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "challenge" DROP CONSTRAINT "uq_challenge_slug"`);
    await queryRunner.query(`ALTER TABLE "challenge" ADD CONSTRAINT "uq_challenge_organizer_slug" UNIQUE ("organizer_id", "slug")`);
    await queryRunner.query(`CREATE INDEX "ix_challenge_slug" ON "challenge" ("slug")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_challenge_slug"`);
    await queryRunner.query(`ALTER TABLE "challenge" DROP CONSTRAINT "uq_challenge_organizer_slug"`);
    await queryRunner.query(`ALTER TABLE "challenge" ADD CONSTRAINT "uq_challenge_slug" UNIQUE ("slug")`);
  }
}
