import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Locale } from '#domain/identity/user.entity.js';
import { renderError, renderErrorMessage } from '#domain/i18n/errors.js';
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

/**
 * The language each error of a request is to be worded in, set by `localizeErrorsPlugin` (graphql.module.ts) once it
 * knows the viewer's locale, before Apollo formats the errors; the formatter has no other way to the request. Keyed by
 * the error objects of the request (and their DomainError), so nothing outlives them.
 */
const localeOfError = new WeakMap<object, Locale>();

/** Words the errors of one request in `locale` when they are formatted. */
export function tellErrorsIn(errors: readonly unknown[], locale: Locale): void {
  for (const error of errors) {
    if (typeof error !== 'object' || error === null) continue;
    localeOfError.set(error, locale);
    const domain = findDomainError(error);
    if (domain) localeOfError.set(domain, locale);
  }
}

/** True for errors no rule of docs/rules.md explains: they are logged and shown without details. */
export function isUnexpectedError(error: unknown): boolean {
  if (findDomainError(error)) return false;
  const original = (error as GraphQLError)?.originalError;
  if (!original) return false;
  return !(original instanceof GraphQLError);
}

/**
 * The one place where errors become what clients see: the codes of docs/rules.md, the message in the viewer's language
 * (`locale`, else the one `tellErrorsIn` gave, else Italian), for validation `extensions.field` and every invalid field
 * in `extensions.fields` (`[{ field, message }]`, the first also in `field`), and nothing internal (no stack trace, no
 * SQL) for anything unexpected.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, locale?: Locale): GraphQLFormattedError {
  const domain = findDomainError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  const lang = locale ?? (typeof error === 'object' && error !== null ? localeOfError.get(error) : undefined) ?? (domain && localeOfError.get(domain)) ?? 'it';
  const internal = () => ({ ...base, message: renderErrorMessage('internal', {}, lang), extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });
  if (domain) {
    const { message, fields } = renderError(domain, lang);
    const extensions: Record<string, unknown> = { code: domain.code };
    if (domain.field) extensions.field = domain.field;
    if (fields) extensions.fields = fields;
    if (domain.details) Object.assign(extensions, domain.details);
    return { ...base, message, extensions };
  }
  if (isUnexpectedError(error)) return internal();
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : '';
  if (CLIENT_CODES.has(code)) {
    // `http` is Apollo's own (it strips it before this on HTTP; graphql-ws would pass it on).
    const { stacktrace: _stacktrace, exception: _exception, originalError: _originalError, http: _http, ...rest } = formatted.extensions ?? {};
    return { ...base, extensions: { ...rest, code } };
  }
  if (REQUEST_ERROR_CODES.has(code) || code === '') {
    return { ...base, extensions: { code: ErrorCode.BAD_USER_INPUT, reason: code || 'INVALID_REQUEST' } };
  }
  return internal();
}
