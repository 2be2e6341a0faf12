/** The error codes of PRODUCT.md; the only codes a client ever sees. */
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

/** The one error type of the domain, translated to `extensions.code` by the API's error formatter. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(what: string): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, `${what} not found`);
  }
  static forbidden(message = 'You are not allowed to do this'): DomainError {
    return new DomainError(ErrorCode.FORBIDDEN, message);
  }
  static unauthenticated(message = 'Authentication required'): DomainError {
    return new DomainError(ErrorCode.UNAUTHENTICATED, message);
  }
  static badInput(field: string | undefined, message: string): DomainError {
    return new DomainError(ErrorCode.BAD_USER_INPUT, message, field);
  }
  static conflict(message: string): DomainError {
    return new DomainError(ErrorCode.CONFLICT, message);
  }
  static precondition(message: string, details?: Record<string, unknown>): DomainError {
    return new DomainError(ErrorCode.FAILED_PRECONDITION, message, undefined, details);
  }
}

/** PostgreSQL unique_violation, optionally of one named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } })?.driverError ?? (error as { code?: string; constraint?: string });
  return driverError?.code === '23505' && (constraint === undefined || driverError.constraint === constraint);
}
