import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Membership by invitation: owners' invitations into organizations, kept with who decided and when. */
export class OrganizationInvitations1796800000100 implements MigrationInterface {
  name = 'OrganizationInvitations1796800000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."organization_invitation_status" AS ENUM('PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN')`);
    await queryRunner.query(
      `CREATE TABLE "organization_invitation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "invitee_id" uuid NOT NULL, "invited_by_id" uuid, "role" "public"."organization_role" NOT NULL, "status" "public"."organization_invitation_status" NOT NULL DEFAULT 'PENDING', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "decided_at" TIMESTAMP(3) WITH TIME ZONE, "decided_by_id" uuid, CONSTRAINT "PK_cc1ac752952740b92ead1ee9249" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_organization_invitation_organization_status" ON "organization_invitation"  ("organization_id", "status") `);
    await queryRunner.query(`CREATE INDEX "ix_organization_invitation_invitee_status" ON "organization_invitation"  ("invitee_id", "status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_organization_invitation_pending" ON "organization_invitation"  ("organization_id", "invitee_id") WHERE status = 'PENDING'`);
    await queryRunner.query(
      `ALTER TABLE "organization_invitation" ADD CONSTRAINT "FK_f75820311aae641d2cc4e35e38f" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_invitation" ADD CONSTRAINT "FK_ef0a2b3ebaf12b51f987bf1f4a7" FOREIGN KEY ("invitee_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_invitation" ADD CONSTRAINT "FK_63c49e89c987a58830f9590029c" FOREIGN KEY ("invited_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_invitation" ADD CONSTRAINT "FK_a7602b7d63ad56d919ef08a0812" FOREIGN KEY ("decided_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organization_invitation" DROP CONSTRAINT "FK_a7602b7d63ad56d919ef08a0812"`);
    await queryRunner.query(`ALTER TABLE "organization_invitation" DROP CONSTRAINT "FK_63c49e89c987a58830f9590029c"`);
    await queryRunner.query(`ALTER TABLE "organization_invitation" DROP CONSTRAINT "FK_ef0a2b3ebaf12b51f987bf1f4a7"`);
    await queryRunner.query(`ALTER TABLE "organization_invitation" DROP CONSTRAINT "FK_f75820311aae641d2cc4e35e38f"`);
    await queryRunner.query(`DROP INDEX "public"."uq_organization_invitation_pending"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organization_invitation_invitee_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organization_invitation_organization_status"`);
    await queryRunner.query(`DROP TABLE "organization_invitation"`);
    await queryRunner.query(`DROP TYPE "public"."organization_invitation_status"`);
  }
}
