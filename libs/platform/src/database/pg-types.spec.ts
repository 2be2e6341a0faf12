import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { parseTimestamptz } from './pg-types.js';

describe('parseTimestamptz', () => {
  const pgDefault = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ);

  it.each([
    '2026-11-23 13:12:29.03+00',
    '2026-11-23 13:12:29+00',
    '2026-11-23 13:12:29.123456+05:30',
    '2026-11-23 13:12:29.5-03',
    '2026-02-28 23:59:59.999-09:30',
    '0044-03-15 10:00:00+00',
    'infinity',
    '-infinity',
    '0044-03-15 10:00:00+00 BC',
    '1900-01-01 00:00:00+00:09:21',
  ])('reads %s as pg does', (text) => {
    const expected = pgDefault(text) as Date | number;
    const actual = parseTimestamptz(text) as Date | number;
    expect(actual instanceof Date ? actual.getTime() : actual).toBe(expected instanceof Date ? expected.getTime() : expected);
  });
});
