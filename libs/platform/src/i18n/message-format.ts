import { IntlMessageFormat, type PrimitiveType } from 'intl-messageformat';

/** The two languages of the service (docs/rules.md "Notifications"). */
export type MessageLocale = 'it' | 'en';

/** Whose conventions numbers and dates follow: Italian, and British English (day before month, 24-hour time). */
const INTL_LOCALE: Record<MessageLocale, string> = { it: 'it-IT', en: 'en-GB' };

/**
 * Named formats every catalogue may use, e.g. `{closesAt, date, deadline}` or `{score, number, score}`. People live the
 * deadlines in Italian time; scores show two decimals (no `65.00000000000001`).
 */
export const MESSAGE_FORMATS = {
  date: {
    deadline: { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Rome' },
    day: { dateStyle: 'long', timeZone: 'Europe/Rome' },
  },
  number: {
    score: { minimumFractionDigits: 2, maximumFractionDigits: 2 },
  },
} satisfies ConstructorParameters<typeof IntlMessageFormat>[2];

export type MessageValues = Record<string, PrimitiveType>;

const compiled = new Map<string, IntlMessageFormat>();

/** A compiled ICU message (cached: catalogues are a fixed set of sources). Throws on a malformed source. */
export function compileMessage(locale: MessageLocale, source: string): IntlMessageFormat {
  const key = `${locale}\u0000${source}`;
  let message = compiled.get(key);
  if (!message) {
    // Tags are not markup here: a text is plain (emails escape it for HTML themselves).
    message = new IntlMessageFormat(source, INTL_LOCALE[locale], MESSAGE_FORMATS, { ignoreTag: true });
    compiled.set(key, message);
  }
  return message;
}

/**
 * Formats an ICU MessageFormat source (FormatJS `intl-messageformat`, the library the web client's react-intl uses)
 * in the given language. A value the message names but `values` lacks throws: no text goes out with a hole in it.
 */
export function formatMessage(locale: MessageLocale, source: string, values: MessageValues = {}): string {
  const out = compileMessage(locale, source).format(values);
  if (typeof out !== 'string') throw new Error(`Message "${source}" did not format to text`);
  return out;
}
