import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IdentityService } from '#domain/identity/identity.service.js';
import { ExportLinks } from '#domain/reports/export-links.js';
import { EXPORT_PREFIX, LINK_TOKEN_PARAMETER, parseExportRequest } from '#domain/reports/export-request.js';
import { ExportsService } from '#domain/reports/exports.service.js';
import { renderError, renderErrorMessage } from '#domain/i18n/errors.js';
import { DomainError, ErrorCode } from '#platform/errors/domain-error.js';
import { requestLocale } from '../common/viewer-locale.js';

/** The HTTP status of each error code of docs/rules.md, for the routes served beside GraphQL. */
const STATUS: Record<string, number> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.FAILED_PRECONDITION]: 409,
  [ErrorCode.RATE_LIMITED]: 429,
};

const bearer = (value: string | undefined): string | null => /^Bearer\s+(\S+)$/i.exec(value?.trim() ?? '')?.[1] ?? null;

/**
 * GET /exports/... (README "Exports"): the results, reviews and impact exports, streamed as the rows come from
 * PostgreSQL. The viewer comes from `Authorization: Bearer <accessToken>`, verified as the GraphQL endpoint verifies
 * it (IdentityService.viewerFromAccessToken: a revoked session is refused at once), or from a signed link's `token`
 * (ExportLinks, made by the createExportLink mutation). Refusals carry the GraphQL error shape
 * (`{ errors: [{ message, extensions: { code, field } }] }`) with the matching HTTP status (FAILED_PRECONDITION: 409).
 */
@Injectable()
export class ExportsHttp implements OnModuleInit {
  private readonly logger = new Logger('Exports');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly identity: IdentityService,
    private readonly links: ExportLinks,
    private readonly exports: ExportsService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    void fastify.register(async (scope) => {
      scope.get(`${EXPORT_PREFIX}/*`, (request, reply) => this.serve(request, reply));
    });
  }

  private async serve(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    try {
      const url = new URL(request.url, 'http://export.invalid');
      const authorization = request.headers.authorization;
      const token = url.searchParams.get(LINK_TOKEN_PARAMETER);
      if (!authorization && !token) throw DomainError.unauthenticated('exports.credentialsRequired');
      const exportRequest = parseExportRequest(url.pathname, url.searchParams);
      const viewer = authorization ? await this.identity.viewerFromAccessToken(bearer(authorization)) : await this.links.verify(token!, exportRequest.canonical);
      if (!viewer?.userId) throw DomainError.unauthenticated(authorization ? 'exports.invalidToken' : 'exports.invalidLink');
      const file = await this.exports.open(viewer, exportRequest);
      return reply
        .code(200)
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .send(file.body);
    } catch (error) {
      return this.refuse(request, reply, error);
    }
  }

  /** In the viewer's language (their locale when the bearer token is valid, else Accept-Language, else Italian). */
  private async refuse(request: FastifyRequest, reply: FastifyReply, error: unknown): Promise<FastifyReply> {
    const locale = await requestLocale(this.identity, request.headers);
    if (error instanceof DomainError && STATUS[error.code]) {
      const { message, fields } = renderError(error, locale);
      const extensions: Record<string, unknown> = { code: error.code };
      if (error.field) extensions.field = error.field;
      if (fields) extensions.fields = fields;
      return reply
        .code(STATUS[error.code])
        .header('cache-control', 'no-store')
        .send({ errors: [{ message, extensions }] });
    }
    this.logger.error({ err: error, url: request.url.split('?', 1)[0] }, 'export failed');
    return reply.code(500).send({ errors: [{ message: renderErrorMessage('internal', {}, locale), extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] });
  }
}
