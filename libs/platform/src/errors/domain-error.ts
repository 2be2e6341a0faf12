/** The error codes of docs/rules.md; the only codes a client ever sees. */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  CONFLICT: 'CONFLICT',
  FAILED_PRECONDITION: 'FAILED_PRECONDITION',
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** What an error message names: names and titles as they are, numbers, dates, and enum values (worded by a label). */
export type ErrorParams = Record<string, string | number | Date>;

/**
 * Every error message's key and the values it takes. The catalogues add theirs by declaration merging
 * (`libs/platform/src/errors/error-messages.ts`, `libs/domain/src/i18n/error-messages.ts`), so a key without texts,
 * or a message without the values it names, does not compile.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ErrorMessageParams {}

export type ErrorKey = Extract<keyof ErrorMessageParams, string>;
type ParamsOf<K extends ErrorKey> = ErrorMessageParams[K];
/** The params argument: optional for a message that names nothing, required otherwise. */
type ParamsArg<K extends ErrorKey> = [keyof ParamsOf<K>] extends [never] ? [params?: ParamsOf<K>] : [params: ParamsOf<K>];
type SubjectOf<K> = K extends `notFound.${infer S}` ? S : never;
/** What may be NOT_FOUND: each has its message `notFound.<subject>`. */
export type NotFoundSubject = SubjectOf<ErrorKey>;

type Details = Record<string, unknown>;

/**
 * The one error type of the domain, translated to `extensions.code` by the API's error formatter. It carries no text,
 * only the key of its message and the values the message names: the API words it in the viewer's language
 * (`libs/domain/src/i18n/errors.ts`). Its `message` is the key, for logs.
 */
export class DomainError extends Error {
  readonly params: ErrorParams;
  readonly field?: string;
  readonly details?: Details;
  /** Every invalid field of a BAD_USER_INPUT that refuses several at once (`checkInput`), in input order. */
  readonly problems: readonly DomainError[];

  constructor(
    readonly code: ErrorCode,
    readonly key: ErrorKey,
    params: ErrorParams = {},
    options: { field?: string; details?: Details; problems?: readonly DomainError[] } = {},
  ) {
    super(key);
    this.name = 'DomainError';
    this.params = params;
    this.field = options.field;
    this.details = options.details;
    this.problems = options.problems ?? [];
  }

  /** The invalid fields this error names (docs/rules.md: `extensions.fields`): those it groups, else itself when it names one. */
  get fieldProblems(): readonly DomainError[] {
    if (this.problems.length > 0) return this.problems;
    return this.field ? [this] : [];
  }

  static notFound(subject: NotFoundSubject): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, `notFound.${subject}` as ErrorKey);
  }
  static forbidden<K extends ErrorKey = 'forbidden.default'>(key?: K, ...[params]: ParamsArg<K>): DomainError {
    return new DomainError(ErrorCode.FORBIDDEN, key ?? 'forbidden.default', params);
  }
  static unauthenticated<K extends ErrorKey = 'unauthenticated.default'>(key?: K, ...[params]: ParamsArg<K>): DomainError {
    return new DomainError(ErrorCode.UNAUTHENTICATED, key ?? 'unauthenticated.default', params);
  }
  static badInput<K extends ErrorKey>(field: string | undefined, key: K, ...[params]: ParamsArg<K>): DomainError {
    return new DomainError(ErrorCode.BAD_USER_INPUT, key, params, { field });
  }
  static conflict<K extends ErrorKey>(key: K, ...[params]: ParamsArg<K>): DomainError {
    return new DomainError(ErrorCode.CONFLICT, key, params);
  }
  static precondition<K extends ErrorKey>(key: K, ...[params, details]: [...ParamsArg<K>, details?: Details]): DomainError {
    return new DomainError(ErrorCode.FAILED_PRECONDITION, key, params as ErrorParams | undefined, { details });
  }
  static rateLimited<K extends ErrorKey>(key: K, ...[params, details]: [...ParamsArg<K>, details?: Details]): DomainError {
    return new DomainError(ErrorCode.RATE_LIMITED, key, params as ErrorParams | undefined, { details });
  }
  /** One BAD_USER_INPUT for several invalid fields: the first names `field` and words the message, all are `problems`. */
  static invalidFields(problems: readonly DomainError[]): DomainError {
    const flat = problems.flatMap((p) => (p.problems.length > 0 ? p.problems : [p]));
    const [first] = flat;
    if (!first) throw new Error('invalidFields needs at least one problem');
    if (flat.length === 1) return first;
    return new DomainError(ErrorCode.BAD_USER_INPUT, first.key, first.params, { field: first.field, problems: flat });
  }
}

/** PostgreSQL unique_violation, optionally of one named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } })?.driverError ?? (error as { code?: string; constraint?: string });
  return driverError?.code === '23505' && (constraint === undefined || driverError.constraint === constraint);
}
