import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { IdentityService } from '#domain/identity/identity.service.js';
import { DataExportService } from '#domain/people/data-export.service.js';
import { renderError } from '#domain/i18n/errors.js';
import { DomainError } from '#platform/errors/domain-error.js';
import { viewerLocale } from '../common/viewer-locale.js';
import { DATA_EXPORT_PATH } from './models/data-export.model.js';

const STATUS_OF: Partial<Record<string, number>> = { UNAUTHENTICATED: 401, NOT_FOUND: 404, FAILED_PRECONDITION: 410 };

/**
 * `GET /exports/data/:id`: a ready data export, once, to its requester (bearer token as for /graphql). The token
 * travels in a header, never in the URL, so the link itself is worth nothing to whoever sees it.
 */
@Injectable()
export class DataExportHttp implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly identity: IdentityService,
    private readonly exports: DataExportService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.get<{ Params: { id: string } }>(`${DATA_EXPORT_PATH}/:id`, async (request, reply) => {
      const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization?.trim() ?? '')?.[1];
      const viewer = await this.identity.viewerFromAccessToken(token);
      void reply.header('Cache-Control', 'no-store');
      try {
        if (!viewer) throw DomainError.unauthenticated();
        const document = await this.exports.takeDocument(viewer, request.params.id);
        return reply.type('application/json; charset=utf-8').header('Content-Disposition', `attachment; filename="climathon-data-${request.params.id}.json"`).send(document);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const { message } = renderError(error, await viewerLocale(this.identity, viewer, request.headers['accept-language']));
        return reply.code(STATUS_OF[error.code] ?? 400).send({ errors: [{ message, extensions: { code: error.code } }] });
      }
    });
  }
}
