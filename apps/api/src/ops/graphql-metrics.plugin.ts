import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { Metrics } from './metrics.js';

/**
 * Times every GraphQL operation over HTTP, from the start of the request pipeline to the response, labelled by
 * operation type (query, mutation, subscription; "unknown" when the document does not parse or validate), name and
 * outcome (ok, error, or cached when the public response cache answered).
 * An Apollo plugin discovered by @nestjs/apollo through @Plugin(), so the GraphQL module needs no change.
 */
@Plugin()
export class GraphQLMetricsPlugin implements ApolloServerPlugin<BaseContext> {
  constructor(private readonly metrics: Metrics) {}

  async requestDidStart(): Promise<GraphQLRequestListener<BaseContext>> {
    const started = performance.now();
    const metrics = this.metrics;
    let type = 'unknown';
    let name = 'unknown';
    return {
      async didResolveOperation({ operation, operationName }) {
        type = operation?.operation ?? 'unknown';
        name = metrics.operationLabel(operationName);
      },
      async willSendResponse({ response, metrics: request }) {
        const errors = response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors;
        metrics.graphqlDuration.observe(
          { operation_type: type, operation_name: name, outcome: errors?.length ? 'error' : request.responseCacheHit ? 'cached' : 'ok' },
          (performance.now() - started) / 1000,
        );
      },
    };
  }
}
