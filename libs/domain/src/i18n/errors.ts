import { ErrorCode, type DomainError, type ErrorKey, type ErrorParams } from '#platform/errors/domain-error.js';
import { PLATFORM_ERROR_MESSAGES, type ErrorMessage } from '#platform/errors/error-messages.js';
import { formatMessage, type MessageValues } from '#platform/i18n/message-format.js';
import type { Locale } from '../identity/user.entity.js';
import { DOMAIN_ERROR_MESSAGES } from './error-messages.js';
import { label, type LabelGroup } from './labels.js';

/** Every error message of the service, by key: the base layer's and the domain's. */
export const ERROR_MESSAGES: Readonly<Record<ErrorKey, ErrorMessage<ErrorParams>>> = { ...PLATFORM_ERROR_MESSAGES, ...DOMAIN_ERROR_MESSAGES };

/** What a client is told when a message cannot be worded (an unknown key, a value missing): the code's own words. */
export const FALLBACK: Record<ErrorCode, ErrorKey> = {
  UNAUTHENTICATED: 'unauthenticated.default',
  FORBIDDEN: 'forbidden.default',
  NOT_FOUND: 'generic.notFound',
  BAD_USER_INPUT: 'generic.badUserInput',
  CONFLICT: 'generic.conflict',
  FAILED_PRECONDITION: 'generic.failedPrecondition',
  RATE_LIMITED: 'generic.rateLimited',
  INTERNAL_SERVER_ERROR: 'internal',
};

/** One message in the given language, its enum values worded by their labels; an unknown key or a missing value throws. */
export function renderErrorMessage(key: string, params: ErrorParams, locale: Locale): string {
  const entry = (ERROR_MESSAGES as Record<string, ErrorMessage<ErrorParams> | undefined>)[key];
  if (!entry) throw new Error(`No error message ${key}`);
  const lang: Locale = locale === 'en' ? 'en' : 'it';
  const values: MessageValues = { ...params };
  for (const [param, group] of Object.entries(entry.labels ?? {})) {
    if (params[param] !== undefined && group) values[param] = label(group as LabelGroup, String(params[param]), lang);
  }
  return formatMessage(lang, entry[lang], values);
}

export interface RenderedError {
  message: string;
  /** Every invalid field with its own message (docs/rules.md: `extensions.fields`), for a BAD_USER_INPUT that names fields. */
  fields?: { field: string; message: string }[];
}

/**
 * A domain error in the viewer's language: its message (for several invalid fields, theirs one after the other) and,
 * for a BAD_USER_INPUT, every field it names with its message. A message that cannot be worded falls back to the
 * words of its code rather than failing the answer.
 */
export function renderError(error: DomainError, locale: Locale): RenderedError {
  const word = (e: DomainError) => {
    try {
      return renderErrorMessage(e.key, e.params, locale);
    } catch {
      return renderErrorMessage(FALLBACK[e.code] ?? 'internal', {}, locale);
    }
  };
  if (error.code !== ErrorCode.BAD_USER_INPUT) return { message: word(error) };
  const fields = error.fieldProblems.map((problem) => ({ field: problem.field!, message: word(problem) }));
  const message = fields.length > 1 ? fields.map((f) => f.message).join(' ') : word(error);
  return fields.length > 0 ? { message, fields } : { message };
}
