import { describe, expect, it } from '@jest/globals';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { DomainError } from '#platform/errors/domain-error.js';
import { AdoptionStatus } from '#domain/adoption/adoption.entity.js';
import { ChallengeStatus } from '#domain/challenges/challenge.entity.js';
import { check, checkInput } from '#domain/validation.js';
import { formatError, isUnexpectedError, tellErrorsIn } from './format-error.js';
import { RefusedOperation } from './refused-operation.js';

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
    for (const code of ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE']) {
      const result = formatError(...apolloPair(new GraphQLError('Something graphql-js says in English.'), code));
      expect(result.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: code, detail: 'Something graphql-js says in English.' });
    }
  });

  it('keeps the extensions of client codes but drops the stack trace', () => {
    const error = RefusedOperation.of(
      'request.tooCostly',
      { extensions: { code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COSTLY', cost: 9000, http: { status: 400 } } },
      { cost: 9000, max: 5000 },
    );
    expect(formatError(...apolloPair(error)).extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COSTLY', cost: 9000 });
  });

  it('words our own refusals in the viewer’s language, however Apollo wrapped them, extensions unchanged', () => {
    const refusal = RefusedOperation.of('request.operationTooDeep', { extensions: { code: 'BAD_USER_INPUT' } }, { operation: 'Deep', max: 10 });
    expect(refusal.message).toBe('The operation «Deep» is nested deeper than the limit of 10 levels.');
    // Apollo's ValidationError: a new GraphQLError whose originalError is ours.
    const wrapped = new GraphQLError(refusal.message, { originalError: refusal, extensions: { ...refusal.extensions, code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(isUnexpectedError(wrapped)).toBe(false);
    expect(formatError(...apolloPair(wrapped))).toMatchObject({
      message: 'L’operazione «Deep» è annidata oltre il limite di 10 livelli.',
      extensions: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(formatError(...apolloPair(wrapped), 'en').message).toBe(refusal.message);
    expect(formatError(...apolloPair(wrapped), 'en').extensions).toEqual(formatError(...apolloPair(wrapped), 'it').extensions);
  });

  describe('graphql-js’s and Apollo’s English, worded from the catalogue', () => {
    const word = (message: string, code: string, locale: 'it' | 'en', locations?: { line: number; column: number }[]) => {
      const [formatted, error] = apolloPair(new GraphQLError(message), code);
      return formatError({ ...formatted, locations }, error, locale);
    };

    it.each([
      [
        'GRAPHQL_VALIDATION_FAILED',
        'Cannot query field "idd" on type "User". Did you mean "id"?',
        'Il tipo «User» non ha il campo «idd». Forse intendevi «id»?',
        'The type «User» has no field «idd». Did you mean «id»?',
      ],
      [
        'GRAPHQL_VALIDATION_FAILED',
        'Unknown argument "firstt" on field "Query.challenges". Did you mean "first", "after", or "filter"?',
        'Il campo «Query.challenges» non ha l’argomento «firstt». Forse intendevi «first», «after» o «filter»?',
        'The field «Query.challenges» has no argument «firstt». Did you mean «first», «after» or «filter»?',
      ],
      [
        'GRAPHQL_VALIDATION_FAILED',
        'Field "me" of type "User" must have a selection of subfields. Did you mean "me { ... }"?',
        'Il campo «me» (di tipo «User») richiede una selezione di sottocampi.',
        'The field «me» (of type «User») needs a selection of subfields.',
      ],
      [
        'BAD_USER_INPUT',
        'Variable "$n" got invalid value "abc"; Int cannot represent non-integer value: "abc"',
        'Il valore della variabile «$n» non è valido. «abc» non è un valore valido per il tipo «Int».',
        'The value of the variable «$n» is not valid. «abc» is not a valid value of type «Int».',
      ],
      [
        'BAD_USER_INPUT',
        'Variable "$i" got invalid value { nope: 1 }; Field "nope" is not defined by type "UpdateProfileInput".',
        'Il valore della variabile «$i» non è valido. Il tipo «UpdateProfileInput» non ha il campo «nope».',
        'The value of the variable «$i» is not valid. The type «UpdateProfileInput» has no field «nope».',
      ],
      [
        'BAD_USER_INPUT',
        'Variable "$i" got invalid value 7 at "i.displayName"; String cannot represent a non string value: 7',
        'Il valore della variabile «$i» non è valido in «i.displayName». «7» non è un valore valido per il tipo «String».',
        'The value of the variable «$i» is not valid at «i.displayName». «7» is not a valid value of type «String».',
      ],
      [
        'BAD_USER_INPUT',
        'Variable "$n" of required type "Int!" was not provided.',
        'Manca la variabile obbligatoria «$n» (di tipo «Int!»).',
        'The required variable «$n» (of type «Int!») was not given.',
      ],
      ['OPERATION_RESOLUTION_FAILURE', 'Unknown operation named "C".', 'Il documento non ha un’operazione di nome «C».', 'The document has no operation named «C».'],
      ['BAD_REQUEST', 'Operation batching disabled.', 'Invia una sola operazione per richiesta.', 'Send one operation per request.'],
      [
        'PERSISTED_QUERY_NOT_FOUND',
        'PersistedQueryNotFound',
        'Questa query persistita non è nota: invia il testo completo della query.',
        'This persisted query is not known: send the full text of the query.',
      ],
    ])('%s: %s', (code, english, inItalian, inEnglish) => {
      const it = word(english, code, 'it');
      const en = word(english, code, 'en');
      expect([it.message, en.message]).toEqual([inItalian, inEnglish]);
      expect(it.extensions).toEqual(en.extensions);
      expect(it.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(it.extensions?.detail).toBeUndefined();
    });

    it('words a syntax error by its position and keeps graphql-js’s description as detail', () => {
      const at = [{ line: 1, column: 12 }];
      expect(word('Syntax Error: Expected Name, found <EOF>.', 'GRAPHQL_PARSE_FAILED', 'it', at)).toMatchObject({
        message: 'La query non è GraphQL valido: errore di sintassi alla riga 1, colonna 12.',
        locations: at,
        extensions: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_PARSE_FAILED', detail: 'Expected Name, found <EOF>.' },
      });
      expect(word('Syntax Error: Expected Name, found <EOF>.', 'GRAPHQL_PARSE_FAILED', 'en', at).message).toBe(
        'The query is not valid GraphQL: syntax error at line 1, column 12.',
      );
    });

    it('gives the gist of the reason, and the English as detail, for words it does not know', () => {
      const unknown = 'Fragment "F" cannot be spread here as objects of type "User" can never be of type "Idea".';
      expect(word(unknown, 'GRAPHQL_VALIDATION_FAILED', 'it')).toMatchObject({
        message: 'La query non è valida per lo schema di questa API.',
        extensions: { code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED', detail: unknown },
      });
      expect(word('Something new', 'BAD_USER_INPUT', 'en')).toMatchObject({ message: 'The input is not valid.', extensions: { code: 'BAD_USER_INPUT', detail: 'Something new' } });
    });
  });

  it('answers INTERNAL_SERVER_ERROR for codes outside docs/rules.md', () => {
    const error = new GraphQLError('Redis connection lost at 10.0.0.5:6379', { extensions: { code: 'SOME_LIBRARY_CODE' } });
    expect(formatError(...apolloPair(error))).toMatchObject({ message: 'Errore interno del server.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});
