// npm run schema:generate [-- --stdout]: boots the API (no listen), prints the code-first schema sorted
// lexicographically to schema.gql at the repository root (or to stdout), then closes.
// npm run schema:check compares it with the committed schema.gql.
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { ConfigError, loadConfig } from '#platform/config/app-config.js';
import { createApiApp } from '../apps/api/src/bootstrap.js';

// dist/scripts/generate-schema.js -> the repository root
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const toStdout = process.argv.includes('--stdout');

try {
  loadConfig(); // fail fast with a message naming the bad variable
  // No Nest or pino logs: with --stdout the output must be the schema and nothing else.
  const app = await createApiApp({ logger: false });
  app.useLogger(false);
  try {
    await app.init();
    const { schema } = app.get(GraphQLSchemaHost);
    const sdl = `${printSchema(lexicographicSortSchema(schema))}\n`;
    if (toStdout) {
      process.stdout.write(sdl);
    } else {
      const file = resolve(ROOT, 'schema.gql');
      writeFileSync(file, sdl);
      console.error(`Wrote ${file}`);
    }
  } finally {
    await app.close();
  }
  process.exit(0);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
