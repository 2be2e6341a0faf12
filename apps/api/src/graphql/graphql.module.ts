import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule as NestGraphQLModule, type GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { GraphQLError, parse } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { PinoLogger } from 'nestjs-pino';
import { IdentityService } from '#domain/identity/identity.service.js';
import { SessionRevocation } from '#domain/identity/session-revocation.js';
import { ANONYMOUS, type Viewer } from '#domain/viewer.js';
import { AppConfig } from '#platform/config/app-config.js';
import type { GqlContext } from './gql-context.js';
import { formatError, isUnexpectedError } from './format-error.js';
import { documentLimitsRule } from './document-limits.js';
import { complexityLimitPlugin, rejectNulCharactersPlugin } from './query-limits.js';
import { RequestLoaders } from './request-loaders.js';
import { answerPreloadedFields } from './preloaded-fields.js';
import { cacheControlDirective } from './cache-hints.js';
import { publicResponseCachePlugins } from './public-response-cache.js';

const bearer = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
  return match?.[1] ?? null;
};

/** The close code graphql-ws clients know as Unauthorized (and do not retry). */
const SESSION_REVOKED_CLOSE = 4401;

interface ClosableSocket {
  close(code: number, reason: string): void;
}

/** The authenticated sockets of this process by session, so a revocation closes them at once. */
class SessionSockets {
  private readonly bySession = new Map<string, Set<ClosableSocket>>();

  add(sessionId: string, socket: ClosableSocket): void {
    let set = this.bySession.get(sessionId);
    if (!set) this.bySession.set(sessionId, (set = new Set()));
    set.add(socket);
  }

  remove(sessionId: string, socket: ClosableSocket): void {
    const set = this.bySession.get(sessionId);
    set?.delete(socket);
    if (set?.size === 0) this.bySession.delete(sessionId);
  }

  closeSessions(sessionIds: readonly string[]): void {
    for (const id of sessionIds) {
      const set = this.bySession.get(id);
      if (!set) continue;
      this.bySession.delete(id);
      for (const socket of set) socket.close(SESSION_REVOKED_CLOSE, 'Session revoked');
    }
  }
}

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
      inject: [IdentityService, SessionRevocation, AppConfig, PinoLogger],
      useFactory: (identity: IdentityService, sessions: SessionRevocation, config: AppConfig, logger: PinoLogger): ApolloDriverConfig => {
        const sockets = new SessionSockets();
        // Revocations anywhere (this process or another replica, through Redis pub/sub) close the session's sockets.
        sessions.onRevoked((familyIds) => sockets.closeSessions(familyIds));
        const socketOf = (extra: unknown): ClosableSocket | undefined => (extra as { socket?: ClosableSocket }).socket;
        const graphqlWs: GraphQLWsOptions = {
          path: '/graphql',
          onConnect: async (ctx) => {
            const params = (ctx.connectionParams ?? {}) as Record<string, unknown>;
            const token = bearer(params.authorization ?? params.Authorization);
            if (!token) return true; // anonymous: subscriptions then answer UNAUTHENTICATED
            const viewer = await identity.viewerFromAccessToken(token);
            if (!viewer) return false; // a bad (or revoked) token closes the socket (4403)
            (ctx.extra as { viewer?: Viewer }).viewer = viewer;
            const socket = socketOf(ctx.extra);
            if (viewer.sessionId && socket) sockets.add(viewer.sessionId, socket);
            return true;
          },
          onClose: (ctx) => {
            const viewer = (ctx.extra as { viewer?: Viewer }).viewer;
            const socket = socketOf(ctx.extra);
            if (viewer?.sessionId && socket) sockets.remove(viewer.sessionId, socket);
          },
          // graphql-ws bypasses Apollo's formatError: map subscription errors to PRODUCT.md's codes here too
          // (otherwise FORBIDDEN / NOT_FOUND / UNAUTHENTICATED arrive without extensions.code, and unexpected errors unmasked).
          onNext: (_ctx, _id, _payload, _args, result) =>
            result.errors?.length ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) } : undefined,
          // graphql-ws closes the whole socket (4500) on a query that does not parse: refuse the one subscription instead.
          onSubscribe: async (ctx, _id, payload) => {
            // Every operation re-checks the session: should a revocation message be lost, the socket still ends here.
            const viewer = (ctx.extra as { viewer?: Viewer }).viewer;
            if (viewer?.sessionId && !(await sessions.isActive(viewer.sessionId))) {
              socketOf(ctx.extra)?.close(SESSION_REVOKED_CLOSE, 'Session revoked');
              return [new GraphQLError('Session revoked', { extensions: { code: 'UNAUTHENTICATED' } })];
            }
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
          validationRules: [documentLimitsRule(config.GRAPHQL_MAX_DEPTH)],
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
