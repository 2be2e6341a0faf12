import type { Locale } from '../identity/user.entity.js';

import { TEMPLATES } from './notification-catalog.js';

export type TemplateParams = Record<string, string | number>;
export type Template = { title: string; body: string };
/** Texts of each kind in both languages; `{name}` placeholders are filled from the rule's params. */
export type TemplateSet = Record<string, Record<Locale, Template>>;

export function renderTemplate(kind: string, locale: Locale, params: TemplateParams): Template {
  const byLocale = TEMPLATES[kind];
  if (!byLocale) throw new Error(`No template for notification kind ${kind}`);
  const template = byLocale[locale] ?? byLocale.it;
  const fill = (text: string) =>
    text.replace(/\{(\w+)\}/g, (_, key: string) => {
      const value = params[key];
      if (value === undefined) throw new Error(`Template ${kind}/${locale} needs param ${key}`);
      return String(value);
    });
  return { title: fill(template.title), body: fill(template.body) };
}
