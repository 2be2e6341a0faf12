import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { DomainError, ErrorCode, type ErrorKey } from '#platform/errors/domain-error.js';
import { formatMessage } from '#platform/i18n/message-format.js';
import { ChallengeStatus } from '../challenges/challenge.entity.js';
import { LOCALES, type Locale } from '../identity/user.entity.js';
import { TEMPLATES } from '../notifications/notification-catalog.js';
import { renderReason, renderTemplate } from '../notifications/templates.js';
import { ERROR_MESSAGES, renderError, renderErrorMessage } from './errors.js';
import type { LabelGroup } from './labels.js';
import { argumentList, sampleValues, textProblems, type SampleValue } from './text-rules.js';

/**
 * Every catalogue of the service, rendered in Italian and English with values that exercise each branch (docs/rules.md
 * "Notifications"): the API's error messages, the notification templates and the web client's catalogues. A text
 * fails on a raw enum value, a key missing in one language, arguments that differ between the languages, an ICU
 * brace left over, or Italian that assumes a person's gender.
 */

/** Renders each sample of one message in both languages and lists what is wrong with any result. */
function problemsOf(name: string, render: (locale: Locale, values: Record<string, SampleValue>) => string, samples: Record<string, SampleValue>[]): string[] {
  const problems: string[] = [];
  for (const values of samples) {
    for (const locale of LOCALES) {
      let text: string;
      try {
        text = render(locale, values);
      } catch (error) {
        problems.push(`${name} (${locale}) does not render with ${JSON.stringify(values)}: ${(error as Error).message}`);
        continue;
      }
      for (const problem of textProblems(text, locale)) problems.push(`${name} (${locale}) ${problem}: ${text}`);
    }
  }
  return problems;
}

describe('the API error catalogue', () => {
  const keys = Object.keys(ERROR_MESSAGES) as ErrorKey[];

  it('has every message in both languages, with the same arguments, and labels only for arguments it names', () => {
    const problems: string[] = [];
    for (const key of keys) {
      const entry = ERROR_MESSAGES[key];
      for (const locale of LOCALES) if (typeof entry[locale] !== 'string' || entry[locale].trim() === '') problems.push(`${key}: no ${locale} text`);
      const names = (locale: Locale) => JSON.stringify(argumentList(entry[locale]));
      if (names('it') !== names('en')) problems.push(`${key}: Italian takes ${names('it')}, English ${names('en')}`);
      for (const param of Object.keys(entry.labels ?? {}))
        if (!argumentList(entry.it).some(([name]) => name === param)) problems.push(`${key}: label for ${param}, which it does not name`);
    }
    expect(problems).toEqual([]);
  });

  it('renders every message in both languages cleanly, enum values by their labels', () => {
    const problems = keys.flatMap((key) => {
      const entry = ERROR_MESSAGES[key];
      const labels = (entry.labels ?? {}) as Partial<Record<string, LabelGroup>>;
      return problemsOf(key, (locale, values) => renderErrorMessage(key, values, locale), sampleValues([entry.it], labels));
    });
    expect(problems).toEqual([]);
  });

  it('words a stage of a challenge in the reader’s language, never as the enum value', () => {
    expect(renderErrorMessage('teams.notFormable', { status: ChallengeStatus.JUDGING }, 'it')).toBe(
      'Le squadre si formano solo mentre le proposte sono aperte (fase attuale della sfida: in valutazione).',
    );
    expect(renderErrorMessage('teams.notFormable', { status: ChallengeStatus.RESULTS_PUBLISHED }, 'en')).toBe(
      'Teams are formed only while the challenge is open for ideas (current stage: results published).',
    );
  });

  it('words what is refused before an operation runs (our limits, graphql-js, Apollo) in both languages', () => {
    const refusals = keys.filter((key) => key.startsWith('graphql.') || /^request\.(?:too|operationToo|nul|document)/.test(key));
    // The limits, the syntax, validation and variable errors, operation resolution, request and persisted-query refusals.
    expect(refusals.length).toBeGreaterThanOrEqual(45);
    expect(renderErrorMessage('request.tooManyFragments', { maxFragments: 100, maxSpreads: 500 }, 'it')).toBe(
      'Un documento può contenere al massimo 100 frammenti e 500 espansioni di frammenti.',
    );
    expect(renderErrorMessage('request.operationTooDeep', { operation: 'Deep', max: 10 }, 'en')).toBe('The operation «Deep» is nested deeper than the limit of 10 levels.');
    expect(renderErrorMessage('graphql.unknownField', { field: 'nope', type: 'Query' }, 'it')).toBe('Il tipo «Query» non ha il campo «nope».');
    for (const key of refusals) expect(ERROR_MESSAGES[key].it).not.toBe(ERROR_MESSAGES[key].en);
  });

  it('falls back to the words of the code, not a broken text, when a value is missing', () => {
    const missing = new DomainError(ErrorCode.FAILED_PRECONDITION, 'teams.full', {});
    expect(() => renderErrorMessage(missing.key, missing.params, 'it')).toThrow();
    expect(renderError(missing, 'it').message).toBe(renderErrorMessage('generic.failedPrecondition', {}, 'it'));
  });
});

