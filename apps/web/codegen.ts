import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed operations from the committed schema: `npm run web:codegen` writes apps/web/src/gql (checked in),
// `npm run web:codegen:check` regenerates into a temporary directory and fails on any difference.
const outDir = process.env.WEB_CODEGEN_OUT ?? 'apps/web/src/gql/';

const config: CodegenConfig = {
  schema: 'schema.gql',
  documents: ['apps/web/src/**/*.{ts,tsx}', '!apps/web/src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    [outDir]: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, onlyOperationTypes: true, useTypeImports: true, scalars: { DateTime: 'string' } },
    },
    // The operation names alone, for the API's metrics labels (apps/api/src/ops/known-operations.ts).
    [`${outDir}operation-names.ts`]: { plugins: ['apps/web/codegen-operation-names.cjs'] },
  },
};

export default config;
