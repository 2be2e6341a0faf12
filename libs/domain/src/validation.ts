import { DomainError } from '#platform/errors/domain-error.js';

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
