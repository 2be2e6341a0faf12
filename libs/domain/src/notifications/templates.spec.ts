import { describe, expect, it } from '@jest/globals';
import { formatMessage } from '#platform/i18n/message-format.js';
import { LABELS, type LabelGroup } from '../i18n/labels.js';
import { argumentsOf, sampleValues, textProblems } from '../i18n/text-rules.js';
import { LOCALES, type Locale } from '../identity/user.entity.js';
import { EMAIL_TEXTS } from './email-texts.js';
import { TEMPLATES } from './notification-catalog.js';
import { renderReason, renderTemplate } from './templates.js';

const KINDS = Object.keys(TEMPLATES);

describe('notification catalogue', () => {
  it.each(KINDS)('%s: both languages have every key, and take the same arguments', (kind) => {
    const texts = TEMPLATES[kind]!;
    for (const locale of LOCALES) {
      expect(Object.keys(texts[locale]).sort()).toEqual(['body', 'reason', 'title']);
      for (const key of ['title', 'body', 'reason'] as const) expect(texts[locale][key].trim().length).toBeGreaterThan(0);
    }
    const args = (locale: Locale) => [...argumentsOf(texts[locale].body, argumentsOf(texts[locale].title)).entries()].sort(([a], [b]) => a.localeCompare(b));
    expect(args('en')).toEqual(args('it'));
    // The reason ends every email of the kind, rendered from the stored notification: it takes no argument.
    for (const locale of LOCALES) expect([...argumentsOf(texts[locale].reason).keys()]).toEqual([]);
    for (const param of Object.keys(texts.labels ?? {})) expect(args('it').map(([name]) => name)).toContain(param);
  });

  it.each(KINDS)('%s: renders in Italian and English with every sample, showing no enum token and no gendered word about a person', (kind) => {
    const texts = TEMPLATES[kind]!;
    for (const values of sampleValues([texts.it.title, texts.it.body], texts.labels)) {
      for (const locale of LOCALES) {
        const { title, body } = renderTemplate(kind, locale, values);
        const reason = renderReason(kind, locale);
        for (const text of [title, body, reason]) expect({ text, problems: textProblems(text, locale) }).toEqual({ text, problems: [] });
      }
    }
  });

  it('words enum values through their labels, in the recipient language', () => {
    expect(renderTemplate('ORGANIZATION_MEMBER_ADDED', 'it', { organization: 'Liceo Galilei', role: 'MEMBER' })).toEqual({
      title: 'Invito a far parte di Liceo Galilei',
      body: "Hai ricevuto un invito in Liceo Galilei con il ruolo di membro. Puoi accettarlo o rifiutarlo dalla pagina dell'organizzazione.",
    });
    expect(renderTemplate('ORGANIZATION_MEMBER_ADDED', 'en', { organization: 'Liceo Galilei', role: 'OWNER' }).body).toBe(
      "You have an invitation to Liceo Galilei as owner. You can accept or decline it on the organization's page.",
    );
    expect(() => renderTemplate('ORGANIZATION_MEMBER_ADDED', 'it', { organization: 'Liceo Galilei', role: 'CHAIR' })).toThrow(/organizationRole CHAIR/);
  });

  it('says who joined in words that agree with anyone', () => {
    const params = { member: 'Giulia Rossi', team: 'Eco Squad', challenge: 'Acqua' };
    expect(renderTemplate('TEAM_MEMBER_JOINED', 'it', params)).toEqual({
      title: 'Nuovo membro nella squadra Eco Squad: Giulia Rossi',
      body: 'Giulia Rossi fa ora parte della squadra Eco Squad della sfida «Acqua».',
    });
  });

  it('counts with plural forms', () => {
    expect(renderTemplate('REVIEW_ASSIGNED', 'it', { challenge: 'Acqua', count: 1 }).body).toMatch(/^Hai una nuova idea da valutare nella sfida «Acqua»/);
    expect(renderTemplate('REVIEW_ASSIGNED', 'it', { challenge: 'Acqua', count: 3 }).body).toMatch(/^Hai 3 nuove idee da valutare/);
    expect(renderTemplate('REVIEW_ASSIGNED', 'en', { challenge: 'Acqua', count: 1 }).body).toMatch(/^You have one new idea to review/);
  });

  it('tells the team and the company about an accepted adoption each in their own words', () => {
    const params = { company: 'Acme', idea: 'Borracce', team: 'Eco Squad' };
    expect(renderTemplate('ADOPTION_ACCEPTED', 'it', { ...params, audience: 'team' }).body).toMatch(/^La vostra squadra Eco Squad ha accettato la proposta di Acme/);
    expect(renderTemplate('ADOPTION_ACCEPTED', 'it', { ...params, audience: 'company' }).body).toMatch(/Ora potete assegnare i tutor\.$/);
    expect(renderTemplate('ADOPTION_ACCEPTED', 'en', { ...params, audience: 'team' }).body).toMatch(/^Your team Eco Squad accepted/);
  });

  it('refuses a missing parameter instead of sending a broken text', () => {
    expect(() => renderTemplate('ORGANIZATION_MEMBER_ADDED', 'it', { organization: 'X' })).toThrow(/role/);
    expect(() => renderTemplate('NO_SUCH_KIND', 'it', {})).toThrow(/NO_SUCH_KIND/);
  });

  it('writes dates in the recipient language and Italian time', () => {
    const closesAt = new Date('2026-03-15T22:30:00Z'); // 23:30 in Rome (CET)
    expect(renderTemplate('SUBMISSION_DEADLINE_SOON', 'it', { challenge: 'Acqua', closesAt }).body).toContain('15 marzo 2026 alle ore 23:30');
    expect(renderTemplate('SUBMISSION_DEADLINE_SOON', 'en', { challenge: 'Acqua', closesAt }).body).toContain('15 March 2026 at 23:30');
  });

  it('shows scores with two decimals in the locale', () => {
    expect(formatMessage('it', '{score, number, score}', { score: 65.00000000000001 })).toBe('65,00');
    expect(formatMessage('en', '{score, number, score}', { score: 7.125 })).toBe('7.13');
  });
});

describe('enum labels', () => {
  it.each(Object.keys(LABELS) as LabelGroup[])('%s: every value has words in both languages, none an enum token or gendered', (group) => {
    const values = Object.keys(LABELS[group].it).sort();
    expect(Object.keys(LABELS[group].en).sort()).toEqual(values);
    for (const locale of LOCALES) {
      for (const value of values) {
        const words = (LABELS[group][locale] as Record<string, string>)[value]!;
        expect({ words, problems: textProblems(words, locale) }).toEqual({ words, problems: [] });
      }
    }
  });
});

describe('email texts', () => {
  it('have the same keys and arguments in both languages and render cleanly', () => {
    expect(Object.keys(EMAIL_TEXTS.en).sort()).toEqual(Object.keys(EMAIL_TEXTS.it).sort());
    for (const key of Object.keys(EMAIL_TEXTS.it) as (keyof typeof EMAIL_TEXTS.it)[]) {
      const args = (locale: Locale) => [...argumentsOf(EMAIL_TEXTS[locale][key]).keys()].sort();
      expect(args('en')).toEqual(args('it'));
      for (const locale of LOCALES) {
        const text = formatMessage(locale, EMAIL_TEXTS[locale][key], Object.fromEntries(args(locale).map((name) => [name, 'Giulia Rossi'])));
        expect({ text, problems: textProblems(text, locale) }).toEqual({ text, problems: [] });
      }
    }
  });
});
