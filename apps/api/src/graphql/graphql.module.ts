import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule as NestGraphQLModule, type GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { GraphQLError, parse } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { PinoLogger } from 'nestjs-pino';
import { IdentityService } from '../../../../libs/domain/src/identity/identity.service.js';
import { ANONYMOUS, type Viewer } from '../../../../libs/domain/src/viewer.js';
import { AppConfig } from '../../../../libs/platform/src/config/app-config.js';
import type { GqlContext } from './gql-context.js';
import { formatError, isUnexpectedError } from './format-error.js';
import { complexityLimitPlugin, depthLimitRule, rejectNulCharactersPlugin } from './query-limits.js';
import { RequestLoaders } from './request-loaders.js';
import { answerPreloadedFields } from './preloaded-fields.js';
import { cacheControlDirective } from './cache-hints.js';
import { publicResponseCachePlugins } from './public-response-cache.js';

const bearer = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
  return match?.[1] ?? null;
};

interface WsContext {
  connectionParams?: Record<string, unknown>;
  extra?: { viewer?: Viewer };
}

function logUnexpectedErrors(logger: PinoLogger): ApolloServerPlugin<GqlContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (isUnexpectedError(error)) {
              logger.error({ requestId: contextValue?.requestId, err: error.originalError ?? error, path: error.path }, 'Unexpected error in GraphQL operation');
            }
          }
        },
      };
    },
  };
}

/** Nest's typed options leave out graphql-ws's onError, but it hands every option to graphql-ws's useServer. */
type GraphQLWsOptions = GraphQLWsSubscriptionsConfig & Pick<ServerOptions, 'onError'>;

@Module({
  imports: [
    NestGraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [IdentityService, AppConfig, PinoLogger],
      useFactory: (identity: IdentityService, config: AppConfig, logger: PinoLogger): ApolloDriverConfig => {
        const graphqlWs: GraphQLWsOptions = {
          path: '/graphql',
          onConnect: async (ctx) => {
            const params = (ctx.connectionParams ?? {}) as Record<string, unknown>;
            const token = bearer(params.authorization ?? params.Authorization);
            if (!token) return true; // anonymous: subscriptions then answer UNAUTHENTICATED
            const viewer = await identity.viewerFromAccessToken(token);
            if (!viewer) return false; // a bad token closes the socket (4403)
            (ctx.extra as { viewer?: Viewer }).viewer = viewer;
            return true;
          },
          // graphql-ws bypasses Apollo's formatError: map subscription errors to PRODUCT.md's codes here too
          // (otherwise FORBIDDEN / NOT_FOUND / UNAUTHENTICATED arrive without extensions.code, and unexpected errors unmasked).
          onNext: (_ctx, _id, _payload, _args, result) =>
            result.errors?.length ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) } : undefined,
          // graphql-ws closes the whole socket (4500) on a query that does not parse: refuse the one subscription instead.
          onSubscribe: (_ctx, _id, payload) => {
            try {
              parse(payload.query);
            } catch (error) {
              if (error instanceof GraphQLError) return [error];
              throw error;
            }
            return undefined; // graphql-ws goes on (and parses again: subscriptions are rare, this keeps its defaults)
          },
          // A subscription that does not parse or validate is refused with an `error` message, not `next`.
          onError: (_ctx, _id, _payload, errors) => errors.map((error) => formatError(error.toJSON(), error)),
        };
        return {
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          buildSchemaOptions: { directives: [cacheControlDirective] },
          transformSchema: answerPreloadedFields,
          playground: false,
          introspection: true,
          includeStacktraceInErrorResponses: false,
          // Tokens travel in the Authorization header, never in cookies, so there is no CSRF surface to guard.
          csrfPrevention: false,
          formatError,
          validationRules: [depthLimitRule(config.GRAPHQL_MAX_DEPTH)],
          plugins: [
            rejectNulCharactersPlugin(),
            complexityLimitPlugin(config.GRAPHQL_MAX_COST), // before the response cache: a cached answer is still priced
            ...publicResponseCachePlugins(config.PUBLIC_CACHE_MAX_AGE_SECONDS),
            logUnexpectedErrors(logger),
          ],
          subscriptions: { 'graphql-ws': graphqlWs },
          context: async (requestOrWs: FastifyRequest | WsContext): Promise<GqlContext> => {
            if ('connectionParams' in requestOrWs || 'extra' in requestOrWs) {
              const ws: WsContext = requestOrWs;
              return { viewer: ws.extra?.viewer ?? ANONYMOUS, loaders: new RequestLoaders(), requestId: randomUUID(), clientAddress: 'ws' };
            }
            const request = requestOrWs as FastifyRequest;
            const token = bearer(request.headers?.authorization);
            const viewer = (token && (await identity.viewerFromAccessToken(token))) || ANONYMOUS;
            const rawId = (request.raw as { id?: unknown })?.id; // pino-http's request id (from X-Request-Id or generated)
            const requestId = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : String(request.id ?? randomUUID());
            return { viewer, loaders: new RequestLoaders(), requestId, clientAddress: request.ip ?? 'unknown' };
          },
        };
      },
    }),
  ],
})
export class GraphQLApiModule {}
