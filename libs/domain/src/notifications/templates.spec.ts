import { describe, expect, it } from '@jest/globals';
import { TEMPLATES } from './notification-catalog.js';
import { renderTemplate } from './templates.js';

describe('notification templates', () => {
  it.each(Object.keys(TEMPLATES))('%s has Italian and English texts with the same placeholders', (kind) => {
    const placeholders = (locale: 'it' | 'en') => [...`${TEMPLATES[kind]![locale].title} ${TEMPLATES[kind]![locale].body}`.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(TEMPLATES[kind]!.it.title.length).toBeGreaterThan(0);
    expect(TEMPLATES[kind]!.en.title.length).toBeGreaterThan(0);
    expect(placeholders('it')).toEqual(placeholders('en'));
  });

  it('fills placeholders in the requested language', () => {
    expect(renderTemplate('ORGANIZATION_MEMBER_ADDED', 'en', { organization: 'Liceo Galilei', role: 'MEMBER' }).title).toBe('You were added to Liceo Galilei');
    expect(renderTemplate('ORGANIZATION_MEMBER_ADDED', 'it', { organization: 'Liceo Galilei', role: 'MEMBER' }).title).toBe('Sei stato aggiunto a Liceo Galilei');
  });

  it('refuses a missing parameter instead of sending a broken text', () => {
    expect(() => renderTemplate('ORGANIZATION_MEMBER_ADDED', 'it', { organization: 'X' })).toThrow(/role/);
  });

  it('writes dates in the recipient language and Italian time', () => {
    const closesAt = new Date('2026-03-15T22:30:00Z'); // 23:30 in Rome (CET)
    expect(renderTemplate('SUBMISSION_DEADLINE_SOON', 'it', { challenge: 'Acqua', closesAt }).body).toContain('15 marzo 2026');
    expect(renderTemplate('SUBMISSION_DEADLINE_SOON', 'it', { challenge: 'Acqua', closesAt }).body).toContain('23:30');
    expect(renderTemplate('SUBMISSION_DEADLINE_SOON', 'en', { challenge: 'Acqua', closesAt }).body).toContain('15 March 2026');
  });
});
