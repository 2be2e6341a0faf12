import pg from 'pg';

/** What PostgreSQL prints for a timestamptz under DateStyle ISO: '2026-11-23 13:12:29.03+00', '... +05:30'. */
const ISO_TIMESTAMPTZ = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?[+-]\d\d(?::\d\d)?$/;
const defaultTimestamptz = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (text: string) => Date | number;

/**
 * timestamptz through V8's native ISO parser: twice as fast as pg's default (a gallery page parses hundreds), with
 * the same result; anything else (infinity, BC, second offsets) goes to the default parser.
 */
export function parseTimestamptz(text: string): Date {
  if (!ISO_TIMESTAMPTZ.test(text)) return defaultTimestamptz(text) as Date; // infinity comes back as a number, as before
  const iso = text.replace(' ', 'T');
  return new Date(iso.charCodeAt(iso.length - 3) === 58 /* ':' */ ? iso : `${iso}:00`);
}

let installed = false;

/** Installs the parsers above for every pg client of the process (TypeORM's included). */
export function installPgTypeParsers(): void {
  if (installed) return;
  installed = true;
  pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, parseTimestamptz);
}
