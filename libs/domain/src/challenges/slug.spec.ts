import { describe, expect, it } from '@jest/globals';
import { MAX_SLUG_BASE, slugify, uniqueSlug } from './slug.js';

describe('slugify', () => {
  it.each([
    ['Climathon Bologna 2026', 'climathon-bologna-2026'],
    ['Città più verde: è possibile?', 'citta-piu-verde-e-possibile'],
    ['  --Énergie  Renouvelable--  ', 'energie-renouvelable'],
    ['Straße & Œuvre ø Łódź', 'strasse-oeuvre-o-lodz'],
    ['UPPER_case__and   spaces', 'upper-case-and-spaces'],
    ['!!!', 'challenge'],
    ['日本語', 'challenge'],
  ])('%j -> %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('cuts long titles without a trailing hyphen', () => {
    const slug = slugify(`${'a'.repeat(MAX_SLUG_BASE - 1)} bcd`);
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_BASE);
    expect(slug.endsWith('-')).toBe(false);
    expect(slug).toBe('a'.repeat(MAX_SLUG_BASE - 1));
  });
});

describe('uniqueSlug', () => {
  it('keeps the base when free', () => {
    expect(uniqueSlug('climathon', ['climathon-2', 'other'])).toBe('climathon');
  });
  it('adds the smallest free numeric suffix', () => {
    expect(uniqueSlug('climathon', ['climathon'])).toBe('climathon-2');
    expect(uniqueSlug('climathon', ['climathon', 'climathon-2', 'climathon-4'])).toBe('climathon-3');
  });
});
