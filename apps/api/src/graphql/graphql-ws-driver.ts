import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Injectable } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import type { GraphQLSchema } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';

/** Nest's typed options leave out graphql-ws's onError, but every option reaches graphql-ws's useServer. */
export type GraphQLWsOptions = GraphQLWsSubscriptionsConfig & Pick<ServerOptions<Record<string, unknown>, Extra>, 'onError'>;

/** The graphql-ws options plus what only the socket server (ws) can enforce. */
export interface LimitedGraphQLWsOptions extends GraphQLWsOptions {
  /** The largest message ws reads; a bigger one closes the socket with 1009 (Message Too Big) before it is buffered whole. */
  maxPayload: number;
  /** Each socket as it opens, before graphql-ws sees it: false when the hook closed it. */
  onOpen?: (socket: WebSocket, request: IncomingMessage) => boolean;
  /** A client broke the WebSocket protocol (a message over maxPayload, bad UTF-8...): ws has closed the socket already. */
  onProtocolFault?: (error: Error & { code: string }) => void;
}

const isProtocolFault = (error: unknown): error is Error & { code: string } => {
  const code: unknown = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('WS_ERR_');
};

/**
 * ws closes the socket itself when the client breaks the protocol (1009 for a message over maxPayload, 1007, 1002)
 * and then emits 'error', which graphql-ws reports on the console as an internal error of the server. Those errors
 * are the client's: they go to `onFault` instead, and every other event passes on untouched.
 */
function divertProtocolFaults(socket: WebSocket, onFault: (error: Error & { code: string }) => void): void {
  const emit = socket.emit.bind(socket) as (event: string | symbol, ...args: unknown[]) => boolean;
  socket.emit = ((event: string | symbol, ...args: unknown[]): boolean => {
    if (event === 'error' && isProtocolFault(args[0])) {
      onFault(args[0]);
      return true;
    }
    return emit(event, ...args);
  }) as WebSocket['emit'];
}

/**
 * Apollo's Nest driver, with the graphql-ws server built here instead of by Nest's GqlSubscriptionService, which gives
 * no way to set ws's `maxPayload` (100 MiB by default) nor to see a socket before graphql-ws does.
 * HTTP is untouched: everything but `subscriptions` goes to Apollo as before.
 */
@Injectable()
export class LimitedApolloDriver extends ApolloDriver {
  private disposeWs?: () => Promise<void>;

  constructor(modulesContainer: ModulesContainer) {
    super(modulesContainer);
  }

  override async start(options: ApolloDriverConfig): Promise<void> {
    const { subscriptions, ...http } = options;
    await super.start({ ...http, installSubscriptionHandlers: false });
    const ws = subscriptions?.['graphql-ws'];
    const server = this.httpAdapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!ws || typeof ws !== 'object' || !server) return;
    this.disposeWs = serveGraphQLWs(server, options.schema!, options.context, { path: options.path, ...(ws as LimitedGraphQLWsOptions) });
  }

  override async stop(): Promise<void> {
    await this.disposeWs?.();
    await super.stop();
  }
}

function serveGraphQLWs(server: Server, schema: GraphQLSchema, context: unknown, options: LimitedGraphQLWsOptions): () => Promise<void> {
  const { maxPayload, onOpen, onProtocolFault = () => undefined, path, ...graphqlWs } = options;
  const wss = new WebSocketServer({ noServer: true, path, maxPayload });
  const served = useServer({ schema, context: context as ServerOptions['context'], ...(graphqlWs as ServerOptions<Record<string, unknown>, Extra>) }, wss);
  // Every upgrade is ws's to answer: a path other than /graphql gets its 400 instead of a socket left hanging.
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) =>
    wss.handleUpgrade(request, socket, head, (ws) => {
      divertProtocolFaults(ws, onProtocolFault);
      if (onOpen && !onOpen(ws, request)) return;
      wss.emit('connection', ws, request);
    });
  server.on('upgrade', onUpgrade);
  return async () => {
    server.off('upgrade', onUpgrade);
    await served.dispose();
  };
}
