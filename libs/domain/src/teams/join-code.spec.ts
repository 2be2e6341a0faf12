import { describe, expect, it } from '@jest/globals';
import { generateJoinCode, JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, normalizeJoinCode } from './join-code.js';

describe('join codes', () => {
  it('uses 32 unambiguous symbols', () => {
    expect(new Set(JOIN_CODE_ALPHABET).size).toBe(32);
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[01IO]/);
  });

  it('are 10 symbols of the alphabet and do not repeat', () => {
    const codes = Array.from({ length: 2000 }, () => generateJoinCode());
    for (const code of codes) expect(code).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('spreads symbols evenly', () => {
    const counts = new Map<string, number>();
    for (const c of Array.from({ length: 3200 }, () => generateJoinCode()).join('')) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(32);
    for (const n of counts.values()) expect(n).toBeGreaterThan(500); // expected 1000 each
  });

  it('normalizes what users type', () => {
    expect(normalizeJoinCode('  abcd2345xy ')).toBe('ABCD2345XY');
  });
});
