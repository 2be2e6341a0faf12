import { randomBytes } from 'node:crypto';
import { DomainError } from '#platform/errors/domain-error.js';

/** At most this many students per addStudents call and per team (docs/rules.md; maxTeamSize still applies). */
export const MAX_ROSTER_STUDENTS = 60;
export const MAX_ROSTER_NAME_LENGTH = 40;

/**
 * Sign-in codes: upper-case letters and digits without the look-alikes 0/O and 1/I (32 symbols, so a random byte maps
 * without bias), 12 symbols = 60 bits from the CSPRNG. Printed in groups of four (`ABCD-EFGH-JKMN`); what the
 * student types is normalised (case, spaces and dashes do not matter).
 */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 12;

export function generateSignInCode(): string {
  let code = '';
  for (const byte of randomBytes(CODE_LENGTH)) code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** What a student typed, as the code is hashed: upper case, without spaces or dashes; null when it cannot be a code. */
export function normalizeSignInCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  if (code.length !== CODE_LENGTH || ![...code].every((c) => CODE_ALPHABET.includes(c))) return null;
  return code;
}

// A first name: letters (with their accents), and inside it apostrophes or hyphens ("Anna-Maria", "D'Amico").
const FIRST_NAME = /^\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*$/u;
const INITIAL = /^(\p{L})\.?$/u;

/**
 * A roster student's display name: first name plus initial ("Giulia R."), the initial optional, at most 40
 * characters, one line. "Giulia r" becomes "Giulia R."; a surname or a second first name is refused (data
 * minimisation: the class list is on a printed sheet). BAD_USER_INPUT naming `field`.
 */
export function checkRosterName(field: string, value: unknown): string {
  if (typeof value !== 'string') throw DomainError.badInput(field, 'input.required', { field });
  if (/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(value)) throw DomainError.badInput(field, 'input.oneLine', { field });
  const words = value.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) throw DomainError.badInput(field, 'input.required', { field });
  if (words.length > 2) throw DomainError.badInput(field, 'rosters.nameShape', { field });
  const [first, initial] = words as [string, string | undefined];
  if (!FIRST_NAME.test(first)) throw DomainError.badInput(field, 'rosters.nameFirst', { field });
  let name = first;
  if (initial !== undefined) {
    const match = INITIAL.exec(initial);
    if (!match) throw DomainError.badInput(field, 'rosters.nameShape', { field });
    name = `${first} ${match[1].toUpperCase()}.`;
  }
  if ([...name].length > MAX_ROSTER_NAME_LENGTH) throw DomainError.badInput(field, 'input.tooLong', { field, max: MAX_ROSTER_NAME_LENGTH });
  return name;
}

/** Lowercase ASCII letters and digits of a text: accents dropped ("Nicolò" → "nicolo"), everything else removed. */
export function slugPart(text: string, max: number): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, max);
}

/** Words of a school's name that say what kind of school it is, not which one. */
const SCHOOL_KIND_WORDS = new Set([
  'istituto',
  'ist',
  'liceo',
  'scuola',
  'secondaria',
  'superiore',
  'statale',
  'tecnico',
  'professionale',
  'comprensivo',
  'scientifico',
  'classico',
  'linguistico',
  'artistico',
  'itis',
  'iis',
  'itc',
  'ipsia',
  'isis',
  'itet',
  'ic',
  'school',
  'high',
  'di',
  'del',
  'della',
  'dei',
  'degli',
  'e',
  'ed',
  'g',
  'the',
  'of',
]);

/** The school part of a username: the last distinctive word of its name ("Liceo Scientifico Enrico Fermi" → "fermi"). */
export function schoolPart(schoolName: string): string {
  const words = schoolName
    .split(/[\s'’.,;:()/-]+/)
    .map((w) => slugPart(w, 12))
    .filter((w) => w.length >= 2);
  const distinctive = words.filter((w) => !SCHOOL_KIND_WORDS.has(w));
  return distinctive.at(-1) ?? words.at(-1) ?? 'scuola';
}

const SUFFIX_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** `<school>-<first name>[-<initial>]-<random>`, e.g. `fermi-giulia-r-7k`; `suffixLength` grows after collisions. */
export function usernameCandidate(schoolName: string, displayName: string, suffixLength: number): string {
  const [first, initial] = displayName.split(' ') as [string, string | undefined];
  let suffix = '';
  for (const byte of randomBytes(suffixLength)) suffix += SUFFIX_ALPHABET[byte % SUFFIX_ALPHABET.length];
  return [schoolPart(schoolName), slugPart(first, 16) || 'studente', ...(initial ? [slugPart(initial, 1)] : []), suffix].filter(Boolean).join('-');
}
