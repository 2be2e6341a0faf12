import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Erasure and retention: the erased mark on users, and when a challenge closed and its organizers were warned. */
export class Erasure1796700000100 implements MigrationInterface {
  name = 'Erasure1796700000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" ADD "erased_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "challenge" ADD "closed_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "challenge" ADD "retention_warned_at" TIMESTAMP(3) WITH TIME ZONE`);
    // Challenges closed before this column existed: their retention runs from now, never from an invented past.
    await queryRunner.query(`UPDATE "challenge" SET "closed_at" = now() WHERE "status" = 'CLOSED'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "challenge" DROP COLUMN "retention_warned_at"`);
    await queryRunner.query(`ALTER TABLE "challenge" DROP COLUMN "closed_at"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "erased_at"`);
  }
}
