import type { Locale } from '../identity/user.entity.js';
import { TEMPLATES } from './notification-catalog.js';
import type { Template, TemplateParams } from './template-set.js';

/** Dates read as the recipients live them: Italian or English words, Italian time. */
const DATE_FORMATS: Record<Locale, Intl.DateTimeFormat> = {
  it: new Intl.DateTimeFormat('it-IT', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Rome' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Rome' }),
};

export function renderTemplate(kind: string, locale: Locale, params: TemplateParams): Template {
  const byLocale = TEMPLATES[kind];
  if (!byLocale) throw new Error(`No template for notification kind ${kind}`);
  const template = byLocale[locale] ?? byLocale.it;
  const fill = (text: string) =>
    text.replace(/\{(\w+)\}/g, (_, key: string) => {
      const value = params[key];
      if (value === undefined) throw new Error(`Template ${kind}/${locale} needs param ${key}`);
      return value instanceof Date ? DATE_FORMATS[locale].format(value) : String(value);
    });
  return { title: fill(template.title), body: fill(template.body) };
}
