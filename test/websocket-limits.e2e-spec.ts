// The WebSocket transport enforces what HTTP does (issue 17.2): depth, cost, fragment and NUL checks before an
// operation runs, each refusal the same error as over HTTP and for that one operation only (the socket stays open);
// a message over 1 MiB closes the socket; at most 100 operations at once per socket; sockets capped per user and per
// address; an anonymous socket gets UNAUTHENTICATED for everything (there are no public streams).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApi, type RunningApi } from './helpers/api.js';
import { signUp, type TestUser } from './helpers/factories.js';
import { fragmentBomb } from './helpers/documents.js';
import { gql, gqlOk, trackedWsClient, wsOperation } from './helpers/graphql.js';
import { waitFor } from './helpers/wait.js';

const ME = '{ me { id } }';
const nested = (depth: number): string => (depth === 0 ? 'id' : `members { user { id } organization { ${nested(depth - 1)} } }`);
const DEEP = `query Deep { organizations(first: 5) { edges { node { ${nested(6)} } } } }`;
const COSTLY = `query Costly { ${Array.from({ length: 50 }, (_, i) => `a${i}: challenges(first: 100) { edges { node { id title } } }`).join(' ')} }`;
const CYCLE = 'query Cycle { ...A }\nfragment A on Query { ...B }\nfragment B on Query { ...A }';
const CURSOR = 'query($after: String) { organizations(first: 5, after: $after) { totalCount } }';
const UPDATE_PROFILE = 'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id displayName } }';

