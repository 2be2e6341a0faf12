import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentityFlows1796564113315 implements MigrationInterface {
  name = 'IdentityFlows1796564113315';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."account_token_purpose" AS ENUM('EMAIL_VERIFICATION', 'PASSWORD_RESET')`);
    await queryRunner.query(
      `CREATE TABLE "account_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "purpose" "public"."account_token_purpose" NOT NULL, "token_hash" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a55842d3341d42534e39f85e931" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_account_token_user" ON "account_token"  ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_account_token_hash" ON "account_token"  ("token_hash") `);
    await queryRunner.query(`ALTER TABLE "app_user" ADD "email_verified_at" TIMESTAMP WITH TIME ZONE`);
    // Accounts that existed before verification keep their emails (grandfathered as verified).
    await queryRunner.query(`UPDATE "app_user" SET "email_verified_at" = "created_at"`);
    await queryRunner.query(
      `ALTER TABLE "account_token" ADD CONSTRAINT "FK_ab3c66669facfe429164e60ab82" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "account_token" DROP CONSTRAINT "FK_ab3c66669facfe429164e60ab82"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "email_verified_at"`);
    await queryRunner.query(`DROP INDEX "public"."uq_account_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_account_token_user"`);
    await queryRunner.query(`DROP TABLE "account_token"`);
    await queryRunner.query(`DROP TYPE "public"."account_token_purpose"`);
  }
}
