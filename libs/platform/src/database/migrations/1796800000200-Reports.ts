import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports (issue 14): when a challenge's results were published (the impact report's "time from results to first
 * adoption"), and each juror's stable number in their challenge (the pseudonyms J1, J2... of the exports and the jury
 * report), given by a trigger at insert so that every path that adds a juror (the API, seeds, benchmarks) numbers it
 * and no removal renumbers the others.
 */
export class Reports1796800000200 implements MigrationInterface {
  name = 'Reports1796800000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "challenge" ADD "results_published_at" TIMESTAMP(3) WITH TIME ZONE`);
    // Results published before this column existed: the moment of their RESULTS_PUBLISHED event, where it is still kept.
    await queryRunner.query(
      `UPDATE "challenge" c SET "results_published_at" = e.at
         FROM (SELECT payload->>'challengeId' AS challenge_id, min(created_at) AS at FROM "outbox_event" WHERE type = 'judging.results_published' GROUP BY 1) e
        WHERE e.challenge_id = c.id::text AND c.status IN ('RESULTS_PUBLISHED', 'CLOSED')`,
    );

    await queryRunner.query(`ALTER TABLE "juror" ADD "number" integer`);
    await queryRunner.query(
      `UPDATE "juror" j SET "number" = n.number
         FROM (SELECT id, row_number() OVER (PARTITION BY challenge_id ORDER BY created_at, id) AS number FROM "juror") n
        WHERE n.id = j.id`,
    );
    await queryRunner.query(`ALTER TABLE "juror" ALTER COLUMN "number" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "juror" ADD CONSTRAINT "uq_juror_challenge_number" UNIQUE ("challenge_id", "number")`);
    // A row-level BEFORE trigger sees the rows inserted before it by the same statement, so INSERT ... SELECT numbers
    // its jurors 1, 2, 3...; concurrent additions to one jury are serialized by addJuror's lock on the challenge (and
    // the unique constraint refuses a duplicate whatever the path).
    await queryRunner.query(
      `CREATE FUNCTION "juror_number"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW."number" IS NULL THEN
           SELECT coalesce(max("number"), 0) + 1 INTO NEW."number" FROM "juror" WHERE "challenge_id" = NEW."challenge_id";
         END IF;
         RETURN NEW;
       END $$`,
    );
    await queryRunner.query(`CREATE TRIGGER "tr_juror_number" BEFORE INSERT ON "juror" FOR EACH ROW EXECUTE FUNCTION "juror_number"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_juror_number" ON "juror"`);
    await queryRunner.query(`DROP FUNCTION "juror_number"()`);
    await queryRunner.query(`ALTER TABLE "juror" DROP CONSTRAINT "uq_juror_challenge_number"`);
    await queryRunner.query(`ALTER TABLE "juror" DROP COLUMN "number"`);
    await queryRunner.query(`ALTER TABLE "challenge" DROP COLUMN "results_published_at"`);
  }
}
