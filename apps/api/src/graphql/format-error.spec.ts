import { describe, expect, it } from '@jest/globals';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { DomainError } from '#platform/errors/domain-error.js';
import { formatError, isUnexpectedError } from './format-error.js';

/** What Apollo hands to formatError: the formatted error (with a stack trace when enabled) and the error itself. */
function apolloPair(error: GraphQLError, code?: string): [GraphQLFormattedError, GraphQLError] {
  const formatted = error.toJSON();
  return [{ ...formatted, extensions: { ...formatted.extensions, ...(code ? { code } : {}), stacktrace: (error.originalError ?? error).stack?.split('\n') } }, error];
}

describe('formatError', () => {
  it('hides an unexpected error: generic message, INTERNAL_SERVER_ERROR, no SQL and no stack trace', () => {
    const sql = 'SELECT "u"."password_hash" FROM "app_user" "u" WHERE "u"."email" = $1';
    const original = new QueryFailedError(sql, ['someone@example.org'], Object.assign(new Error('relation "app_user" does not exist'), { code: '42P01' }));
    const error = new GraphQLError(original.message, { path: ['organizations'], originalError: original });

    expect(isUnexpectedError(error)).toBe(true);
    const result = formatError(...apolloPair(error, 'INTERNAL_SERVER_ERROR'));

    expect(result).toEqual({ message: 'Internal server error', locations: undefined, path: ['organizations'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    const body = JSON.stringify(result);
    for (const leak of ['SELECT', 'app_user', 'password_hash', 'someone@example.org', 'QueryFailedError', 'stacktrace', '42P01', '.ts:', '.js:']) {
      expect(body).not.toContain(leak);
    }
  });

  it('hides a plain Error thrown by a resolver the same way', () => {
    const error = new GraphQLError('Cannot read properties of undefined (reading "id")', { originalError: new TypeError('Cannot read properties of undefined (reading "id")') });
    expect(formatError(...apolloPair(error))).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('shows a DomainError with its code, field and details', () => {
    const error = new GraphQLError('wrapped', { originalError: DomainError.badInput('title', 'title must be between 1 and 200 characters') });
    expect(isUnexpectedError(error)).toBe(false);
    expect(formatError(...apolloPair(error))).toMatchObject({
      message: 'title must be between 1 and 200 characters',
      extensions: { code: 'BAD_USER_INPUT', field: 'title' },
    });
    const precondition = new GraphQLError('wrapped', { originalError: DomainError.precondition('Adoption is no longer PROPOSED', { status: 'ACCEPTED' }) });
    expect(formatError(...apolloPair(precondition)).extensions).toEqual({ code: 'FAILED_PRECONDITION', status: 'ACCEPTED' });
  });

  it('turns the errors Apollo raises before execution into BAD_USER_INPUT with the reason', () => {
    for (const code of ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST']) {
      const result = formatError(...apolloPair(new GraphQLError('Syntax Error: Expected Name, found <EOF>.'), code));
      expect(result.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: code });
    }
  });

  it('keeps the extensions of client codes but drops the stack trace', () => {
    const error = new GraphQLError('Query cost 9000 exceeds the limit of 5000', { extensions: { code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COSTLY', cost: 9000 } });
    expect(formatError(...apolloPair(error)).extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COSTLY', cost: 9000 });
  });

  it('answers INTERNAL_SERVER_ERROR for codes outside PRODUCT.md', () => {
    const error = new GraphQLError('Redis connection lost at 10.0.0.5:6379', { extensions: { code: 'SOME_LIBRARY_CODE' } });
    expect(formatError(...apolloPair(error))).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});
