import { describe, expect, it } from '@jest/globals';
import { preferredLocale } from './accept-language.js';

describe('preferredLocale', () => {
  it.each([
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['IT-it', 'it'],
    ['fr-FR, it;q=0.9, en;q=0.8', 'it'],
    ['en;q=0.5, it;q=0.6', 'it'],
    ['en;q=0.7, it;q=0.7', 'en'],
    ['it;q=0, en;q=0.1', 'en'],
  ])('%s → %s', (header, locale) => expect(preferredLocale(header)).toBe(locale));

  it.each([[undefined], [''], ['de-DE, fr'], ['*'], ['en;q=abc'], ['x'.repeat(2000)]])('names neither language: %s', (header) => expect(preferredLocale(header)).toBeNull());

  it('reads a header repeated by the client', () => expect(preferredLocale(['de', 'en-US'])).toBe('en'));
});
