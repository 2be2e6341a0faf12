// The signed-in session. The access token lives in memory only; the refresh token (rotated at each use by the API,
// apps/api/src/identity) is kept in localStorage so a reload or a new tab stays signed in. Tokens travel in the
// Authorization header, never in cookies (the API has no cookie contract and no CSRF surface).
import { useSyncExternalStore } from 'react';

export interface SessionUser {
  id: string;
  displayName: string;
  email?: string | null;
  username?: string | null;
  emailVerified: boolean;
  locale: string;
}

export interface AuthResult {
  accessToken: string;
  refreshToken: string;
  user: SessionUser;
}

export interface SessionState {
  /** `unknown` while a stored refresh token is being exchanged at start-up. */
  status: 'unknown' | 'signedOut' | 'signedIn';
  user: SessionUser | null;
  /** Changes at each sign-in and sign-out (not at refreshes): the GraphQL client is rebuilt per generation. */
  generation: number;
}

const REFRESH_KEY = 'climathon.refreshToken';
/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_MS = 60_000;
const USER_FIELDS = 'id displayName email username emailVerified locale';

let accessToken: string | null = null;
let state: SessionState = { status: readRefreshToken() ? 'unknown' : 'signedOut', user: null, generation: 0 };
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<boolean> | null = null;
const listeners = new Set<() => void>();

function readRefreshToken(): string | null {
  try {
    return localStorage.getItem(REFRESH_KEY);
  } catch {
    return null;
  }
}

function writeRefreshToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(REFRESH_KEY, token);
    else localStorage.removeItem(REFRESH_KEY);
  } catch {
    // Private mode without storage: the session simply ends with the tab.
  }
}

function setState(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

export function getAccessToken(): string | null {
  return accessToken;
}

export function getSession(): SessionState {
  return state;
}

export function useSession(): SessionState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}

/** Milliseconds until the JWT's `exp`, or null when it cannot be read. */
function msUntilExpiry(token: string): number | null {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return typeof payload.exp === 'number' ? payload.exp * 1000 - Date.now() : null;
  } catch {
    return null;
  }
}

function scheduleRefresh(token: string): void {
  clearTimeout(refreshTimer);
  const remaining = msUntilExpiry(token);
  if (remaining === null) return;
  refreshTimer = setTimeout(() => void refreshSession(), Math.max(5_000, remaining - REFRESH_MARGIN_MS));
}

function apply(result: AuthResult, newGeneration: boolean): void {
  accessToken = result.accessToken;
  writeRefreshToken(result.refreshToken);
  scheduleRefresh(result.accessToken);
  setState({ status: 'signedIn', user: result.user, generation: newGeneration ? state.generation + 1 : state.generation });
}

/** After signUp, signIn or signInWithCode. */
export function startSession(result: AuthResult): void {
  apply(result, true);
}

export function updateSessionUser(user: Partial<SessionUser>): void {
  if (state.user) setState({ ...state, user: { ...state.user, ...user } });
}

function clear(): void {
  clearTimeout(refreshTimer);
  revocationExpected = false;
  accessToken = null;
  writeRefreshToken(null);
  if (state.status !== 'signedOut') setState({ status: 'signedOut', user: null, generation: state.generation + 1 });
}

async function postGraphQL<T>(query: string, variables: Record<string, unknown>): Promise<{ data?: T; errors?: { extensions?: { code?: string } }[] }> {
  const response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as { data?: T; errors?: { extensions?: { code?: string } }[] };
}

/** Runs `task` holding a lock shared by the tabs, so two tabs never spend the same refresh token (reuse revokes the session). */
async function withTabLock<T>(task: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && 'locks' in navigator) return navigator.locks.request('climathon-refresh', task);
  return task();
}

async function exchangeRefreshToken(): Promise<boolean> {
  return withTabLock(async () => {
    const stored = readRefreshToken(); // another tab may have rotated it: always the newest
    if (!stored) {
      clear();
      return false;
    }
    try {
      const answer = await postGraphQL<{ refreshToken: AuthResult }>(
        `mutation Refresh($token: String!) { refreshToken(refreshToken: $token) { accessToken refreshToken user { ${USER_FIELDS} } } }`,
        {
          token: stored,
        },
      );
      if (answer.data?.refreshToken) {
        apply(answer.data.refreshToken, state.status !== 'signedIn');
        return true;
      }
      clear(); // expired, revoked or reused: the session is over
      return false;
    } catch {
      // Offline or the API restarting: keep what we have and try again later.
      if (state.status === 'unknown') setState({ ...state, status: 'signedOut' });
      return false;
    }
  });
}

/** A new access token from the refresh token (one request at a time); false when the session is over. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= exchangeRefreshToken().finally(() => (refreshing = null));
  return refreshing;
}

/** Ends this session at the API (its access tokens and sockets stop at once) and here. */
export async function endSession(): Promise<void> {
  const stored = readRefreshToken();
  clear();
  if (stored) await postGraphQL(`mutation SignOut($token: String!) { signOut(refreshToken: $token) }`, { token: stored }).catch(() => undefined);
}

let revocationExpected = false;

/**
 * Runs a step that ends every session of the account at the API (sign out everywhere, erasure). From then until this tab
 * forgets its session, the API closing this tab's socket is expected, not news (see sessionRevokedElsewhere).
 */
export async function expectingRevocation(step: () => Promise<boolean>): Promise<boolean> {
  revocationExpected = true;
  const revoked = await step().catch(() => false);
  if (!revoked) revocationExpected = false;
  return revoked;
}

/** Sign out everywhere: `revoke` asks the API to end every session of the account (this one included), then this tab forgets its own. */
export async function endEverySession(revoke: () => Promise<boolean>): Promise<boolean> {
  const revoked = await expectingRevocation(revoke);
  if (revoked) clear();
  return revoked;
}

/** The API closed this session's socket as revoked (signed out elsewhere): a refused refresh signs this tab out now. */
export function sessionRevokedElsewhere(): void {
  if (!revocationExpected && state.status === 'signedIn') void refreshSession();
}

/** At start-up: a stored refresh token signs the tab in; sign-out in another tab signs this one out. */
export function restoreSession(): void {
  if (readRefreshToken()) void refreshSession();
  window.addEventListener('storage', (event) => {
    if (event.key === REFRESH_KEY && event.newValue === null && state.status === 'signedIn') clear();
  });
}

export const SESSION_USER_FIELDS = USER_FIELDS;
