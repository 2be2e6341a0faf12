import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
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
