import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLSchema, type ValidationRule } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';

/** Lists cost their page size times their children: `ideas(first: 100) { team { ... } }` costs 100x. */
const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const first = typeof args.first === 'number' && args.first > 0 ? Math.min(args.first, 100) : undefined;
  return first === undefined ? undefined : 1 + first * Math.max(childComplexity, 1);
};

export const depthLimitRule = (maxDepth: number): ValidationRule => depthLimit(maxDepth) as ValidationRule; // typed `any` upstream

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
          const cost = getComplexity({
            schema: schema!,
            operationName: request.operationName ?? undefined,
            query: document,
            variables: request.variables ?? {},
            estimators: [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
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
