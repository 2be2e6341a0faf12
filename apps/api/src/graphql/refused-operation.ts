import { GraphQLError, type GraphQLErrorOptions } from 'graphql';
import { renderErrorMessage } from '#domain/i18n/errors.js';
import type { ErrorKey, ErrorMessageParams, ErrorParams } from '#platform/errors/domain-error.js';

type ParamsArg<K extends ErrorKey> = [keyof ErrorMessageParams[K]] extends [never] ? [params?: ErrorMessageParams[K]] : [params: ErrorMessageParams[K]];

/**
 * An operation our own limits refuse before it runs (depth, cost, fragments, the NUL character). A GraphQLError, so
 * Apollo and graphql-js treat it as theirs (validation errors keep their code and reason), carrying the catalogue key
 * that `formatError` words in the viewer's language. Its `message` is the English text, for logs.
 */
export class RefusedOperation extends GraphQLError {
  readonly key: ErrorKey;
  readonly params: ErrorParams;

  private constructor(key: ErrorKey, params: ErrorParams, options: GraphQLErrorOptions) {
    super(renderErrorMessage(key, params, 'en'), options);
    this.key = key;
    this.params = params;
  }

  static of<K extends ErrorKey>(key: K, options: GraphQLErrorOptions, ...[params]: ParamsArg<K>): RefusedOperation {
    return new RefusedOperation(key, params ?? {}, options);
  }
}

/** The refusal behind an error, however Apollo or graphql-ws wrapped it (`originalError`). */
export function findRefusal(error: unknown): RefusedOperation | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof RefusedOperation) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}
