import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError, ErrorCode } from '#platform/errors/domain-error.js';

const CLIENT_CODES = new Set<string>(Object.values(ErrorCode));

// Errors Apollo raises itself before execution: the request was wrong, so they are BAD_USER_INPUT for clients.
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_FOUND',
]);

function findDomainError(error: unknown): DomainError | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof DomainError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}

/** True for errors no rule of PRODUCT.md explains: they are logged and shown without details. */
export function isUnexpectedError(error: unknown): boolean {
  if (findDomainError(error)) return false;
  const original = (error as GraphQLError)?.originalError;
  if (!original) return false;
  return !(original instanceof GraphQLError);
}

/**
 * The one place where errors become what clients see: the codes of PRODUCT.md, `extensions.field` for
 * validation, and nothing internal (no stack trace, no SQL) for anything unexpected.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const domain = findDomainError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  if (domain) {
    const extensions: Record<string, unknown> = { code: domain.code };
    if (domain.field) extensions.field = domain.field;
    if (domain.details) Object.assign(extensions, domain.details);
    return { ...base, message: domain.message, extensions };
  }
  if (isUnexpectedError(error)) {
    return { ...base, message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  }
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : '';
  if (CLIENT_CODES.has(code)) {
    // `http` is Apollo's own (it strips it before this on HTTP; graphql-ws would pass it on).
    const { stacktrace: _stacktrace, exception: _exception, originalError: _originalError, http: _http, ...rest } = formatted.extensions ?? {};
    return { ...base, extensions: { ...rest, code } };
  }
  if (REQUEST_ERROR_CODES.has(code) || code === '') {
    return { ...base, extensions: { code: ErrorCode.BAD_USER_INPUT, reason: code || 'INVALID_REQUEST' } };
  }
  return { ...base, message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}