describe('WebSocket limits', () => {
  let api: RunningApi;
  let user: TestUser;

  beforeAll(async () => {
    api = await startApi();
    // An English user: the messages asserted are English (error-locale.e2e-spec.ts shows the Italian ones).
    user = await signUp(api.url, { label: 'ws-limits', displayName: 'Giulia Rossi', locale: 'en' });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('refuses what HTTP refuses, with the same error, for that one operation: the socket stays open and usable', async () => {
    const hostile: { what: string; query: string; variables?: Record<string, unknown>; message: RegExp }[] = [
      { what: 'depth', query: DEEP, message: /The operation «Deep» is nested deeper than the limit of 10 levels/ },
      { what: 'cost', query: COSTLY, message: /The query costs \d+ points, above the limit of 5000/ },
      { what: 'fragment bomb', query: fragmentBomb(25), message: /more than 50000 fields/ },
      { what: 'fragment bomb of 40', query: fragmentBomb(40), message: /more than 50000 fields/ },
      { what: 'fragment cycle', query: CYCLE, message: /The fragment «A» includes itself/ },
      { what: 'NUL in a variable', query: CURSOR, variables: { after: 'abc\u0000' }, message: /null character \(U\+0000\)/ },
      { what: 'NUL in a mutation input', query: UPDATE_PROFILE, variables: { input: { displayName: 'Giulia\u0000' } }, message: /null character \(U\+0000\)/ },
      { what: 'NUL in a literal', query: '{ organizations(first: 5, after: "x\\u0000") { totalCount } }', message: /null character \(U\+0000\)/ },
      { what: 'syntax error', query: '{ me { id }', message: /syntax error at line 1, column 12/ },
    ];
    const socket = trackedWsClient(api.wsUrl, user.token);
    try {
      for (const { what, query, variables, message } of hostile) {
        const overHttp = await gql(api.url, query, variables ?? {}, user.token);
        expect(overHttp.status).toBe(400);
        const overWs = await wsOperation(socket.client, query, variables);
        expect({ what, outcome: overWs.refused ? 'refused' : overWs }).toEqual({ what, outcome: 'refused' });
        expect(overWs.refused![0]!.message).toMatch(message);
        expect(overWs.refused![0]!.extensions?.code).toBe('BAD_USER_INPUT');
        // Not merely the same code: the very error HTTP answers (message, locations and extensions).
        expect({ what, errors: overWs.refused }).toEqual({ what, errors: overHttp.errors });
        // The socket is still the first one, and answers the next operation.
        expect({ what, next: await wsOperation(socket.client, ME) }).toEqual({ what, next: { result: { data: { me: { id: user.id } } } } });
      }
      expect(socket.connections()).toBe(1);
      expect(socket.closes).toEqual([]);
      // The refused mutation changed nothing.
      expect(await gqlOk(api.url, '{ me { displayName } }', {}, user.token)).toEqual({ me: { displayName: 'Giulia Rossi' } });
    } finally {
      await socket.client.dispose();
    }
  });

  it('still runs a legitimate operation with nested fragments and variables', async () => {
    const socket = trackedWsClient(api.wsUrl, user.token);
    try {
      expect((await wsOperation(socket.client, fragmentBomb(4))).result).toEqual({ data: { __typename: 'Query' } });
      const renamed = await wsOperation(socket.client, UPDATE_PROFILE, { input: { displayName: 'Giulia Bianchi' } });
      expect(renamed.result).toEqual({ data: { updateProfile: { id: user.id, displayName: 'Giulia Bianchi' } } });
    } finally {
      await socket.client.dispose();
    }
  });

  it('closes the socket on a message over 1 MiB (1009), and answers one just under it', async () => {
    const socket = trackedWsClient(api.wsUrl, user.token);
    try {
      // Just under 1 MiB: read and answered (an invalid cursor), the socket stays.
      const under = await wsOperation(socket.client, CURSOR, { after: 'x'.repeat(1024 * 1024 - 1024) });
      expect(under.result?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(socket.closes).toEqual([]);
      const over = await wsOperation(socket.client, UPDATE_PROFILE, { input: { displayName: 'x'.repeat(1024 * 1024) } });
      expect(over).toEqual({ closed: 1009 });
      expect(socket.closes).toEqual([1009]);
      expect(await gqlOk(api.url, '{ me { displayName } }', {}, user.token)).toEqual({ me: { displayName: 'Giulia Bianchi' } });
    } finally {
      await socket.client.dispose();
    }
  });

  it('holds at most 100 operations at once on one socket: the 101st is refused with RATE_LIMITED, the socket stays', async () => {
    const socket = trackedWsClient(api.wsUrl, user.token);
    const disposers: (() => void)[] = [];
    const errors: unknown[] = [];
    try {
      for (let i = 0; i < 100; i++) {
        disposers.push(
          socket.client.subscribe(
            { query: 'subscription { notificationAdded { id } }' },
            { next: () => undefined, error: (e: unknown) => errors.push(e), complete: () => undefined },
          ),
        );
      }
      // Messages are handled in order, so the 101st meets the 100 subscriptions before it.
      const refused = await wsOperation(socket.client, ME);
      expect(refused.refused?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(refused.refused?.[0]?.message).toBe('At most 100 operations at once on one WebSocket.');
      const again = await wsOperation(socket.client, 'subscription { notificationAdded { id } }');
      expect(again.refused?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      // Ending one subscription makes room for one operation.
      disposers.pop()!();
      expect((await wsOperation(socket.client, ME)).result).toEqual({ data: { me: { id: user.id } } });
      expect(errors).toEqual([]);
      expect(socket.connections()).toBe(1);
      expect(socket.closes).toEqual([]);
    } finally {
      for (const dispose of disposers) dispose();
      await socket.client.dispose();
    }
  });

  it('answers every operation of an anonymous socket UNAUTHENTICATED (no public streams), and keeps the socket', async () => {
    const socket = trackedWsClient(api.wsUrl);
    try {
      for (const query of ['subscription { notificationAdded { id } }', '{ __typename }', DEEP, fragmentBomb(25), CYCLE]) {
        const outcome = await wsOperation(socket.client, query);
        expect(outcome.refused?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      }
      const outcome = await wsOperation(socket.client, UPDATE_PROFILE, { input: { displayName: 'Anon' } });
      expect(outcome.refused?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(socket.connections()).toBe(1);
      expect(socket.closes).toEqual([]);
    } finally {
      await socket.client.dispose();
    }
  });
});

/** An API of its own with some settings changed (read at boot), restored afterwards. */
function apiWith(env: Record<string, string>): { api: () => RunningApi } {
  let api: RunningApi;
  const saved: Record<string, string | undefined> = {};
  beforeAll(async () => {
    for (const [name, value] of Object.entries(env)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    api = await startApi();
  });
  afterAll(async () => {
    await api?.close();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  return { api: () => api };
}

describe('WebSocket sockets per user (per API process)', () => {
  const { api } = apiWith({ WS_MAX_SOCKETS_PER_USER: '3' });

  it('closes a user’s socket over the cap with 4429, not another user’s; a closed socket frees its place', async () => {
    const a = await signUp(api().url, { label: 'ws-cap-a' });
    const b = await signUp(api().url, { label: 'ws-cap-b' });
    const open: ReturnType<typeof trackedWsClient>[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const socket = trackedWsClient(api().wsUrl, a.token);
        open.push(socket);
        expect((await wsOperation(socket.client, ME)).result).toEqual({ data: { me: { id: a.id } } });
      }
      const fourth = trackedWsClient(api().wsUrl, a.token);
      open.push(fourth);
      expect(await wsOperation(fourth.client, ME)).toEqual({ closed: 4429 });
      expect(fourth.connections()).toBe(0);
      // Another user is not counted with a.
      const other = trackedWsClient(api().wsUrl, b.token);
      open.push(other);
      expect((await wsOperation(other.client, ME)).result).toEqual({ data: { me: { id: b.id } } });
      // a's first three still work.
      for (const socket of open.slice(0, 3)) expect((await wsOperation(socket.client, ME)).result).toEqual({ data: { me: { id: a.id } } });
      // Once the server has seen one of them close, a may open one again.
      await open[0]!.client.dispose();
      const back = await waitFor(
        async () => {
          const socket = trackedWsClient(api().wsUrl, a.token);
          open.push(socket);
          const outcome = await wsOperation(socket.client, ME);
          if (!outcome.result) expect(outcome).toEqual({ closed: 4429 });
          return outcome.result;
        },
        { what: 'a free place for a' },
      );
      expect(back).toEqual({ data: { me: { id: a.id } } });
    } finally {
      for (const socket of open) await socket.client.dispose();
    }
  });
});

describe('WebSocket sockets per address (per API process)', () => {
  const { api } = apiWith({ WS_MAX_SOCKETS_PER_ADDRESS: '4' });

  it('closes a socket over the per-address cap with 4429 as it opens, anonymous or not; the others stay', async () => {
    const users = await Promise.all([1, 2, 3, 4].map((i) => signUp(api().url, { label: `ws-addr-${i}` })));
    const open: ReturnType<typeof trackedWsClient>[] = [];
    try {
      for (const someone of users.slice(0, 3)) {
        const socket = trackedWsClient(api().wsUrl, someone.token);
        open.push(socket);
        expect((await wsOperation(socket.client, ME)).result).toEqual({ data: { me: { id: someone.id } } });
      }
      const anonymous = trackedWsClient(api().wsUrl);
      open.push(anonymous);
      expect((await wsOperation(anonymous.client, ME)).refused?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      // Four sockets from 127.0.0.1: the fifth is closed, whoever opens it.
      for (const token of [users[3]!.token, undefined]) {
        const over = trackedWsClient(api().wsUrl, token);
        open.push(over);
        expect(await wsOperation(over.client, ME)).toEqual({ closed: 4429 });
        expect(over.connections()).toBe(0);
      }
      for (const [index, socket] of open.slice(0, 3).entries()) expect((await wsOperation(socket.client, ME)).result).toEqual({ data: { me: { id: users[index]!.id } } });
      expect(open.slice(0, 4).flatMap((socket) => socket.closes)).toEqual([]);
    } finally {
      for (const socket of open) await socket.client.dispose();
    }
  });
});
