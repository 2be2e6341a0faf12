import { DomainError } from '#platform/errors/domain-error.js';
import { ScoreNormalization } from '../challenges/challenge.entity.js';
import { CSV_SEPARATORS, type CsvSeparator } from './csv.js';

/**
 * The export URLs (README "Exports"):
 *   GET /exports/challenges/:id/results.csv   ?separator=comma|semicolon &normalization=NONE|ZSCORE
 *   GET /exports/challenges/:id/results.json  ?normalization=NONE|ZSCORE
 *   GET /exports/challenges/:id/reviews.csv   ?separator=comma|semicolon &jurors=pseudonyms|names
 *   GET /exports/organizations/:id/impact.csv ?from=<ISO date> &to=<ISO date> &separator=comma|semicolon
 * authenticated by `Authorization: Bearer <accessToken>` or by a signed link (`&token=`, see ExportLinks).
 */
export type ExportKind = 'results.csv' | 'results.json' | 'reviews.csv' | 'impact.csv';

export const EXPORT_PREFIX = '/exports';

const KINDS: Record<'challenges' | 'organizations', readonly ExportKind[]> = {
  challenges: ['results.csv', 'results.json', 'reviews.csv'],
  organizations: ['impact.csv'],
};

/** The query parameters each export takes (besides `token`); anything else is BAD_USER_INPUT. */
const PARAMETERS: Record<ExportKind, readonly string[]> = {
  'results.csv': ['separator', 'normalization'],
  'results.json': ['normalization'],
  'reviews.csv': ['separator', 'jurors'],
  'impact.csv': ['from', 'to', 'separator'],
};

/** The query parameter of a signed link. */
export const LINK_TOKEN_PARAMETER = 'token';

export interface ExportRequest {
  kind: ExportKind;
  /** The challenge's (or, for impact.csv, the organization's) id, as given: an unknown or malformed one is NOT_FOUND when opened. */
  id: string;
  separator: CsvSeparator;
  /** The ranking's order (results); null: the challenge's own rankingNormalization. */
  normalization: ScoreNormalization | null;
  /** reviews.csv: jurors named (through the person door) instead of J1, J2... */
  jurorNames: boolean;
  /** impact.csv: the period, [from, to) (validated when opened, like the GraphQL query's). */
  from: Date | null;
  to: Date | null;
  /** The path and its sorted parameters without the token: what a signed link is bound to. */
  canonical: string;
}

/** The export a path names (`/exports/<scope>/<id>/<file>`), or null when it names none (a 404, not a validation error). */
export function matchExport(pathname: string): { kind: ExportKind; id: string } | null {
  const match = /^\/exports\/(challenges|organizations)\/([^/]{1,100})\/([^/]{1,40})$/.exec(pathname);
  if (!match) return null;
  const scope = match[1] as keyof typeof KINDS;
  const kind = KINDS[scope].find((k) => k === match[3]);
  if (!kind) return null;
  let id: string;
  try {
    id = decodeURIComponent(match[2]);
  } catch {
    return null;
  }
  return { kind, id };
}

const parseDate = (field: string, value: string | undefined): Date | null => {
  if (value === undefined) throw DomainError.badInput(field, 'exports.dateRequired', { field });
  const date = /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw DomainError.badInput(field, 'exports.dateInvalid', { field });
  return date;
};

/**
 * The export asked for by a path and its query parameters (NOT_FOUND for a path that names no export,
 * BAD_USER_INPUT naming the parameter for an unknown, repeated or invalid one). `token` is ignored here.
 */
export function parseExportRequest(pathname: string, query: URLSearchParams): ExportRequest {
  const target = matchExport(pathname);
  if (!target) throw DomainError.notFound('export');
  const allowed = PARAMETERS[target.kind];
  const values = new Map<string, string>();
  for (const [name, value] of query) {
    if (name === LINK_TOKEN_PARAMETER) continue;
    if (!allowed.includes(name)) throw DomainError.badInput(name, 'exports.unknownParameter', { name: name.slice(0, 40), allowed: allowed.join(', ') });
    if (values.has(name)) throw DomainError.badInput(name, 'exports.parameterTwice', { name: name.slice(0, 40) });
    values.set(name, value);
  }
  const separator = values.get('separator') ?? 'comma';
  if (!CSV_SEPARATORS.includes(separator as CsvSeparator)) throw DomainError.badInput('separator', 'exports.separator');
  const normalization = values.get('normalization') ?? null;
  if (normalization !== null && !Object.values(ScoreNormalization).includes(normalization as ScoreNormalization)) {
    throw DomainError.badInput('normalization', 'exports.normalization');
  }
  const jurors = values.get('jurors') ?? 'pseudonyms';
  if (jurors !== 'pseudonyms' && jurors !== 'names') throw DomainError.badInput('jurors', 'exports.jurors');
  const impact = target.kind === 'impact.csv';
  const from = impact ? parseDate('from', values.get('from')) : null;
  const to = impact ? parseDate('to', values.get('to')) : null;

  const sorted = new URLSearchParams([...values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const search = sorted.toString();
  return {
    kind: target.kind,
    id: target.id,
    separator: separator as CsvSeparator,
    normalization: normalization as ScoreNormalization | null,
    jurorNames: jurors === 'names',
    from,
    to,
    canonical: `${pathname}${search ? `?${search}` : ''}`,
  };
}

/** A path with its query string (as given to createExportLink) split and parsed; BAD_USER_INPUT on `field` when it names no export. */
export function parseExportPath(field: string, path: string): ExportRequest {
  if (typeof path !== 'string' || path.length > 2_000 || !path.startsWith(`${EXPORT_PREFIX}/`))
    throw DomainError.badInput(field, 'exports.notExportPath', { field, prefix: EXPORT_PREFIX });
  const [pathname = '', search = ''] = path.split('?', 2);
  if (!matchExport(pathname)) throw DomainError.badInput(field, 'exports.namesNoExport', { field });
  const query = new URLSearchParams(search);
  if (query.has(LINK_TOKEN_PARAMETER)) throw DomainError.badInput(field, 'exports.carriesToken', { field });
  try {
    return parseExportRequest(pathname, query);
  } catch (error) {
    // The input field is the path; the message names the parameter.
    if (error instanceof DomainError && error.code === 'BAD_USER_INPUT') throw new DomainError(error.code, error.key, error.params, { field });
    throw error;
  }
}
