import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { DomainError } from '#platform/errors/domain-error.js';
import { RateLimits } from '#platform/rate-limit/rate-limits.js';
import { startApi, type RunningApi } from './helpers/api.js';
import { createTeam, publishedChallenge, school } from './helpers/challenge-factories.js';
import { signUp, uniqueEmail } from './helpers/factories.js';
import { gql, gqlOk } from './helpers/graphql.js';

const LIMITS = {
  RATE_LIMIT_SIGN_UP_PER_ADDRESS: '4',
  RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '3',
  RATE_LIMIT_SIGN_IN_PER_ADDRESS: '1000',
  RATE_LIMIT_JOIN_TEAM_PER_USER: '3',
};
const SIGN_UP = `mutation($i: SignUpInput!) { signUp(input: $i) { user { id } } }`;
const SIGN_IN = `mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }`;
const JOIN = `mutation($code: String!) { joinTeam(joinCode: $code) { id } }`;

/** An API with small limits; the run's other tests use huge ones (test/global-setup.mjs). */
describe('rate limits (RATE_LIMITED)', () => {
  let api: RunningApi;
  let redis: Redis;
  const saved: Record<string, string | undefined> = {};

  async function clearCounters(): Promise<void> {
    const keys = await redis.keys(`${process.env.QUEUE_PREFIX}:rate:*`);
    if (keys.length) await redis.del(...keys);
  }

  beforeAll(async () => {
    redis = new Redis(process.env.REDIS_URL!);
    for (const [name, value] of Object.entries(LIMITS)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await clearCounters();
    redis.disconnect();
  });

  it('limits sign-ups per client address, and the refused one creates nothing', async () => {
    await clearCounters();
    for (let i = 0; i < 4; i++) {
      await gqlOk(api.url, SIGN_UP, { i: { email: uniqueEmail('burst'), password: 'password-123', displayName: 'Burst' } });
    }
    const email = uniqueEmail('refused');
    const refused = await gql(api.url, SIGN_UP, { i: { email, password: 'password-123', displayName: 'Refused' } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    await clearCounters();
    // The refused address was never stored: signing up with it now works.
    await gqlOk(api.url, SIGN_UP, { i: { email, password: 'password-123', displayName: 'Later' } });
  });

  it('limits failed sign-ins per account, without touching other accounts; success clears the count', async () => {
    await clearCounters();
    const victim = await signUp(api.url, { label: 'victim' });
    const other = await signUp(api.url, { label: 'other' });
    for (let i = 0; i < 2; i++) {
      const wrong = await gql(api.url, SIGN_IN, { i: { email: victim.email, password: 'wrong-password-1' } });
      expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    // A success clears the failures...
    await gqlOk(api.url, SIGN_IN, { i: { email: victim.email, password: victim.password } });
    for (let i = 0; i < 3; i++) await gql(api.url, SIGN_IN, { i: { email: victim.email.toUpperCase(), password: 'wrong-password-1' } });
    // ...and the fourth attempt within the window is refused, even with the right password and another letter case.
    const blocked = await gql(api.url, SIGN_IN, { i: { email: victim.email, password: victim.password } });
    expect(blocked.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(blocked.data?.signIn ?? null).toBeNull();
    // Another account from the same address is not affected.
    await gqlOk(api.url, SIGN_IN, { i: { email: other.email, password: other.password } });
  });

  it('limits joinTeam attempts per user, so join codes cannot be guessed by trying', async () => {
    await clearCounters();
    const { challenge } = await publishedChallenge(api.url);
    const { teacher, schoolId } = await school(api.url);
    const team = await createTeam(api.url, teacher, { challengeId: challenge.id, schoolId });
    const guesser = await signUp(api.url, { label: 'guesser' });
    for (const code of ['AAAAAAAA', 'BBBBBBBB', 'CCCCCCCC']) {
      const miss = await gql(api.url, JOIN, { code }, guesser.token);
      expect(miss.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const refused = await gql(api.url, JOIN, { code: team.joinCode }, guesser.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    const members = await gqlOk(api.url, `query($id: ID!) { team(id: $id) { members { user { id } } } }`, { id: team.id }, teacher.token);
    expect(members.team.members.map((m: { user: { id: string } }) => m.user.id)).not.toContain(guesser.id);
    // Another student is not affected.
    const honest = await signUp(api.url, { label: 'honest' });
    await gqlOk(api.url, JOIN, { code: team.joinCode }, honest.token);
  });
});

/** Issue 12.6: the default limits fit a school venue (one address) and still stop floods and lockout abuse. */
describe('limits that fit schools (default configuration)', () => {
  const OVERRIDDEN = [
    'RATE_LIMIT_SIGN_UP_PER_ADDRESS',
    'RATE_LIMIT_SIGN_IN_PER_ADDRESS',
    'RATE_LIMIT_SIGN_IN_PER_ACCOUNT',
    'RATE_LIMIT_SIGN_IN_FAILURES_PER_ACCOUNT',
    'RATE_LIMIT_ACCOUNT_EMAILS_PER_ADDRESS',
  ];
  const VENUE = '127.0.0.1'; // every request of this test comes from here, like a school behind one NAT
  let api: RunningApi;
  let redis: Redis;
  let limits: RateLimits;
  const saved: Record<string, string | undefined> = {};

  async function clearCounters(): Promise<void> {
    const keys = await redis.keys(`${process.env.QUEUE_PREFIX}:rate:*`);
    if (keys.length) await redis.del(...keys);
  }

  beforeAll(async () => {
    redis = new Redis(process.env.REDIS_URL!);
    for (const name of OVERRIDDEN) {
      saved[name] = process.env[name];
      delete process.env[name]; // the defaults of AppConfig
    }
    api = await startApi();
    limits = api.app.get(RateLimits);
  });
  afterAll(async () => {
    await api.close();
    for (const [name, value] of Object.entries(saved)) if (value !== undefined) process.env[name] = value;
    await clearCounters();
    redis.disconnect();
  });

  it('300 students sign up and sign in from one address within 15 minutes; a flood is then stopped', async () => {
    await clearCounters();
    // 295 classmates through the real limiter (argon2 for 600 accounts would take minutes of this shared machine)...
    for (let i = 0; i < 295; i++) await limits.consume('signUpAddress', VENUE);
    // ...and the last 5 through the API, sign-up then sign-in: all succeed.
    const students = [];
    for (let i = 0; i < 5; i++) students.push(await signUp(api.url, { label: `venue${i}` }));
    for (let i = 0; i < 295; i++) await limits.guardSignIn('password', `classmate${i}@example.test`, VENUE, async () => true);
    for (const s of students) await gqlOk(api.url, SIGN_IN, { i: { email: s.email, password: s.password } });
    // Room for retries remains (450 sign-ups per 15 minutes), then the flood is refused and creates nothing.
    for (let i = 0; i < 150; i++) await limits.consume('signUpAddress', VENUE);
    const email = uniqueEmail('flood');
    const refused = await gql(api.url, SIGN_UP, { i: { email, password: 'password-123', displayName: 'Flood' } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await gql(api.url, SIGN_IN, { i: { email, password: 'password-123' } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // Sign-ins: 1000 per address per 15 minutes (301 spent so far, the refused sign-up's check included).
    for (let i = 0; i < 1000 - 301; i++) await limits.consume('signInAddress', VENUE);
    const flood = await gql(api.url, SIGN_IN, { i: { email: students[0]!.email, password: students[0]!.password } });
    expect(flood.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('wrong passwords lock that account’s password sign-in from that address only: not its roster code, not others', async () => {
    await clearCounters();
    const victim = await signUp(api.url, { label: 'victim' });
    const classmate = await signUp(api.url, { label: 'classmate' });
    for (let i = 0; i < 10; i++) {
      const wrong = await gql(api.url, SIGN_IN, { i: { email: victim.email, password: `wrong-password-${i}` } });
      expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const locked = await gql(api.url, SIGN_IN, { i: { email: victim.email, password: victim.password } });
    expect(locked.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(locked.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    // Another account at the same venue signs in.
    await gqlOk(api.url, SIGN_IN, { i: { email: classmate.email, password: classmate.password } });
    // The same account from home (another address) still signs in with its password...
    await expect(limits.guardSignIn('password', victim.email, '198.51.100.7', async () => 'ok')).resolves.toBe('ok');
    // ...and its roster code (signInWithCode's key) is never locked by wrong passwords.
    await expect(limits.guardSignIn('code', victim.email, VENUE, async () => 'ok')).resolves.toBe('ok');
  });

  it('guessing spread over many addresses locks the account’s password sign-in (100 failures), never its code', async () => {
    await clearCounters();
    const target = 'spread-target@example.test';
    const refuse = async () => {
      throw DomainError.unauthenticated('identity.invalidCredentials');
    };
    for (let i = 0; i < 100; i++) await expect(limits.guardSignIn('password', target, `203.0.113.${i}`, refuse)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(limits.guardSignIn('password', target, '192.0.2.1', async () => 'ok')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(limits.guardSignIn('code', target, '192.0.2.1', async () => 'ok')).resolves.toBe('ok');
    // Wrong codes count apart, per account and address: 10 from one address lock only that pair.
    for (let i = 0; i < 10; i++) await expect(limits.guardSignIn('code', target, VENUE, refuse)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(limits.guardSignIn('code', target, VENUE, async () => 'ok')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(limits.guardSignIn('code', target, '192.0.2.1', async () => 'ok')).resolves.toBe('ok');
    await expect(limits.guardSignIn('code', 'other-student', VENUE, async () => 'ok')).resolves.toBe('ok');
  });
});
