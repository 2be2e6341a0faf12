import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, visit, type GraphQLSchema } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';

/** Lists cost their page size times their children: `ideas(first: 100) { team { ... } }` costs 100x. */
const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const first = typeof args.first === 'number' && args.first > 0 ? Math.min(args.first, 100) : undefined;
  return first === undefined ? undefined : 1 + first * Math.max(childComplexity, 1);
};

/** Refuses operations costlier than `maxCost` after parsing and validation, before any resolver runs. */
export function complexityLimitPlugin(maxCost: number): ApolloServerPlugin {
  let schema: GraphQLSchema | undefined;
  return {
    async serverWillStart(service) {
      schema = service.schema;
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema: schema!,
              operationName: request.operationName ?? undefined,
              query: document,
              variables: request.variables ?? {},
              estimators: [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (error) {
            // Variables that do not fit their types: execution refuses them with Apollo's own BAD_USER_INPUT
            // before any resolver runs, so there is nothing to cost.
            if (error instanceof GraphQLError) return;
            throw error;
          }
          if (cost > maxCost) {
            throw new GraphQLError(`Query cost ${cost} exceeds the limit of ${maxCost}`, {
              extensions: { code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COSTLY', cost, maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  return Object.values(value).some((v) => containsNul(v, depth + 1));
}

/**
 * PostgreSQL cannot store the NUL character in text; refusing it here gives every operation the same clear
 * BAD_USER_INPUT instead of a database error deep inside a transaction.
 */
export function rejectNulCharactersPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let literal = false;
          visit(document, { StringValue: (node) => void (literal ||= node.value.includes('\u0000')) });
          if (literal || containsNul(request.variables)) {
            throw new GraphQLError('Text must not contain the NUL character (U+0000)', {
              extensions: { code: 'BAD_USER_INPUT', reason: 'NUL_CHARACTER', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
