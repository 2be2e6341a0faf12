import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DEV_EXPLORER_DIR, registerDevExplorer } from '../apps/api/src/ops/dev-explorer.js';
import { startApi, type RunningApi } from './helpers/api.js';

/** The explorer is a Vite bundle; `npm run build` makes it, a bare `npm test` builds it here once. */
function ensureExplorerBuilt(): void {
  if (existsSync(path.join(DEV_EXPLORER_DIR, 'index.html'))) return;
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'apps/graphiql/vite.config.mts'], { stdio: 'inherit' });
}

describe('development GraphQL explorer (GraphiQL from npm, offline)', () => {
  let api: RunningApi;
  let base: string;

  beforeAll(async () => {
    ensureExplorerBuilt();
    api = await startApi();
    base = api.url.replace(/\/graphql$/, '');
  });
  afterAll(async () => api?.close());

  it('redirects a browser opening /graphql to GraphiQL, served from this origin with no CDN', async () => {
    const redirect = await fetch(`${base}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml' }, redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/graphiql/');

    const page = await fetch(`${base}/graphiql/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="graphiql">');
    const scripts = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const asset of scripts) {
      expect(asset.startsWith('/graphiql/')).toBe(true); // nothing from another host
      const response = await fetch(`${base}${asset}`);
      expect(response.status).toBe(200);
    }
    expect(readFileSync(path.join(DEV_EXPLORER_DIR, 'index.html'), 'utf8')).not.toMatch(/https?:\/\//);
  });

  it('leaves GraphQL clients alone: GET with a query and POST still answer GraphQL', async () => {
    const get = await fetch(`${base}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'text/html, application/json' } });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
    const post = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(await post.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('is off in production', async () => {
    const untouched = {} as NestFastifyApplication; // would throw if the explorer tried to register anything
    await expect(registerDevExplorer(untouched, 'production')).resolves.toBe(false);
  });
});
