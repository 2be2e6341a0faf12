import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IdentityService } from '#domain/identity/identity.service.js';
import { Metrics, OPS_QUEUES } from './metrics.js';

/** Where Bull Board is served. */
export const BOARD_PATH = '/admin/queues';
/** The cookie a browser gets from POST /admin/queues/session: the access token itself, for this path only. */
export const BOARD_COOKIE = 'climathon_board';

const bearer = (value: string | undefined): string | null => /^Bearer\s+(\S+)$/i.exec(value?.trim() ?? '')?.[1] ?? null;

function cookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return null;
}

/** Seconds until the (already verified) token expires, for the cookie's Max-Age. */
function secondsLeft(token: string): number {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: number };
    return Math.max(0, Math.floor((claims.exp ?? 0) - Date.now() / 1000));
  } catch {
    return 0;
  }
}

const wantsHtml = (request: FastifyRequest) => (request.headers.accept ?? '').includes('text/html');

const SIGN_IN_PAGE = `<!doctype html>
<html lang="it"><head><meta charset="utf-8"><title>Climathon - code</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto">
<h1>Code di lavoro</h1>
<p>Riservato agli amministratori della piattaforma. Incolla un access token (mutation <code>signIn</code>) di un amministratore.</p>
<p lang="en">Platform admins only: paste an admin's access token (from the <code>signIn</code> mutation).</p>
<form method="post" action="${BOARD_PATH}/session">
<textarea name="token" rows="6" cols="60" required></textarea><br><button type="submit">Entra / Sign in</button>
</form></body></html>`;

/**
 * Registers on the API's Fastify instance, before it listens:
 * - an `onResponse` hook timing every HTTP request by method, route pattern and status;
 * - Bull Board at /admin/queues, for platform admins only. The access token is read from `Authorization: Bearer`
 *   (scripts, curl) or from the `climathon_board` cookie (browsers). A browser gets the cookie by POSTing the token
 *   to /admin/queues/session (the sign-in form shown on a 401): the token never travels in a URL, where logs,
 *   history and Referer headers would keep it. The cookie is HttpOnly, SameSite=Strict (no cross-site request can
 *   use it to retry or delete jobs), scoped to /admin/queues and expires with the token. Every request is
 *   verified again (IdentityService.viewerFromAccessToken): no token or an invalid one is 401, a non-admin 403.
 */
@Injectable()
export class OpsHttp implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly identity: IdentityService,
    private readonly metrics: Metrics,
    @Inject(OPS_QUEUES) private readonly queues: Queue[],
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', async (request, reply) => {
      this.metrics.httpDuration.observe(this.metrics.httpLabels(request.method, request.routeOptions.url, reply.statusCode), reply.elapsedTime / 1000);
    });
    void fastify.register(async (scope) => this.registerBoard(scope));
  }

  private async registerBoard(scope: FastifyInstance): Promise<void> {
    const serverAdapter = new BullBoardFastifyAdapter();
    createBullBoard({ queues: this.queues.map((queue) => new BullMQAdapter(queue)), serverAdapter });
    serverAdapter.setBasePath(BOARD_PATH);

    // Browsers: exchange an admin's access token for the board cookie (a form or JSON body; Nest parses both).
    scope.post(`${BOARD_PATH}/session`, async (request, reply) => {
      const token = (request.body as { token?: unknown } | undefined)?.token;
      const value = typeof token === 'string' ? token.trim() : '';
      const refusal = await this.refusal(value);
      if (refusal) return this.refuse(request, reply, refusal);
      const secure = request.protocol === 'https' ? '; Secure' : '';
      void reply.header('set-cookie', `${BOARD_COOKIE}=${encodeURIComponent(value)}; Path=${BOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=${secondsLeft(value)}${secure}`);
      return reply.redirect(`${BOARD_PATH}/`, 303);
    });

    await scope.register(async (board) => {
      board.addHook('onRequest', async (request, reply) => {
        const token = bearer(request.headers.authorization) ?? cookie(request.headers.cookie, BOARD_COOKIE);
        const refusal = await this.refusal(token);
        if (refusal) return this.refuse(request, reply, refusal);
      });
      await board.register(serverAdapter.registerPlugin(), { prefix: BOARD_PATH });
    });
  }

  /** Why the token may not open the board (401 or 403), or null for an admin. */
  private async refusal(token: string | null): Promise<401 | 403 | null> {
    const viewer = await this.identity.viewerFromAccessToken(token);
    if (!viewer) return 401;
    return viewer.isAdmin ? null : 403;
  }

  private refuse(request: FastifyRequest, reply: FastifyReply, status: 401 | 403): FastifyReply {
    if (status === 401 && wantsHtml(request)) return reply.code(401).type('text/html; charset=utf-8').send(SIGN_IN_PAGE);
    const message = status === 401 ? 'An access token of a platform admin is required' : 'Platform admins only';
    return reply.code(status).send({ statusCode: status, error: status === 401 ? 'Unauthorized' : 'Forbidden', message });
  }
}
