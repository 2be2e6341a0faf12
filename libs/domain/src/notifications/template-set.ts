import type { LabelGroup } from '../i18n/labels.js';
import type { Locale } from '../identity/user.entity.js';

/** What a rule hands the texts: names and titles as they are, numbers, dates, and enum values (shown by their label). */
export type TemplateParams = Record<string, string | number | Date>;

/** The texts of one kind in one language, as ICU MessageFormat sources (`{team}`, `{count, plural, ...}`, `{dueAt, date, deadline}`). */
export interface Template {
  title: string;
  body: string;
  /**
   * Why the person gets this email (the first sentence of its footer). It names no params: the email is rendered
   * from the stored notification, so it must fit every recipient of the kind.
   */
  reason: string;
}

export interface KindTexts extends Record<Locale, Template> {
  /** Params that carry an enum value, with the label group that words it (`role: 'organizationRole'`). */
  labels?: Record<string, LabelGroup>;
}

/** Texts of each kind in both languages (docs/rules.md "Notifications"). */
export type TemplateSet = Record<string, KindTexts>;
