import type { Locale } from '../identity/user.entity.js';

export type TemplateParams = Record<string, string | number | Date>;
export type Template = { title: string; body: string };
/** Texts of each kind in both languages; `{name}` placeholders are filled from the rule's params. */
export type TemplateSet = Record<string, Record<Locale, Template>>;
