import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { IncomingMessage } from 'node:http';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLSchemaHost, GraphQLModule as NestGraphQLModule } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { PinoLogger } from 'nestjs-pino';
import { WebSocket } from 'ws';
import { IdentityService } from '#domain/identity/identity.service.js';
import { SessionRevocation } from '#domain/identity/session-revocation.js';
import { ANONYMOUS, type Viewer } from '#domain/viewer.js';
import { AppConfig } from '#platform/config/app-config.js';
import { DomainError } from '#platform/errors/domain-error.js';
import { requestLocale, viewerLocale, type AcceptLanguage } from '../common/viewer-locale.js';
import type { GqlContext } from './gql-context.js';
import { formatError, isUnexpectedError, tellErrorsIn } from './format-error.js';
import { currentHttpRequest } from './http-request-scope.js';
import { LimitedApolloDriver, type LimitedGraphQLWsOptions } from './graphql-ws-driver.js';
import { checkOperation, limitRules, parseOperation } from './operation-limits.js';
import { complexityLimitPlugin, rejectNulCharactersPlugin } from './query-limits.js';
import { clientAddressOf, SocketCounter, TOO_MANY_SOCKETS_CLOSE } from './socket-limits.js';
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
  readonly readyState: number;
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

/** What this module keeps on graphql-ws's `extra` of a socket (beside its `socket` and upgrade `request`). */
interface WsExtra {
  viewer?: Viewer;
  /** The user this socket is counted for in `socketsPerUser`. */
  countedUser?: string;
  request?: IncomingMessage;
}

interface WsContext {
  connectionParams?: Record<string, unknown>;
  extra?: WsExtra;
}

/**
 * The Accept-Language of a socket: the one its `connection_init` payload names (a browser cannot set headers on the
 * upgrade request, so the web client sends its language there), else the upgrade request's header.
 */
