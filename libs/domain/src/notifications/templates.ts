import { formatMessage, type MessageValues } from '#platform/i18n/message-format.js';
import { label } from '../i18n/labels.js';
import type { Locale } from '../identity/user.entity.js';
import { TEMPLATES } from './notification-catalog.js';
import type { KindTexts, TemplateParams } from './template-set.js';

function textsOf(kind: string): KindTexts {
  const texts = TEMPLATES[kind];
  if (!texts) throw new Error(`No template for notification kind ${kind}`);
  return texts;
}

/** The title and body of a notification in the recipient's language; a param the texts need but lack throws. */
export function renderTemplate(kind: string, locale: Locale, params: TemplateParams): { title: string; body: string } {
  const texts = textsOf(kind);
  const lang: Locale = locale === 'en' ? 'en' : 'it';
  const values: MessageValues = { ...params };
  for (const [param, group] of Object.entries(texts.labels ?? {})) {
    if (params[param] !== undefined) values[param] = label(group, String(params[param]), lang);
  }
  const fill = (source: string) => {
    try {
      return formatMessage(lang, source, values);
    } catch (error) {
      throw new Error(`Template ${kind}/${lang}: ${(error as Error).message}`, { cause: error });
    }
  };
  return { title: fill(texts[lang].title), body: fill(texts[lang].body) };
}

/** Why the recipient gets a notification of this kind, in their language (the email footer's first sentence). */
export function renderReason(kind: string, locale: Locale): string {
  const lang: Locale = locale === 'en' ? 'en' : 'it';
  return formatMessage(lang, textsOf(kind)[lang].reason);
}
