import { describe, expect, it } from '@jest/globals';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { DomainError } from '#platform/errors/domain-error.js';
import { AdoptionStatus } from '#domain/adoption/adoption.entity.js';
import { ChallengeStatus } from '#domain/challenges/challenge.entity.js';
import { check, checkInput } from '#domain/validation.js';
import { formatError, isUnexpectedError, tellErrorsIn } from './format-error.js';

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

    expect(result).toEqual({ message: 'Errore interno del server.', locations: undefined, path: ['organizations'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(formatError(...apolloPair(error, 'INTERNAL_SERVER_ERROR'), 'en').message).toBe('Internal server error.');
    const body = JSON.stringify(result);
    for (const leak of ['SELECT', 'app_user', 'password_hash', 'someone@example.org', 'QueryFailedError', 'stacktrace', '42P01', '.ts:', '.js:']) {
      expect(body).not.toContain(leak);
    }
  });

  it('hides a plain Error thrown by a resolver the same way', () => {
    const error = new GraphQLError('Cannot read properties of undefined (reading "id")', { originalError: new TypeError('Cannot read properties of undefined (reading "id")') });
    expect(formatError(...apolloPair(error))).toMatchObject({ message: 'Errore interno del server.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('shows a DomainError with its code, field and details', () => {
    const error = new GraphQLError('wrapped', { originalError: DomainError.badInput('title', 'input.length', { field: 'title', min: 1, max: 200 }) });
    expect(isUnexpectedError(error)).toBe(false);
    expect(formatError(...apolloPair(error), 'en')).toMatchObject({
      message: 'title must be between 1 and 200 characters.',
      extensions: { code: 'BAD_USER_INPUT', field: 'title', fields: [{ field: 'title', message: 'title must be between 1 and 200 characters.' }] },
    });
    const precondition = new GraphQLError('wrapped', {
      originalError: DomainError.precondition('adoption.notProposed', { status: AdoptionStatus.ACCEPTED }, { status: 'ACCEPTED' }),
    });
    expect(formatError(...apolloPair(precondition)).extensions).toEqual({ code: 'FAILED_PRECONDITION', status: 'ACCEPTED' });
  });

  it('words a DomainError in the language told for the request, Italian by default, enum values by their labels', () => {
    const error = () => new GraphQLError('wrapped', { originalError: DomainError.precondition('teams.notFormable', { status: ChallengeStatus.RESULTS_PUBLISHED }) });
    const italian = formatError(...apolloPair(error()));
    expect(italian).toMatchObject({ message: 'Le squadre si formano solo mentre le proposte sono aperte (fase attuale della sfida: risultati pubblicati).' });
    const english = error();
    tellErrorsIn([english], 'en');
    expect(formatError(...apolloPair(english))).toMatchObject({
      message: 'Teams are formed only while the challenge is open for ideas (current stage: results published).',
      extensions: { code: 'FAILED_PRECONDITION' },
    });
  });

  it('lists every invalid field of an input in extensions.fields, the first also in extensions.field', () => {
    let refused: unknown;
    try {
      checkInput((field) => ({
        title: field(() => check.line('title', '', 3, 120)),
        email: field(() => check.email('email', 'not-an-email')),
        count: field(() => check.int('count', 0.5, 1, 10)),
      }));
    } catch (error) {
      refused = error;
    }
    const formatted = formatError(...apolloPair(new GraphQLError('wrapped', { originalError: refused as DomainError })), 'it');
    expect(formatted.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'title',
      fields: [
        { field: 'title', message: 'Il campo «title» deve avere da 3 a 120 caratteri.' },
        { field: 'email', message: 'Il campo «email» non è un indirizzo email valido.' },
        { field: 'count', message: 'Il campo «count» deve essere un numero intero da 1 a 10.' },
      ],
    });
    expect(formatted.message).toBe(
      'Il campo «title» deve avere da 3 a 120 caratteri. Il campo «email» non è un indirizzo email valido. Il campo «count» deve essere un numero intero da 1 a 10.',
    );
  });

  it('falls back to the words of the code when a message cannot be worded', () => {
    const broken = new DomainError('NOT_FOUND', 'page.size', {});
    expect(formatError(...apolloPair(new GraphQLError('wrapped', { originalError: broken })), 'en')).toMatchObject({
      message: 'We cannot find what you are looking for: it does not exist or you cannot see it.',
      extensions: { code: 'NOT_FOUND' },
    });
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

  it('answers INTERNAL_SERVER_ERROR for codes outside docs/rules.md', () => {
    const error = new GraphQLError('Redis connection lost at 10.0.0.5:6379', { extensions: { code: 'SOME_LIBRARY_CODE' } });
    expect(formatError(...apolloPair(error))).toMatchObject({ message: 'Errore interno del server.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});
