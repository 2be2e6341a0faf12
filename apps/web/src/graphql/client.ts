import { cacheExchange, Client, fetchExchange, subscriptionExchange, type SubscriptionForwarder } from 'urql';
import { getAccessToken, refreshSession, sessionRevokedElsewhere } from '../identity/session';
import { currentLocale } from '../i18n/locale-store';

interface GraphQLErrorBody {
  errors?: { extensions?: { code?: string } }[];
}

const isUnauthenticated = (body: GraphQLErrorBody | null): boolean => !!body?.errors?.some((error) => error.extensions?.code === 'UNAUTHENTICATED');

/** fetch that, when a token was sent and the API answers UNAUTHENTICATED (the access token expired), refreshes once and retries. */
async function fetchWithRefresh(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const sentToken = getAccessToken();
  const response = await fetch(input, init);
  if (!sentToken) return response;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as GraphQLErrorBody | null;
  if (!isUnauthenticated(body) || !(await refreshSession())) return response;
  const headers = new Headers(init?.headers);
  headers.set('authorization', `Bearer ${getAccessToken()}`);
  return fetch(input, { ...init, headers });
}

function authHeaders(): Record<string, string> {
  const token = getAccessToken();
  return { 'accept-language': currentLocale(), ...(token ? { authorization: `Bearer ${token}` } : {}) };
}

/** The close code of the API's sockets whose session was revoked (apps/api/src/graphql/graphql.module.ts). */
const SESSION_REVOKED_CLOSE = 4401;

export interface GraphQLConnection {
  client: Client;
  dispose(): void;
}

/**
 * One urql client per session generation (sign-in and sign-out start a new one: no cached data or socket survives).
 * Subscriptions go over graphql-ws on the same /graphql path; the socket library is loaded only when a screen subscribes,
 * so a signed-out visitor of the gallery never downloads it.
 */
export function createGraphQLConnection(): GraphQLConnection {
  let socket: { dispose(): void } | undefined;
  let socketPromise: Promise<import('graphql-ws').Client> | undefined;
  let disposed = false;
  const openSocket = () =>
    (socketPromise ??= import('graphql-ws').then(({ createClient }) => {
      const client = createClient({
        url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
        // Read at each (re)connection, so a refreshed token is used after a reconnect. A browser sets no headers on the
        // upgrade request, so the language errors are worded in travels here, as Accept-Language does on HTTP.
        connectionParams: () => {
          const token = getAccessToken();
          return { 'accept-language': currentLocale(), ...(token ? { authorization: `Bearer ${token}` } : {}) };
        },
        lazy: true,
        retryAttempts: Infinity,
        shouldRetry: () => true,
        // The API closes a revoked session's sockets with 4401 (signed out elsewhere, password changed): find out at
        // once whether the session is over (the refresh is refused, the tab signs out) instead of at the next request.
        on: {
          closed: (event) => {
            if ((event as { code?: number } | undefined)?.code === SESSION_REVOKED_CLOSE) sessionRevokedElsewhere();
          },
        },
      });
      socket = client;
      if (disposed) void client.dispose();
      return client;
    }));

  const forwardSubscription: SubscriptionForwarder = (request) => ({
    subscribe(sink) {
      let unsubscribe: (() => void) | undefined;
      let cancelled = false;
      void openSocket().then((ws) => {
        if (!cancelled) unsubscribe = ws.subscribe({ ...request, query: request.query ?? '' }, sink);
      });
      return {
        unsubscribe() {
          cancelled = true;
          unsubscribe?.();
        },
      };
    },
  });

  const client = new Client({
    url: '/graphql',
    exchanges: [cacheExchange, fetchExchange, subscriptionExchange({ forwardSubscription })],
    fetch: fetchWithRefresh,
    fetchOptions: () => ({ headers: authHeaders() }),
    preferGetMethod: false,
  });
  return {
    client,
    dispose() {
      disposed = true;
      socket?.dispose();
    },
  };
}
