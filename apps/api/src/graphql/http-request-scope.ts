import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance, RouteHandlerMethod } from 'fastify';

/** What is known of the HTTP request being answered on the GraphQL route. */
export interface HttpRequestScope {
  readonly headers: IncomingHttpHeaders;
}

const scope = new AsyncLocalStorage<HttpRequestScope>();

/**
 * The headers of the GraphQL request being answered. Apollo refuses a malformed request (no query, batching, a GET
 * mutation) after its context is built but tells its plugins only the error (`invalidRequestWasReceived`): this is
 * how they still learn whose language to word it in.
 */
export function currentHttpRequest(): HttpRequestScope | undefined {
  return scope.getStore();
}

/** Runs every handler of `path` inside its request's scope (Fastify's documented `onRoute` hook). Call before the app initialises. */
export function scopeGraphQLRequests(fastify: FastifyInstance, path = '/graphql'): void {
  fastify.addHook('onRoute', (route) => {
    if (route.url !== path) return;
    const handler = route.handler as RouteHandlerMethod;
    route.handler = function scopedGraphQLHandler(this: unknown, request, reply) {
      return scope.run({ headers: request.headers }, () => handler.call(this as never, request, reply));
    };
  });
}
