import { compileMessage } from '#platform/i18n/message-format.js';
import type { Locale } from '../identity/user.entity.js';
import { LABELS, type LabelGroup } from './labels.js';

/**
 * The rules every text of the service obeys (docs/rules.md "Notifications"), for the tests of its catalogues (API errors,
 * notifications, emails, the web client's): what a rendered text must not show, and how to render every message of a
 * catalogue with values that exercise each of its branches.
 */

/** An enum value as it is spelled in code: MEMBER, RESULTS_PUBLISHED. No text may show one. */
export const ENUM_TOKEN = /\b[A-Z]{2,}(_[A-Z]+)*\b/g;
/** Abbreviations that are words of the texts, not enum values. */
const ABBREVIATIONS = new Set(['JSON', 'ISO', 'URL', 'CSV', 'HTTP', 'HTTPS', 'API', 'PDF', 'PIN', 'GET', 'POST']);

/**
 * Italian words that agree with a person's gender, which the service does not know ("è entrato", "sei stato
 * aggiunto", "benvenuta", "sei sicuro?", "il giurato"): say "fa ora parte della squadra", "ti abbiamo aggiunto",
 * "ti diamo il benvenuto", "vuoi davvero...?", "membro della giuria" instead. Words said as well of things ("la
 * proposta è stata accettata", "il link è stato usato") are flagged only where they speak of people.
 */
export const GENDERED_ABOUT_A_PERSON = new RegExp(
  [
    // Always agreeing with a person (verbs with "essere", greetings, the juror): "entrata", "benvenuto", "giurati".
    '(?:entrat|uscit|unit|astenut|giurat)[oa]',
    // "stato"/"stata" with a participle said of people ("è stato aggiunto"); "il link è stato usato" is about a thing.
    'stat[oaie]\\s+(?:aggiunt|invitat|iscritt|rimoss|nominat|registrat|escluss|promoss)[oaie]',
    '(?:sei|siete)\\s+stat[oaie]',
    '(?<!il\\s)benvenut[oa]', // "ti diamo il benvenuto" (the noun) fits anyone
    'giurat[ie]',
    // Participles and adjectives said of the reader ("sei stato aggiunto", "sei sicura?"); "ti abbiamo aggiunto" fits anyone.
    '(?:sei|siete)\\s+(?:aggiunt|iscritt|invitat|registrat|rimoss|nominat|collegat|sicur|pront|convint|obbligat|tenut|pregat)[oaie]',
    '(?:è|sono)\\s+(?:iscritt|invitat|registrat|nominat)[oaie]',
  ]
    .map((pattern) => `(?<!\\p{L})${pattern}(?!\\p{L})`)
    .join('|'),
  'iu',
);
/** English pronouns that assume a gender; "they", "their" fit anyone. */
const GENDERED_ENGLISH = /\b(?:he|she|him|his|hers|himself|herself)\b/i;

/** What is wrong with one rendered text (nothing: an empty list). */
export function textProblems(text: string, locale: Locale): string[] {
  const problems: string[] = [];
  const tokens = [...text.matchAll(ENUM_TOKEN)].map((m) => m[0]).filter((token) => !ABBREVIATIONS.has(token));
  if (tokens.length > 0) problems.push(`shows an enum value (${tokens.join(', ')})`);
  if (/[{}]/.test(text)) problems.push('shows a brace of ICU syntax');
  if (/\s{2,}|^\s|\s$/.test(text)) problems.push('has stray white space');
  if (text.trim().length === 0) problems.push('is empty');
  const gendered = locale === 'it' ? GENDERED_ABOUT_A_PERSON.exec(text) : GENDERED_ENGLISH.exec(text);
  if (gendered) problems.push(`assumes a gender ("${gendered[0]}")`);
  return problems;
}

/** The parts of the ICU AST the walk needs (FormatJS' MessageFormatElement, loosely). */
interface Element {
  type: number;
  value?: string;
  options?: Record<string, { value: Element[] }>;
  children?: Element[];
}
const ARGUMENT = 1;
const NUMBER = 2;
const DATE = 3;
const TIME = 4;
const SELECT = 5;
const PLURAL = 6;
const TAG = 8;

export type ArgumentKind = { kind: 'text' } | { kind: 'number' } | { kind: 'date' } | { kind: 'select'; options: string[] };

/** Every argument a message names, with what kind of value it takes (select options included). */
export function argumentsOf(source: string, into = new Map<string, ArgumentKind>()): Map<string, ArgumentKind> {
  const walk = (elements: Element[]) => {
    for (const element of elements) {
      if (element.type === ARGUMENT) into.set(element.value!, into.get(element.value!) ?? { kind: 'text' });
      if (element.type === NUMBER || element.type === PLURAL) into.set(element.value!, { kind: 'number' });
      if (element.type === DATE || element.type === TIME) into.set(element.value!, { kind: 'date' });
      if (element.type === SELECT) into.set(element.value!, { kind: 'select', options: Object.keys(element.options!) });
      for (const option of Object.values(element.options ?? {})) walk(option.value);
      if (element.type === TAG) walk(element.children ?? []);
    }
  };
  walk(compileMessage('it', source).getAst());
  return into;
}

/** The arguments of a message, sorted by name: what both languages of one key must share. */
export const argumentList = (...sources: string[]): [string, ArgumentKind][] =>
  [...sources.reduce((into, source) => argumentsOf(source, into), new Map<string, ArgumentKind>()).entries()].sort(([a], [b]) => a.localeCompare(b));

export type SampleValue = string | number | Date;

/**
 * Sample values for an argument: every value of its label group, every option of a select, counts that exercise
 * every plural form (and a score that would print badly unrounded), a date, and for a name or title a text with quotes.
 */
export function samplesFor(name: string, argument: ArgumentKind, labels: Partial<Record<string, LabelGroup>> = {}): SampleValue[] {
  const group = labels[name];
  if (group) return Object.keys(LABELS[group].it);
  if (argument.kind === 'number') return [0, 1, 2, 7, 65.00000000000001];
  if (argument.kind === 'date') return [new Date('2026-03-15T22:30:00Z')];
  if (argument.kind === 'select') return argument.options;
  return [`Giulia Rossi «${name}»`];
}

/** Every combination of the samples (the catalogues' messages have few arguments, so this stays small). */
export function combinations(samples: [string, SampleValue[]][]): Record<string, SampleValue>[] {
  return samples.reduce<Record<string, SampleValue>[]>((acc, [name, values]) => acc.flatMap((partial) => values.map((value) => ({ ...partial, [name]: value }))), [{}]);
}

/** Every set of sample values a message (or several that share values) takes. */
export function sampleValues(sources: string[], labels: Partial<Record<string, LabelGroup>> = {}): Record<string, SampleValue>[] {
  return combinations(argumentList(...sources).map(([name, argument]): [string, SampleValue[]] => [name, samplesFor(name, argument, labels)]));
}
