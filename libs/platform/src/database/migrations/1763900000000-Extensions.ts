import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Extensions the later migrations rely on (citext for case-insensitive emails). */
export class Extensions1763900000000 implements MigrationInterface {
  name = 'Extensions1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS citext`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP EXTENSION IF EXISTS citext`);
  }
}
