import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { costError, nulCharacterError } from './operation-limits.js';

/** Refuses operations costlier than `maxCost` after parsing and validation, before any resolver runs (HTTP; graphql-ws calls `checkOperation`). */
export function complexityLimitPlugin(maxCost: number): ApolloServerPlugin {
  let schema: GraphQLSchema | undefined;
  return {
    async serverWillStart(service) {
      schema = service.schema;
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const refused = costError(schema!, { document, operationName: request.operationName, variables: request.variables }, maxCost);
          if (refused) throw refused;
        },
      };
    },
  };
}

/** Refuses the NUL character in string literals and variables before any resolver runs (HTTP; graphql-ws calls `checkOperation`). */
export function rejectNulCharactersPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const refused = nulCharacterError({ document, variables: request.variables });
          if (refused) throw refused;
        },
      };
    },
  };
}
