import { DomainError, ErrorCode } from '#platform/errors/domain-error.js';

/** Control characters, line and paragraph separators, and bidirectional embeddings, overrides and isolates. */
const NOT_ONE_LINE = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

/** Input checks that answer BAD_USER_INPUT naming the field, as docs/rules.md asks. */
export const check = {
  text(field: string, value: string, min: number, max: number): string {
    const trimmed = value.trim();
    const length = [...trimmed].length;
    if (length < min || length > max) {
      throw min === 0 ? DomainError.badInput(field, 'input.tooLong', { field, max }) : DomainError.badInput(field, 'input.length', { field, min, max });
    }
    if (/\u0000/.test(trimmed)) throw DomainError.badInput(field, 'input.nul', { field });
    return trimmed;
  },
  /**
   * A name or title (docs/rules.md "Errors"): `text`, and one line: no control characters (C0, DEL, C1), no line or
   * paragraph separators, no bidirectional overrides (they reorder what a reader sees).
   */
  line(field: string, value: string, min: number, max: number): string {
    const trimmed = check.text(field, value, min, max);
    if (NOT_ONE_LINE.test(trimmed)) throw DomainError.badInput(field, 'input.oneLine', { field });
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
      throw DomainError.badInput(field, 'input.decimal', { field, ...bounds });
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
      throw DomainError.badInput(field, 'input.int', { field, min, max });
    }
    return value;
  },
  uuid(field: string, value: string): string {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
      throw DomainError.badInput(field, 'input.uuid', { field });
    }
    return value.toLowerCase();
  },
  email(field: string, value: string): string {
    const trimmed = value.trim();
    if (trimmed.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) {
      throw DomainError.badInput(field, 'input.email', { field });
    }
    return trimmed;
  },
  date(field: string, value: Date): Date {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw DomainError.badInput(field, 'input.date', { field });
    return value;
  },
};

/** Runs one field's check inside `checkInput`: its value, or undefined when the check refused it (the refusal kept). */
export type InputField = <V>(run: () => V) => V;

/**
 * Checks every field of one input and refuses them all at once (docs/rules.md: a BAD_USER_INPUT lists every invalid
 * field in `extensions.fields`, the first also in `extensions.field`). `build` wraps each field's check in `field`,
 * which gives the checked value or, when the check refuses it, keeps the refusal and gives undefined: so inside
 * `build` a check that combines fields tests their values first. Once every field is checked, the refusals are
 * thrown together (in the order of the checks); the result is returned only when there are none. Other errors
 * (NOT_FOUND, FORBIDDEN...) pass through at once.
 */
export function checkInput<T>(build: (field: InputField) => T): T {
  const problems: DomainError[] = [];
  const field = <V>(run: () => V): V => {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== ErrorCode.BAD_USER_INPUT) throw error;
      problems.push(error);
      return undefined as V;
    }
  };
  const result = build(field);
  if (problems.length > 0) throw DomainError.invalidFields(problems);
  return result;
}

/** True when a string is a well-formed UUID; lookups of malformed ids answer NOT_FOUND without touching the database. */
export const isUuid = (value: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
