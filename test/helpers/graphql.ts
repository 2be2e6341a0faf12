import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface GqlError {
  message: string;
  extensions?: { code?: string; field?: string; [key: string]: unknown };
  path?: (string | number)[];
}
export interface GqlResponse<T = any> {
  status: number;
  data?: T;
  errors?: GqlError[];
}

/** POSTs one operation to the running API, as any client would. */
export async function gql<T = any>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GqlResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: { data?: T; errors?: GqlError[] } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = { errors: [{ message: text }] };
  }
  return { status: response.status, data: body.data ?? undefined, errors: body.errors };
}

/** The data of a successful operation; fails the test with the errors otherwise. */
export async function gqlOk<T = any>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const result = await gql<T>(url, query, variables, token);
  if (result.errors?.length || !result.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  }
  return result.data;
}

/** The code of the first error (and its field), for asserting failures. */
export async function gqlError(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<{ code?: string; field?: string; message: string; data?: unknown }> {
  const result = await gql(url, query, variables, token);
  const error = result.errors?.[0];
  if (!error) throw new Error(`Expected an error, got ${JSON.stringify(result.data)}`);
  return { code: error.extensions?.code, field: error.extensions?.field, message: error.message, data: result.data };
}

/** A graphql-ws client with the connection_init payload of docs/rules.md. */
export function wsClient(wsUrl: string, token?: string): Client {
  return createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

/** Subscribes and collects every payload into an array until disposed. */
export function collect<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const received: { data?: T; errors?: unknown }[] = [];
  const errors: unknown[] = [];
  let completed = false;
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => received.push(value as { data?: T }),
      error: (error) => errors.push(error),
      complete: () => (completed = true),
    },
  );
  return { received, errors, isCompleted: () => completed, dispose };
}

/** How one operation over a socket ended: its (first) result, the `error` message that refused it, or the socket's close code. */
export interface WsOutcome {
  result?: { data?: any; errors?: GqlError[] };
  refused?: GqlError[];
  closed?: number;
}

export function wsOperation(client: Client, query: string, variables: Record<string, unknown> = {}): Promise<WsOutcome> {
  return new Promise((resolve) => {
    let result: WsOutcome['result'];
    // Not disposed here: the client releases an operation itself once it completes or fails.
    client.subscribe(
      { query, variables },
      {
        next: (value) => void (result ??= value as WsOutcome['result']),
        error: (error) => resolve(Array.isArray(error) ? { refused: error as GqlError[] } : { closed: (error as { code?: number }).code ?? -1 }),
        complete: () => resolve(result ? { result } : {}),
      },
    );
  });
}

/**
 * A socket opened at once and kept open between operations (not lazy, never retried), recording how often it
 * connected and how it closed: one connection and no close prove that the refusals left it open.
 */
export function trackedWsClient(url: string, token?: string) {
  let connections = 0;
  const closes: number[] = [];
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => undefined, // recorded in `closes`
    on: {
      connected: () => void connections++,
      closed: (event) => void closes.push((event as { code: number }).code),
    },
  });
  return { client, connections: () => connections, closes };
}
