import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLFormattedError } from 'graphql';
import type { Locale } from '#domain/identity/user.entity.js';
import { renderErrorMessage } from '#domain/i18n/errors.js';
import { ErrorCode, type ErrorKey, type ErrorParams } from '#platform/errors/domain-error.js';

/** Fastify's request-body errors (content-type parsing, before Apollo runs) and what clients are told of them. */
const BODY_ERRORS: Record<string, { reason: string; message: (limit: number) => [ErrorKey, ErrorParams?] }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { reason: 'BODY_TOO_LARGE', message: (limit) => ['request.bodyTooLarge', { limit, size: formatSize(limit) }] },
  FST_ERR_CTP_INVALID_JSON_BODY: { reason: 'INVALID_JSON', message: () => ['request.invalidJson'] },
  FST_ERR_CTP_EMPTY_JSON_BODY: { reason: 'EMPTY_BODY', message: () => ['request.emptyBody'] },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { reason: 'UNSUPPORTED_MEDIA_TYPE', message: () => ['request.unsupportedMediaType'] },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { reason: 'INVALID_CONTENT_LENGTH', message: () => ['request.invalidContentLength'] },
};

/** ` (1 MiB)`, ` (64 KiB)`, or nothing when the limit is no whole number of either. */
function formatSize(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return ` (${bytes / (1024 * 1024)} MiB)`;
  if (bytes % 1024 === 0) return ` (${bytes / 1024} KiB)`;
  return '';
}

function describe(error: FastifyError, limit: number): { reason: string; message: [ErrorKey, ErrorParams?] } | undefined {
  const status = error.statusCode ?? 0;
  if (status < 400 || status >= 500) return undefined;
  const known = BODY_ERRORS[error.code];
  if (known) return { reason: known.reason, message: known.message(limit) };
  // Any other client error of body parsing (a JSON body with `__proto__` is FST_ERR_CTP_INVALID_JSON_BODY too).
  if (error.code?.startsWith('FST_ERR_CTP_')) return { reason: 'INVALID_BODY', message: ['request.unreadableBody'] };
  return undefined;
}

/** The GraphQL response of a request Fastify refused while reading its body: BAD_USER_INPUT on `body`, its own status, in `locale`. */
export function requestBodyErrorResponse(error: FastifyError, limit: number, locale: Locale = 'it'): { status: number; body: { errors: GraphQLFormattedError[] } } | undefined {
  const described = describe(error, limit);
  if (!described) return undefined;
  const [key, params = {}] = described.message;
  const { reason } = described;
  const message = renderErrorMessage(key, params, locale);
  const extensions: Record<string, unknown> = { code: ErrorCode.BAD_USER_INPUT, field: 'body', fields: [{ field: 'body', message }], reason };
  if (reason === 'BODY_TOO_LARGE') extensions.maxBytes = limit;
  return { status: error.statusCode ?? 400, body: { errors: [{ message, extensions }] } };
}

/**
 * Fastify answers a body it cannot read (over `bodyLimit`, whether by its Content-Length or while streaming a
 * chunked one; not JSON; an unsupported content-type) before Apollo sees the request, so Nest's exception layer
 * would answer `{ statusCode, message }`. On the GraphQL route these become GraphQL error responses instead
 * (`errors[0].extensions.code = BAD_USER_INPUT`), with Fastify's status (413, 400, 415) and no internals. The
 * handler goes on the route through Fastify's documented `onRoute` hook (a route's `errorHandler` runs before
 * the instance's); any other error is rethrown to the parent handler (Nest's). Call before the app initialises.
 */
export function answerRequestBodyErrorsAsGraphQL(fastify: FastifyInstance, path = '/graphql', localeOf: (request: FastifyRequest) => Promise<Locale> = async () => 'it'): void {
  fastify.addHook('onRoute', (route) => {
    if (route.url !== path || route.errorHandler) return;
    route.errorHandler = function graphqlRequestBodyErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
      const limit = request.server.initialConfig.bodyLimit ?? 1024 * 1024;
      if (!requestBodyErrorResponse(error, limit)) throw error; // Fastify hands it to the parent error handler
      // In the viewer's language: their locale (a valid bearer token), else Accept-Language, else Italian.
      void localeOf(request)
        .catch((): Locale => 'it')
        .then((locale) => {
          const response = requestBodyErrorResponse(error, limit, locale)!;
          void reply.code(response.status).type('application/json; charset=utf-8').send(response.body);
        });
    };
  });
}