function socketAcceptLanguage(ws: WsContext | undefined): AcceptLanguage {
  const params = ws?.connectionParams ?? {};
  const named = params['accept-language'] ?? params['Accept-Language'];
  if (typeof named === 'string' && named.length > 0) return named;
  return ws?.extra?.request?.headers['accept-language'];
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

/**
 * Errors in the viewer's language (docs/rules.md): once a request has errors, and before Apollo formats them, find the
 * viewer's locale (`viewerLocale`) and tell the formatter. A request without errors reads nothing. A request Apollo
 * refuses before its pipeline (BAD_REQUEST: no query, a batch, a GET mutation) is worded from its headers.
 */
function localizeErrorsPlugin(identity: IdentityService): ApolloServerPlugin<GqlContext> {
  const tell = async (errors: readonly unknown[], context: GqlContext | undefined) => {
    if (errors.length > 0) tellErrorsIn(errors, await viewerLocale(identity, context?.viewer, context?.acceptLanguage));
  };
  return {
    async invalidRequestWasReceived({ error }) {
      const request = currentHttpRequest();
      if (request) tellErrorsIn([error], await requestLocale(identity, request.headers));
    },
    async requestDidStart() {
      return {
        didEncounterErrors: async ({ errors, contextValue }) => tell(errors, contextValue),
        didEncounterSubsequentErrors: async ({ contextValue }, errors) => tell(errors, contextValue),
      };
    },
  };
}

/** An error answered before an operation runs on the WebSocket, worded by the formatter like any DomainError. */
const wsRefusal = (error: DomainError) => new GraphQLError(error.key, { originalError: error });

@Module({
  imports: [
    NestGraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: LimitedApolloDriver,
      inject: [IdentityService, SessionRevocation, AppConfig, PinoLogger, GraphQLSchemaHost],
      useFactory: (identity: IdentityService, sessions: SessionRevocation, config: AppConfig, logger: PinoLogger, schemaHost: GraphQLSchemaHost): ApolloDriverConfig => {
        const sockets = new SessionSockets();
        // Revocations anywhere (this process or another replica, through Redis pub/sub) close the session's sockets.
        sessions.onRevoked((familyIds) => sockets.closeSessions(familyIds));
        const socketOf = (extra: unknown): ClosableSocket | undefined => (extra as { socket?: ClosableSocket }).socket;
        // Per API process: behind a load balancer each replica counts its own sockets (README "WebSocket limits").
        const socketsPerAddress = new SocketCounter(config.WS_MAX_SOCKETS_PER_ADDRESS);
        const socketsPerUser = new SocketCounter(config.WS_MAX_SOCKETS_PER_USER);
        const limits = { maxDepth: config.GRAPHQL_MAX_DEPTH, maxCost: config.GRAPHQL_MAX_COST };
        const formatWsErrors = async (errors: readonly GraphQLError[], ws: WsContext) => {
          const locale = await viewerLocale(identity, ws.extra?.viewer, socketAcceptLanguage(ws));
          return errors.map((error) => {
            if (isUnexpectedError(error)) logger.error({ err: error.originalError ?? error, path: error.path }, 'Unexpected error in GraphQL operation over WebSocket');
            return formatError(error.toJSON(), error, locale);
          });
        };
        const graphqlWs: LimitedGraphQLWsOptions = {
          path: '/graphql',
          maxPayload: config.WS_MAX_PAYLOAD_BYTES,
          onProtocolFault: (error) => logger.info({ code: error.code }, 'WebSocket closed: the client broke the protocol'),
          onOpen: (socket, request) => {
            const address = clientAddressOf(request, config.TRUST_PROXY);
            if (!socketsPerAddress.tryAdd(address)) {
              socket.close(TOO_MANY_SOCKETS_CLOSE, 'Too many sockets from this address');
              return false;
            }
            socket.once('close', () => socketsPerAddress.remove(address));
            return true;
          },
          onConnect: async (ctx) => {
            const params = (ctx.connectionParams ?? {}) as Record<string, unknown>;
            const token = bearer(params.authorization ?? params.Authorization);
            if (!token) return true; // anonymous: every operation then answers UNAUTHENTICATED
            const viewer = await identity.viewerFromAccessToken(token);
            if (!viewer) return false; // a bad (or revoked) token closes the socket (4403)
            const socket = socketOf(ctx.extra);
            const extra = ctx.extra as WsExtra;
            // Closed while the token was checked: onClose has run already, so nothing may be counted for it now.
            if (socket?.readyState === WebSocket.CLOSED) return false;
            if (viewer.userId) {
              if (!socketsPerUser.tryAdd(viewer.userId)) {
                socket?.close(TOO_MANY_SOCKETS_CLOSE, 'Too many sockets for this user');
                return false;
              }
              extra.countedUser = viewer.userId;
            }
            extra.viewer = viewer;
            if (viewer.sessionId && socket) sockets.add(viewer.sessionId, socket);
            return true;
          },
          onClose: (ctx) => {
            const extra = ctx.extra as WsExtra;
            const socket = socketOf(ctx.extra);
            if (extra.countedUser) socketsPerUser.remove(extra.countedUser);
            if (extra.viewer?.sessionId && socket) sockets.remove(extra.viewer.sessionId, socket);
          },
          // graphql-ws bypasses Apollo's formatError: map subscription errors to the rules' codes here too
          // (otherwise FORBIDDEN / NOT_FOUND / UNAUTHENTICATED arrive without extensions.code, and unexpected errors unmasked).
          onNext: async (ctx, _id, _payload, _args, result) => (result.errors?.length ? { ...result, errors: await formatWsErrors(result.errors, ctx as WsContext) } : undefined),
          // Every operation passes what HTTP checks (operation-limits.ts) before it runs; a refusal is an `error`
          // message for that one operation, and the socket stays open.
          onSubscribe: async (ctx, _id, payload) => {
            // First, before any await: graphql-ws has already counted this operation in ctx.subscriptions.
            if (Object.keys(ctx.subscriptions).length > config.WS_MAX_OPERATIONS_PER_SOCKET) {
              return [wsRefusal(DomainError.rateLimited('request.tooManyOperations', { max: config.WS_MAX_OPERATIONS_PER_SOCKET }, { reason: 'TOO_MANY_OPERATIONS' }))];
            }
            // Every operation re-checks the session: should a revocation message be lost, the socket still ends here.
            const viewer = (ctx.extra as WsExtra).viewer;
            if (viewer?.sessionId && !(await sessions.isActive(viewer.sessionId))) {
              socketOf(ctx.extra)?.close(SESSION_REVOKED_CLOSE, 'Session revoked');
              return [wsRefusal(DomainError.unauthenticated('request.sessionRevoked'))];
            }
            // An anonymous socket may only use public streams, and there are none: refused before any parsing.
            if (!viewer?.userId) return [wsRefusal(DomainError.unauthenticated('request.socketSignIn'))];
            // graphql-ws itself would close the whole socket (4500) on a query that does not parse.
            const parsed = parseOperation(payload.query);
            if ('errors' in parsed) return parsed.errors;
            const { document } = parsed;
            const schema = schemaHost.schema;
            const request = { document, operationName: payload.operationName, variables: payload.variables };
            const refused = checkOperation(schema, request, limits);
            if (refused.length > 0) return refused;
            // Checked here, so graphql-ws neither parses nor validates again.
            return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
          },
          // An operation refused before it runs is answered with an `error` message, not `next`.
          onError: (ctx, _id, _payload, errors) => formatWsErrors(errors, ctx),
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
          validationRules: limitRules(limits),
          plugins: [
            rejectNulCharactersPlugin(),
            complexityLimitPlugin(config.GRAPHQL_MAX_COST), // before the response cache: a cached answer is still priced
            ...publicResponseCachePlugins(config.PUBLIC_CACHE_MAX_AGE_SECONDS),
            logUnexpectedErrors(logger),
            localizeErrorsPlugin(identity),
          ],
          subscriptions: { 'graphql-ws': graphqlWs },
          context: async (requestOrWs: FastifyRequest | WsContext): Promise<GqlContext> => {
            if ('connectionParams' in requestOrWs || 'extra' in requestOrWs) {
              const ws: WsContext = requestOrWs;
              const clientAddress = clientAddressOf(ws.extra?.request, config.TRUST_PROXY);
              return {
                viewer: ws.extra?.viewer ?? ANONYMOUS,
                loaders: new RequestLoaders(),
                requestId: randomUUID(),
                clientAddress,
                acceptLanguage: socketAcceptLanguage(ws),
              };
            }
            const request = requestOrWs as FastifyRequest;
            const token = bearer(request.headers?.authorization);
            const viewer = (token && (await identity.viewerFromAccessToken(token))) || ANONYMOUS;
            const rawId = (request.raw as { id?: unknown })?.id; // pino-http's request id (from X-Request-Id or generated)
            const requestId = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : String(request.id ?? randomUUID());
            return { viewer, loaders: new RequestLoaders(), requestId, clientAddress: request.ip ?? 'unknown', acceptLanguage: request.headers?.['accept-language'] };
          },
        };
      },
    }),
  ],
})
export class GraphQLApiModule {}
