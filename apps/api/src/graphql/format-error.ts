import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Locale } from '#domain/identity/user.entity.js';
import { FALLBACK, renderError, renderErrorMessage } from '#domain/i18n/errors.js';
import { DomainError, ErrorCode } from '#platform/errors/domain-error.js';
import { findRefusal } from './refused-operation.js';
import { wordRequestError, type Wording } from './request-error-wording.js';

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

const LIST_LOCALE: Record<Locale, string> = { it: 'it-IT', en: 'en-GB' };

/**
 * The message of an error refused before it ran (our limits, graphql-js, Apollo) in `lang`, and the English it
 * replaces as `detail` when the words do not carry all of it. Any message that cannot be worded gets the code's own.
 */
function wordRefusal(error: unknown, formatted: GraphQLFormattedError, reason: string, code: ErrorCode, lang: Locale): { message: string; detail?: string } {
  const refusal = findRefusal(error);
  const wording: Wording = refusal
    ? { sentences: [{ key: refusal.key, params: refusal.params }], suggestions: [] }
    : wordRequestError(formatted.message, reason, formatted.locations, FALLBACK[code]);
  try {
    const sentences = wording.sentences.map(({ key, params }) => renderErrorMessage(key, params, lang));
    if (wording.suggestions.length > 0) {
      const names = new Intl.ListFormat(LIST_LOCALE[lang], { type: 'disjunction' }).format(wording.suggestions.map((name) => `«${name}»`));
      sentences.push(renderErrorMessage('graphql.didYouMean', { suggestions: names }, lang));
    }
    return { message: sentences.join(' '), detail: wording.detail };
  } catch {
    return { message: renderErrorMessage(FALLBACK[code], {}, lang), detail: formatted.message };
  }
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
    const reason = typeof rest.reason === 'string' ? rest.reason : '';
    const { message, detail } = wordRefusal(error, formatted, reason, code as ErrorCode, lang);
    return { ...base, message, extensions: { ...rest, code, ...(detail ? { detail } : {}) } };
  }
  if (REQUEST_ERROR_CODES.has(code) || code === '') {
    const { message, detail } = wordRefusal(error, formatted, code, ErrorCode.BAD_USER_INPUT, lang);
    return { ...base, message, extensions: { code: ErrorCode.BAD_USER_INPUT, reason: code || 'INVALID_REQUEST', ...(detail ? { detail } : {}) } };
  }
  return internal();
}
