import { describe, expect, it } from '@jest/globals';
import { CODE_ALPHABET, checkRosterName, generateSignInCode, normalizeSignInCode, schoolPart, usernameCandidate } from './roster-credentials.js';

describe('roster credentials', () => {
  it('codes: 12 symbols of the unambiguous alphabet in groups of four, typed loosely', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => generateSignInCode()));
    expect(codes.size).toBe(2000);
    for (const code of codes) {
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      expect(code).not.toMatch(/[01OI]/);
      expect(normalizeSignInCode(` ${code.toLowerCase().replace(/-/g, ' ')} `)).toBe(code.replace(/-/g, ''));
    }
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(normalizeSignInCode('ABCD-EFGH-JKM0')).toBeNull();
    expect(normalizeSignInCode('ABCD')).toBeNull();
    expect(normalizeSignInCode(42)).toBeNull();
  });

  it('names: first name plus an optional initial, at most 40 characters, one line', () => {
    expect(checkRosterName('f', 'Giulia R.')).toBe('Giulia R.');
    expect(checkRosterName('f', '  giulia   r ')).toBe('giulia R.');
    expect(checkRosterName('f', "D'Artagnan")).toBe("D'Artagnan");
    expect(checkRosterName('f', 'Anna-Maria B')).toBe('Anna-Maria B.');
    for (const bad of ['Giulia Maria R.', 'Giulia Rossi', 'R2D2 X.', '', '  ', 'Luca\nT.', `${'A'.repeat(38)} B.`, '- A.']) {
      expect(() => checkRosterName('students[0].displayName', bad)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'students[0].displayName' }));
    }
  });

  it('usernames: lowercase, from the school and the name', () => {
    expect(schoolPart('Liceo Scientifico Enrico Fermi')).toBe('fermi');
    expect(schoolPart('ITIS')).toBe('itis');
    expect(schoolPart("Istituto d'Istruzione Superiore Belluzzi-Fioravanti")).toBe('fioravanti');
    expect(usernameCandidate('Liceo Enrico Fermi', 'Nicolò D.', 2)).toMatch(/^fermi-nicolo-d-[a-z2-9]{2}$/);
    expect(usernameCandidate('Liceo Enrico Fermi', 'Marco', 3)).toMatch(/^fermi-marco-[a-z2-9]{3}$/);
  });
});
