// GraphQL errors in the user's language: by `extensions.code` and `extensions.field` (docs/rules.md "Errors") to a
// catalogue message, placed next to the field it names, or above the form when the form has no such field.
import type { IntlShape } from 'react-intl';
import type { CombinedError } from 'urql';
import type { MessageId } from '../i18n/IntlRoot';

export interface FormErrors {
  /** By input field name, for react-aria's `<Form validationErrors>`. */
  fields: Record<string, string>;
  /** Errors that belong to no field of the form. */
  form: string[];
}

export interface ErrorOptions {
  /** The input fields the form shows. */
  fields?: readonly string[];
  /** Where an error of a code without a field goes, e.g. CONFLICT on sign-up belongs to the email. */
  fieldOfCode?: Partial<Record<string, string>>;
  /** Form-specific messages by code, e.g. UNAUTHENTICATED on sign-in. */
  messageOfCode?: Partial<Record<string, MessageId>>;
  /**
   * Looks up `error.<code>.<scope>.<field>` before `error.<code>.<field>`, for fields whose rules depend on the form
   * (a challenge's `title` is not an idea's).
   */
  scope?: string;
}

interface ErrorExtensions {
  code?: unknown;
  field?: unknown;
  fields?: unknown;
}

/** Ids of the messages loaded now (the common catalogue and the areas of the screens visited). */
const known = (intl: IntlShape, id: string): id is MessageId => Object.hasOwn(intl.messages, id);

/** A field inside a list (`criteria.1.weight`) shares the message of its kind (`criteria.weight`). */
const fieldKind = (field: string): string => field.replace(/\.\d+(?=\.|$)/g, '');

function messageId(intl: IntlShape, code: string, field: string | undefined, options: ErrorOptions): MessageId {
  const override = options.messageOfCode?.[code];
  if (override) return override;
  const names = field ? [...new Set([field, fieldKind(field)])] : [];
  const candidates = [...(options.scope ? names.map((name) => `error.${code}.${options.scope}.${name}`) : []), ...names.map((name) => `error.${code}.${name}`), `error.${code}`];
  for (const id of candidates) if (known(intl, id)) return id;
  return 'error.generic';
}

/** Every (code, field) an error carries: `extensions.fields` when the API lists them all, else `extensions.field`. */
function problems(extensions: ErrorExtensions): { code: string; field?: string }[] {
  const code = typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';
  if (Array.isArray(extensions.fields) && extensions.fields.length) {
    return extensions.fields.flatMap((entry: unknown) => {
      // `[{ field, message }]` (docs/rules.md), or the field names alone (as `addStudents` lists them).
      const field = typeof entry === 'string' ? entry : (entry as { field?: unknown } | null)?.field;
      return typeof field === 'string' ? [{ code, field }] : [];
    });
  }
  return [{ code, field: typeof extensions.field === 'string' ? extensions.field : undefined }];
}

export function formErrors(error: CombinedError | undefined, intl: IntlShape, options: ErrorOptions = {}): FormErrors {
  const result: FormErrors = { fields: {}, form: [] };
  if (!error) return result;
  if (error.networkError && !error.graphQLErrors.length) {
    result.form.push(intl.formatMessage({ id: 'error.network' }));
    return result;
  }
  for (const graphQLError of error.graphQLErrors) {
    for (const { code, field: named } of problems(graphQLError.extensions)) {
      const field = named ?? options.fieldOfCode?.[code];
      const message = intl.formatMessage({ id: messageId(intl, code, field, options) });
      if (field && options.fields?.includes(field)) result.fields[field] ??= message;
      else if (!result.form.includes(message)) result.form.push(message);
    }
  }
  return result;
}

/** One message for a failed query (not found, network, anything else). */
export function queryErrorMessage(error: CombinedError, intl: IntlShape): string {
  return formErrors(error, intl).form[0] ?? intl.formatMessage({ id: 'error.generic' });
}
