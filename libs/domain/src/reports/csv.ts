import { stringify, type Stringifier } from 'csv-stringify';

/**
 * The CSV dialect of every export (docs/rules.md "Results export"): UTF-8 with a byte order mark (so spreadsheets
 * read accents right), RFC 4180 (CRLF line ends, a field with the separator, a quote or a line break quoted, quotes
 * doubled), formula-injection safe (a text cell starting with = + - @, a tab or a carriage return, or their full-width
 * forms, is prefixed with ' so that no spreadsheet runs it; numbers are never touched). `semicolon` is the variant for
 * Italian spreadsheets: `;` between fields and a decimal comma (12,5), as Excel expects in an Italian locale.
 */
export type CsvSeparator = 'comma' | 'semicolon';

export const CSV_SEPARATORS: readonly CsvSeparator[] = ['comma', 'semicolon'];

/** Fractional numbers are written to two decimals, as the API shows scores. */
export const round2 = (value: number): number => {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? 0 : rounded;
};

/** A number as a cell: integers as they are, others to two decimals, with the separator's decimal mark. */
export function formatNumber(value: number, separator: CsvSeparator): string {
  const text = String(Number.isInteger(value) ? value : round2(value));
  return separator === 'semicolon' ? text.replace('.', ',') : text;
}

/** A CSV writer of records (arrays, in the order of `header`), the header first. */
export function csvWriter(header: readonly string[], separator: CsvSeparator): Stringifier {
  return stringify({
    bom: true,
    delimiter: separator === 'semicolon' ? ';' : ',',
    record_delimiter: 'windows',
    // A field with a line break of any kind is quoted (csv-stringify quotes only the record delimiter once one is set).
    quote_record_delimiter: true,
    escape_formulas: true,
    header: true,
    columns: header.map((name, i) => ({ key: String(i), header: name })),
    cast: {
      number: (value) => formatNumber(value, separator),
      date: (value) => value.toISOString(),
      boolean: (value) => (value ? 'true' : 'false'),
    },
  });
}
