import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where `npm run build` puts the GraphiQL bundle (apps/graphiql, built by Vite from npm packages: no CDN). */
export const DEV_EXPLORER_DIR = path.resolve('dist/graphiql');

/**
 * Outside production, a browser opening /graphql gets GraphiQL (served from /graphiql/) instead of a JSON error.
 * GraphQL clients are untouched: only a GET without a `query` parameter that prefers text/html is redirected.
 * Returns false (and serves nothing) in production or when the bundle has not been built.
 */
export async function registerDevExplorer(app: NestFastifyApplication, nodeEnv: string): Promise<boolean> {
  if (nodeEnv === 'production' || !existsSync(path.join(DEV_EXPLORER_DIR, 'index.html'))) return false;
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, { root: DEV_EXPLORER_DIR, prefix: '/graphiql/', decorateReply: false });
  fastify.addHook('onRequest', async (request, reply) => {
    const [pathname, search = ''] = request.url.split('?', 2);
    const wantsPage = (request.headers.accept ?? '').includes('text/html');
    if (request.method === 'GET' && pathname === '/graphql' && wantsPage && !new URLSearchParams(search).has('query')) {
      await reply.redirect('/graphiql/', 302);
    }
  });
  return true;
}
