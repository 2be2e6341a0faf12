import react from '@vitejs/plugin-react-swc';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { readFileSync } from 'node:fs';

// Built to dist/web and served by the API at / (same origin, SPA fallback: apps/api/src/ops/web-client.ts).
// `npm run dev:web` serves it with hot reload and proxies /graphql (HTTP and graphql-ws) to the API.
const api = process.env.API_URL ?? 'http://127.0.0.1:3000';

/**
 * Replaces each `graphql(`...`)` call of the web client with an import of that one document, taken from the codegen
 * output (src/gql/graphql.ts, `<Name>Document` / `<Name>FragmentDoc`). The client preset's `graphql()` looks documents
 * up in one map (src/gql/gql.ts) holding every operation of the app, which lands in the entry chunk; with one module
 * per document, each operation ships in the chunk of the page that uses it. Same document objects, so same requests.
 */
function gqlDocuments(gqlDir: string): Plugin {
  const PREFIX = 'virtual:gql-document/';
  const graphqlTs = `${gqlDir}/graphql.ts`;
  const gqlTs = `${gqlDir}/gql.ts`;
  let documents: Map<string, string> | null = null;
  let sources: string | null = null;

  const load = () => {
    if (!documents) {
      documents = new Map();
      for (const match of readFileSync(graphqlTs, 'utf8').matchAll(/^export const (\w+(?:Document|FragmentDoc)) = (\{.*\}) as unknown as DocumentNode<.*$/gm)) {
        documents.set(match[1], match[2]);
      }
      sources = readFileSync(gqlTs, 'utf8');
    }
    return { documents, sources: sources! };
  };

  return {
    name: 'gql-documents',
    enforce: 'pre',
    buildStart() {
      documents = null;
      this.addWatchFile(graphqlTs);
      this.addWatchFile(gqlTs);
    },
    resolveId(id) {
      return id.startsWith(PREFIX) ? `\0${id}` : null;
    },
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return null;
      const name = id.slice(PREFIX.length + 1);
      const json = load().documents.get(name);
      if (!json) throw new Error(`gql-documents: no ${name} in ${graphqlTs} (run npm run web:codegen)`);
      return `export default ${json};`;
    },
    transform(code, id) {
      const file = id.split('?')[0];
      if (!/\.tsx?$/.test(file) || file.startsWith(`${gqlDir}/`) || !code.includes('graphql(`')) return null;
      const { sources } = load();
      const imports = new Map<string, string>();
      const replaced = code.replace(/\bgraphql\(\s*`([^`]*)`\s*\)/g, (_call, source: string) => {
        if (source.includes('${')) throw new Error(`gql-documents: ${file}: a graphql() document cannot interpolate`);
        // The generated map is keyed by the exact text: a document missing from it means stale codegen output.
        if (!sources.includes(JSON.stringify(source))) throw new Error(`gql-documents: ${file}: a document not in ${gqlTs} (run npm run web:codegen)`);
        const definition = /\b(query|mutation|subscription|fragment)\s+(\w+)/.exec(source);
        if (!definition) throw new Error(`gql-documents: ${file}: a document without a named definition`);
        const name = definition[1] === 'fragment' ? `${definition[2]}FragmentDoc` : `${definition[2]}Document`;
        const local = `__gql_${name}`;
        imports.set(local, `${PREFIX}${name}`);
        return local;
      });
      if (imports.size === 0) return null;
      const header = [...imports].map(([local, module]) => `import ${local} from ${JSON.stringify(module)};`).join('');
      // On the first line, so the source map's lines stay put.
      return { code: header + replaced, map: null };
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [gqlDocuments(fileURLToPath(new URL('src/gql', import.meta.url))), react()],
  logLevel: 'warn',
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: { '/graphql': { target: api, ws: true, changeOrigin: true } },
  },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    // bench/web.bench.ts reads it to sum the gallery route's first-load chunks.
    manifest: true,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
