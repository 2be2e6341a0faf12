import { DomainError } from '#platform/errors/domain-error.js';

/** Control characters, line and paragraph separators, and bidirectional embeddings, overrides and isolates. */
const NOT_ONE_LINE = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

/** Input checks that answer BAD_USER_INPUT naming the field, as PRODUCT.md asks. */
export const check = {
  text(field: string, value: string, min: number, max: number): string {
    const trimmed = value.trim();
    const length = [...trimmed].length;
    if (length < min || length > max) {
      throw DomainError.badInput(field, min === 0 ? `${field} must be at most ${max} characters` : `${field} must be between ${min} and ${max} characters`);
    }
    if (/\u0000/.test(trimmed)) throw DomainError.badInput(field, `${field} contains a NUL character`);
    return trimmed;
  },
  /**
   * A name or title (PRODUCT.md "Errors"): `text`, and one line: no control characters (C0, DEL, C1), no line or
   * paragraph separators, no bidirectional overrides (they reorder what a reader sees).
   */
  line(field: string, value: string, min: number, max: number): string {
    const trimmed = check.text(field, value, min, max);
    if (NOT_ONE_LINE.test(trimmed)) throw DomainError.badInput(field, `${field} must be one line without control characters`);
    return trimmed;
  },
  optionalLine(field: string, value: string | null | undefined, max: number): string | null {
    if (value === null || value === undefined) return null;
    const trimmed = check.line(field, value, 0, max);
    return trimmed === '' ? null : trimmed;
  },
  /**
   * A number that a formula multiplies: finite, `above < value <= max`, with at most `decimals` decimal places, so no
   * stored value makes a score overflow, underflow or turn NaN.
   */
  decimal(field: string, value: number, bounds: { above: number; max: number; decimals: number }): number {
    const scale = 10 ** bounds.decimals;
    const scaled = value * scale;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= bounds.above || value > bounds.max || Math.abs(scaled - Math.round(scaled)) > 1e-9 * scale) {
      throw DomainError.badInput(field, `${field} must be greater than ${bounds.above} and at most ${bounds.max}, with at most ${bounds.decimals} decimals`);
    }
    return Math.round(scaled) / scale;
  },
  optionalText(field: string, value: string | null | undefined, max: number): string | null {
    if (value === null || value === undefined) return null;
    const trimmed = check.text(field, value, 0, max);
    return trimmed === '' ? null : trimmed;
  },
  int(field: string, value: number, min: number, max: number): number {
    if (!Number.isInteger(value) || value < min || value > max) {
      throw DomainError.badInput(field, `${field} must be an integer between ${min} and ${max}`);
    }
    return value;
  },
  uuid(field: string, value: string): string {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
      throw DomainError.badInput(field, `${field} is not a valid id`);
    }
    return value.toLowerCase();
  },
  email(field: string, value: string): string {
    const trimmed = value.trim();
    if (trimmed.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) {
      throw DomainError.badInput(field, `${field} is not a valid email address`);
    }
    return trimmed;
  },
  date(field: string, value: Date): Date {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw DomainError.badInput(field, `${field} is not a valid date`);
    return value;
  },
};

/** True when a string is a well-formed UUID; lookups of malformed ids answer NOT_FOUND without touching the database. */
export const isUuid = (value: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
