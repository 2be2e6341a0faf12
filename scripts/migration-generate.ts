// Usage: npm run build && node dist/scripts/migration-generate.js PascalName
// Writes libs/platform/src/database/migrations/<timestamp>-PascalName.ts from the difference between entities and
// the migrated database named by DATABASE_URL; add the class to migrations/index.ts by hand.
import { writeFileSync } from 'node:fs';
import { loadConfig } from '#platform/config/app-config.js';
import { createDataSource, migrateDatabase } from '#platform/database/data-source.js';
import { pendingSchemaChanges } from '#platform/database/schema-drift.js';

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('usage: node dist/scripts/migration-generate.js PascalName');
  process.exit(2);
}
const config = loadConfig();
await migrateDatabase(config);
const dataSource = createDataSource(config);
await dataSource.initialize();
const { up, down } = await pendingSchemaChanges(dataSource);
await dataSource.destroy();
if (up.length === 0) {
  console.log('No changes: entities and migrations agree.');
  process.exit(0);
}
const timestamp = Date.now();
const escape = (q: string) => q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${timestamp} implements MigrationInterface {
  name = '${name}${timestamp}';

  async up(queryRunner: QueryRunner): Promise<void> {
${up.map((q) => `    await queryRunner.query(\`${escape(q)}\`);`).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${down
  .reverse()
  .map((q) => `    await queryRunner.query(\`${escape(q)}\`);`)
  .join('\n')}
  }
}
`;
const file = `libs/platform/src/database/migrations/${timestamp}-${name}.ts`;
writeFileSync(file, body);
console.log(`Wrote ${file}; add ${name}${timestamp} to migrations/index.ts`);
