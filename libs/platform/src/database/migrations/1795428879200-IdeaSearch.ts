import type { MigrationInterface, QueryRunner } from 'typeorm';

// Hand-written: TypeORM cannot create the IMMUTABLE helper a generated tsvector column needs.
// The expression must stay byte-identical to IDEA_SEARCH_EXPRESSION in libs/domain/src/ideas/idea.entity.ts:
// TypeORM compares the entity's `asExpression` with the copy stored in typeorm_metadata (as it does for
// generated columns it creates itself), so the schema check reports no drift.
const EXPRESSION =
  `setweight(to_tsvector('italian'::regconfig, title || ' ' || idea_tags_text(tags)), 'A')` +
  ` || setweight(to_tsvector('english'::regconfig, title || ' ' || idea_tags_text(tags)), 'A')` +
  ` || setweight(to_tsvector('italian'::regconfig, summary), 'B')` +
  ` || setweight(to_tsvector('english'::regconfig, summary), 'B')` +
  ` || setweight(to_tsvector('italian'::regconfig, problem || ' ' || solution || ' ' || coalesce(impact, '')), 'C')` +
  ` || setweight(to_tsvector('english'::regconfig, problem || ' ' || solution || ' ' || coalesce(impact, '')), 'C')`;

export class IdeaSearch1795428879200 implements MigrationInterface {
  name = 'IdeaSearch1795428879200';

  async up(queryRunner: QueryRunner): Promise<void> {
    // array_to_string is only STABLE; for text[] it is in fact immutable, which a generated column requires.
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION idea_tags_text(tags text[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT coalesce(array_to_string(tags, ' '), '') $$`,
    );
    await queryRunner.query(`ALTER TABLE "idea" ADD "search_vector" tsvector GENERATED ALWAYS AS (${EXPRESSION}) STORED`);
    await queryRunner.query(`CREATE INDEX "ix_idea_search" ON "idea" USING gin ("search_vector")`);
    // The same bookkeeping TypeORM does for generated columns it creates (see PostgresQueryRunner.addColumn).
    await queryRunner.query(
      `CREATE TABLE IF NOT EXISTS "typeorm_metadata" ("type" character varying NOT NULL, "database" character varying, "schema" character varying, "table" character varying, "name" character varying, "value" text)`,
    );
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value") VALUES (current_database(), current_schema(), 'idea', 'GENERATED_COLUMN', 'search_vector', $1)`,
      [EXPRESSION],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'idea' AND "name" = 'search_vector'`);
    await queryRunner.query(`DROP INDEX "public"."ix_idea_search"`);
    await queryRunner.query(`ALTER TABLE "idea" DROP COLUMN "search_vector"`);
    await queryRunner.query(`DROP FUNCTION idea_tags_text(text[])`);
  }
}
