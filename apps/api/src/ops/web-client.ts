import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where `npm run build` puts the web client (apps/web, built by Vite). */
export const WEB_CLIENT_DIR = path.resolve('dist/web');

/** Paths that belong to the API, never to the client's routes (no SPA fallback there). */
const API_PATHS = /^\/(graphql|graphiql|health|metrics|admin|exports)(\/|$|\?)/;

/**
 * Serves the built web client at / from the API's origin (no CORS): its files, and index.html for every other GET
 * that a browser asks as a page (the client's routes, e.g. /ideas/<id>). Returns false when the client is not built.
 */
export async function registerWebClient(app: NestFastifyApplication): Promise<boolean> {
  if (!existsSync(path.join(WEB_CLIENT_DIR, 'index.html'))) return false;
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, {
    root: WEB_CLIENT_DIR,
    prefix: '/',
    wildcard: false, // only the files that exist at start-up get routes; the rest falls through to Nest
    index: ['index.html'],
    decorateReply: false,
    setHeaders: (reply, filePath) => {
      // Hashed assets never change; index.html must be re-read at each visit to pick up a new build.
      void reply.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const indexHtml = await import('node:fs/promises').then((fs) => fs.readFile(path.join(WEB_CLIENT_DIR, 'index.html')));
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const pathname = request.url.split('?', 1)[0] ?? '/';
    if (API_PATHS.test(pathname) || pathname.startsWith('/assets/') || path.extname(pathname)) return;
    if (!(request.headers.accept ?? '').includes('text/html')) return;
    await reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
  });
  return true;
}
