import { randomBytes } from 'node:crypto';

/** Upper-case letters and digits without the look-alikes 0/O and 1/I: 32 symbols, so a random byte maps without bias. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 10;

/** A random join code: 10 symbols of 32, i.e. 50 bits from the CSPRNG. */
export function generateJoinCode(length = JOIN_CODE_LENGTH): string {
  let code = '';
  for (const byte of randomBytes(length)) code += JOIN_CODE_ALPHABET[byte % JOIN_CODE_ALPHABET.length];
  return code;
}

/** What users type: case and surrounding spaces do not matter. */
export function normalizeJoinCode(input: string): string {
  return input.trim().toUpperCase();
}