describe('the notification catalogue', () => {
  it('renders every kind in both languages cleanly', () => {
    const problems = Object.entries(TEMPLATES).flatMap(([kind, texts]) =>
      (['title', 'body', 'reason'] as const).flatMap((part) =>
        problemsOf(
          `${kind}.${part}`,
          (locale, values) => (part === 'reason' ? renderReason(kind, locale) : renderTemplate(kind, locale, values)[part]),
          sampleValues([texts.it.title, texts.it.body], texts.labels),
        ),
      ),
    );
    expect(problems).toEqual([]);
  });
});

describe("the web client's catalogues", () => {
  const dir = new URL('../../../../apps/web/src/i18n/', import.meta.url);
  /** `it.json` with `en.json`, `organizer.it.json` with `organizer.en.json`... */
  const pairs = readdirSync(dir)
    .filter((file) => /(^|\.)it\.json$/.test(file))
    .map((file) => [file, file.replace(/it\.json$/, 'en.json')] as const);
  const read = (file: string) => JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Record<string, string>;

  it('are found', () => {
    expect(pairs.map(([it]) => it)).toEqual(expect.arrayContaining(['it.json', 'organizer.it.json']));
  });

  it.each(pairs)('%s and %s have the same keys, with the same arguments', (itFile, enFile) => {
    const it = read(itFile);
    const en = read(enFile);
    expect({ onlyInItalian: Object.keys(it).filter((k) => !(k in en)), onlyInEnglish: Object.keys(en).filter((k) => !(k in it)) }).toEqual({
      onlyInItalian: [],
      onlyInEnglish: [],
    });
    const differing = Object.keys(it)
      .filter((k) => k in en && JSON.stringify(argumentList(it[k]!)) !== JSON.stringify(argumentList(en[k]!)))
      .map((k) => `${k}: ${JSON.stringify(argumentList(it[k]!))} / ${JSON.stringify(argumentList(en[k]!))}`);
    expect(differing).toEqual([]);
  });

  it.each(pairs)('%s and %s render every message cleanly in their language', (itFile, enFile) => {
    const texts: Record<Locale, Record<string, string>> = { it: read(itFile), en: read(enFile) };
    const problems = Object.keys(texts.it)
      .filter((key) => key in texts.en)
      .flatMap((key) => problemsOf(key, (locale, values) => formatMessage(locale, texts[locale][key]!, values), sampleValues([texts.it[key]!])));
    expect(problems).toEqual([]);
  });
});

describe('the text rules', () => {
  it('catch what they are for and let neutral phrasings through', () => {
    expect(textProblems('Giulia è entrata nella squadra', 'it')).toEqual(['assumes a gender ("entrata")']);
    expect(textProblems('Sei stato aggiunto alla giuria', 'it')).toHaveLength(1);
    expect(textProblems('Marco è stato invitato nella squadra', 'it')).toHaveLength(1);
    expect(textProblems('Siete stati bravissimi', 'it')).toHaveLength(1);
    expect(textProblems('Benvenuto su Climathon!', 'it')).toHaveLength(1);
    expect(textProblems('Sei sicura di voler uscire?', 'it')).toHaveLength(1);
    expect(textProblems('Email del giurato', 'it')).toHaveLength(1);
    expect(textProblems('The coach added him', 'en')).toHaveLength(1);
    expect(textProblems('La sfida è RESULTS_PUBLISHED', 'it')).toEqual(['shows an enum value (RESULTS_PUBLISHED)']);
    expect(textProblems('Ruolo: MEMBER', 'it')).toHaveLength(1);
    expect(textProblems('Ciao {name}', 'it')).toHaveLength(1);
    for (const neutral of [
      'Giulia Rossi fa ora parte della squadra',
      'Ti abbiamo aggiunto alla giuria',
      'Ti diamo il benvenuto',
      'Il corpo non è un JSON valido.',
      'Vuoi davvero uscire?',
      'Il link è già stato usato.',
      'La proposta è stata accettata.',
    ]) {
      expect(textProblems(neutral, 'it')).toEqual([]);
    }
  });
});
