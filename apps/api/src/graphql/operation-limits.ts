import { GraphQLError, parse, specifiedRules, validate, visit, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { documentLimitsRule } from './document-limits.js';
import { RefusedOperation } from './refused-operation.js';

/**
 * The checks every operation passes before any resolver runs, as plain functions: the Apollo plugins (HTTP) and the
 * graphql-ws onSubscribe hook (WebSocket) both call these, so the two transports cannot drift apart.
 */
export interface OperationLimits {
  maxDepth: number;
  maxCost: number;
}

export interface OperationRequest {
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** The rules added to graphql's standard ones: depth, fragment counts and expanded size (Apollo's `validationRules`). */
export function limitRules(limits: Pick<OperationLimits, 'maxDepth'>): ValidationRule[] {
  return [documentLimitsRule(limits.maxDepth)];
}

/**
 * What Apollo runs: graphql's standard rules (NoFragmentCycles and KnownFragmentNames among them, so a cycle is a
 * validation error and no later walk has to follow one), then ours. A document that fails here never reaches costing.
 */
export function validateDocument(schema: GraphQLSchema, document: DocumentNode, limits: Pick<OperationLimits, 'maxDepth'>): readonly GraphQLError[] {
  return validate(schema, document, [...specifiedRules, ...limitRules(limits)]);
}

/** A graphql error re-coded as Apollo does (its SyntaxError and ValidationError), so formatError answers both transports alike. */
function withApolloCode(error: GraphQLError, code: 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED'): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: error.originalError ?? error,
    extensions: { ...error.extensions, code },
  });
}

/** The document of `query`, or its syntax error as Apollo reports it. */
export function parseOperation(query: string): { document: DocumentNode } | { errors: readonly GraphQLError[] } {
  try {
    return { document: parse(query) };
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [withApolloCode(error, 'GRAPHQL_PARSE_FAILED')] };
    throw error;
  }
}

/** Lists cost their page size times their children: `ideas(first: 100) { team { ... } }` costs 100x. */
const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const first = typeof args.first === 'number' && args.first > 0 ? Math.min(args.first, 100) : undefined;
  return first === undefined ? undefined : 1 + first * Math.max(childComplexity, 1);
};

/** The refusal of an operation costlier than `maxCost` (of a document that passed validation), or undefined. */
export function costError(schema: GraphQLSchema, request: OperationRequest, maxCost: number): GraphQLError | undefined {
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      operationName: request.operationName ?? undefined,
      query: request.document,
      variables: request.variables ?? {},
      estimators: [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (error) {
    // Variables that do not fit their types: execution refuses them (BAD_USER_INPUT) before any resolver runs,
    // so there is nothing to cost.
    if (error instanceof GraphQLError) return undefined;
    throw error;
  }
  if (cost <= maxCost) return undefined;
  return RefusedOperation.of(
    'request.tooCostly',
    { extensions: { code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COSTLY', cost, maxCost, http: { status: 400 } } },
    { cost, max: maxCost },
  );
}

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  return Object.values(value).some((v) => containsNul(v, depth + 1));
}

/** Whether a document's string literals hold NUL, per document: Apollo hands every request of one query text the same parsed document. */
const nulLiterals = new WeakMap<DocumentNode, boolean>();

function hasNulLiteral(document: DocumentNode): boolean {
  let literal = nulLiterals.get(document);
  if (literal === undefined) {
    literal = false;
    visit(document, { StringValue: (node) => void (literal ||= node.value.includes('\u0000')) });
    nulLiterals.set(document, literal);
  }
  return literal;
}

/**
 * PostgreSQL cannot store the NUL character in text; refusing it before execution gives every operation the same
 * clear BAD_USER_INPUT instead of a database error deep inside a transaction.
 */
export function nulCharacterError(request: OperationRequest): GraphQLError | undefined {
  if (!hasNulLiteral(request.document) && !containsNul(request.variables)) return undefined;
  return RefusedOperation.of('request.nulCharacter', { extensions: { code: 'BAD_USER_INPUT', reason: 'NUL_CHARACTER', http: { status: 400 } } });
}

/**
 * Everything HTTP checks between parsing and execution, in Apollo's order (validation, then the NUL check, then the
 * cost), for a transport Apollo does not serve (graphql-ws). Empty when the operation may run.
 */
export function checkOperation(schema: GraphQLSchema, request: OperationRequest, limits: OperationLimits): readonly GraphQLError[] {
  const invalid = validateDocument(schema, request.document, limits);
  if (invalid.length > 0) return invalid.map((error) => withApolloCode(error, 'GRAPHQL_VALIDATION_FAILED'));
  const refused = nulCharacterError(request) ?? costError(schema, request, limits.maxCost);
  return refused ? [refused] : [];
}
