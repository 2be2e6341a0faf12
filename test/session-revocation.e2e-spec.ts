import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import { SessionRevocation } from '#domain/identity/session-revocation.js';
import { startApi, type RunningApi } from './helpers/api.js';
import { signUp, type TestUser } from './helpers/factories.js';
import { gql, gqlOk, wsClient } from './helpers/graphql.js';
import { waitFor } from './helpers/wait.js';

const ME = `{ me { id } }`;
const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { accessToken refreshToken } }`;
const REFRESH = `mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }`;
const SUBSCRIBE = `subscription { notificationAdded { id } }`;

/** A subscribed socket and how it ended (its close code), if it did. */
function openSubscription(url: string, token: string): { client: Client; closed: () => number | null; errors: unknown[]; connected: Promise<void> } {
  const client = wsClient(url, token);
  let code: number | null = null;
  const errors: unknown[] = [];
  client.on('closed', (event) => (code = (event as { code: number }).code));
  const connected = new Promise<void>((resolve) => client.on('connected', () => resolve()));
  client.subscribe({ query: SUBSCRIBE }, { next: () => undefined, error: (e) => errors.push(e), complete: () => undefined });
  return { client, closed: () => code, errors, connected };
}

describe('revoked sessions end at once (HTTP and WebSocket)', () => {
  let api: RunningApi;
  let user: TestUser;
  beforeAll(async () => {
    api = await startApi();
    user = await signUp(api.url, { label: 'sessions' });
  });
  afterAll(async () => {
    await api.close();
  });

  const signIn = async () => (await gqlOk(api.url, SIGN_IN, { input: { email: user.email, password: user.password } })).signIn as { accessToken: string; refreshToken: string };
  const meId = async (token: string) => (await gqlOk(api.url, ME, {}, token)).me?.id ?? null;

  it('signOut ends that session’s access tokens before they expire, and only that session', async () => {
    const a = await signIn();
    const b = await signIn();
    expect(await meId(a.accessToken)).toBe(user.id);
    expect(await gqlOk(api.url, `mutation($t: String!) { signOut(refreshToken: $t) }`, { t: a.refreshToken })).toEqual({ signOut: true });
    expect(await meId(a.accessToken)).toBeNull();
    expect((await gql(api.url, `mutation { signOutEverywhere }`, {}, a.accessToken)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gql(api.url, REFRESH, { t: a.refreshToken })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await meId(b.accessToken)).toBe(user.id);
    // An unknown token changes nothing and answers the same.
    expect(await gqlOk(api.url, `mutation($t: String!) { signOut(refreshToken: $t) }`, { t: 'y'.repeat(43) })).toEqual({ signOut: true });
    expect(await meId(b.accessToken)).toBe(user.id);
  });

  it('reuse of a spent refresh token ends the family’s current access token at once', async () => {
    const first = await signIn();
    const rotated = (await gqlOk(api.url, REFRESH, { t: first.refreshToken })).refreshToken as { accessToken: string; refreshToken: string };
    expect(await meId(rotated.accessToken)).toBe(user.id);
    expect((await gql(api.url, REFRESH, { t: first.refreshToken })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await meId(rotated.accessToken)).toBeNull();
    expect(await meId(first.accessToken)).toBeNull();
  });

  it('signOutEverywhere ends every session, and a revoked token cannot open a socket', async () => {
    const a = await signIn();
    const b = await signIn();
    await gqlOk(api.url, `mutation { signOutEverywhere }`, {}, a.accessToken);
    expect(await meId(a.accessToken)).toBeNull();
    expect(await meId(b.accessToken)).toBeNull();
    const socket = openSubscription(api.wsUrl, b.accessToken);
    await waitFor(() => socket.closed() !== null, { what: 'refused socket' });
    expect(socket.closed()).toBe(4403);
    await socket.client.dispose();
  });

  it('an open WebSocket of a revoked session is closed within a second (Redis pub/sub), other sessions stay', async () => {
    const a = await signIn();
    const b = await signIn();
    const revoked = openSubscription(api.wsUrl, a.accessToken);
    const kept = openSubscription(api.wsUrl, b.accessToken);
    await Promise.all([revoked.connected, kept.connected]);
    const started = Date.now();
    await gqlOk(api.url, `mutation($t: String!) { signOut(refreshToken: $t) }`, { t: a.refreshToken });
    await waitFor(() => revoked.closed() !== null, { what: 'revoked socket closed', timeoutMs: 2000 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(revoked.closed()).toBe(4401);
    expect(kept.closed()).toBeNull();
    await Promise.all([revoked.client.dispose(), kept.client.dispose()]);
  });

  it('a revocation announced by another process (only through Redis) closes this process’s sockets', async () => {
    const a = await signIn();
    const socket = openSubscription(api.wsUrl, a.accessToken);
    await socket.connected;
    // The family id as another replica would announce it: look it up from the access token's claim.
    const sid = JSON.parse(Buffer.from(a.accessToken.split('.')[1]!, 'base64url').toString()).sid as string;
    expect(typeof sid).toBe('string');
    await gqlOk(api.url, ME, {}, a.accessToken); // cache now says 'active'
    const publisher = new Redis(process.env.REDIS_URL!);
    try {
      // Announce exactly as SessionRevocation.announce in another replica does (cache write, then publish).
      const other = api.app.get(SessionRevocation);
      await publisher.set(`${process.env.QUEUE_PREFIX}:session:${sid}`, 'revoked', 'EX', 60);
      await publisher.publish(other.channel, JSON.stringify([sid]));
    } finally {
      publisher.disconnect();
    }
    await waitFor(() => socket.closed() !== null, { what: 'socket closed by pub/sub', timeoutMs: 2000 });
    expect(socket.closed()).toBe(4401);
    expect(await meId(a.accessToken)).toBeNull();
    await socket.client.dispose();
  });

  it('should the revocation message be lost, the next operation on the socket is refused and closes it', async () => {
    const a = await signIn();
    const socket = openSubscription(api.wsUrl, a.accessToken);
    await socket.connected;
    const sid = JSON.parse(Buffer.from(a.accessToken.split('.')[1]!, 'base64url').toString()).sid as string;
    const redis = new Redis(process.env.REDIS_URL!);
    try {
      await redis.set(`${process.env.QUEUE_PREFIX}:session:${sid}`, 'revoked', 'EX', 60); // no publish
    } finally {
      redis.disconnect();
    }
    expect(socket.closed()).toBeNull();
    socket.client.subscribe({ query: SUBSCRIBE }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    await waitFor(() => socket.closed() !== null, { what: 'socket closed on next operation', timeoutMs: 2000 });
    expect(socket.closed()).toBe(4401);
    await socket.client.dispose();
  });

  it('SessionRevocation.revokeFamilies (the call erasure uses) ends every session of the user', async () => {
    const a = await signIn();
    const socket = openSubscription(api.wsUrl, a.accessToken);
    await socket.connected;
    const revoked = await api.app.get(SessionRevocation).revokeFamilies(user.id, 'all');
    expect(revoked.length).toBeGreaterThan(0);
    expect(await meId(a.accessToken)).toBeNull();
    await waitFor(() => socket.closed() !== null, { what: 'socket closed', timeoutMs: 2000 });
    await socket.client.dispose();
    // A fresh sign-in is a new session and works.
    expect(await meId((await signIn()).accessToken)).toBe(user.id);
  });

  it('a family is checked in PostgreSQL when the cache has no answer (an expired or missing key)', async () => {
    const a = await signIn();
    const sid = JSON.parse(Buffer.from(a.accessToken.split('.')[1]!, 'base64url').toString()).sid as string;
    const redis = new Redis(process.env.REDIS_URL!);
    try {
      await redis.del(`${process.env.QUEUE_PREFIX}:session:${sid}`);
      expect(await meId(a.accessToken)).toBe(user.id);
      expect(await redis.get(`${process.env.QUEUE_PREFIX}:session:${sid}`)).toBe('active');
    } finally {
      redis.disconnect();
    }
  });
});
