import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApi, type RunningApi } from './helpers/api.js';
import { signUp, uniqueEmail } from './helpers/factories.js';
import { gql, gqlError, gqlOk } from './helpers/graphql.js';

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { accessToken refreshToken user { id email displayName locale isAdmin } } }`;
const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { accessToken refreshToken user { id email } } }`;
const REFRESH = `mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken user { id } } }`;
const ME = `{ me { id email displayName locale isAdmin } }`;

describe('identity', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('signs up, then answers me with the user and their own email', async () => {
    const email = uniqueEmail('giulia');
    const data = await gqlOk(api.url, SIGN_UP, { input: { email, password: 'abcdefghij', displayName: 'Giulia', locale: 'en' } });
    expect(data.signUp.user).toMatchObject({ email, displayName: 'Giulia', locale: 'en', isAdmin: false });
    const me = await gqlOk(api.url, ME, {}, data.signUp.accessToken);
    expect(me.me).toEqual({ id: data.signUp.user.id, email, displayName: 'Giulia', locale: 'en', isAdmin: false });
  });

  it('defaults the locale to it', async () => {
    const data = await gqlOk(api.url, SIGN_UP, { input: { email: uniqueEmail(), password: 'abcdefghij', displayName: 'Marco' } });
    expect(data.signUp.user.locale).toBe('it');
  });

  it('answers me with null for anonymous callers and for an invalid token', async () => {
    expect((await gqlOk(api.url, ME)).me).toBeNull();
    expect((await gqlOk(api.url, ME, {}, 'not-a-jwt')).me).toBeNull();
  });

  it.each([
    ['password', { password: 'short9chr' }],
    ['email', { email: 'not-an-email' }],
    ['displayName', { displayName: '   ' }],
    ['locale', { locale: 'fr' }],
  ])('refuses an invalid %s with BAD_USER_INPUT and stores nothing', async (field, override) => {
    const email = uniqueEmail('bad');
    const error = await gqlError(api.url, SIGN_UP, { input: { email, password: 'abcdefghij', displayName: 'X', ...override } });
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field });
    if (field !== 'email') {
      expect((await gql(api.url, SIGN_IN, { input: { email, password: 'abcdefghij' } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('treats emails as unique case-insensitively (CONFLICT)', async () => {
    const email = uniqueEmail('Case');
    await gqlOk(api.url, SIGN_UP, { input: { email, password: 'abcdefghij', displayName: 'A' } });
    const error = await gqlError(api.url, SIGN_UP, { input: { email: email.toUpperCase(), password: 'abcdefghij', displayName: 'B' } });
    expect(error.code).toBe('CONFLICT');
    const signedIn = await gqlOk(api.url, SIGN_IN, { input: { email: email.toUpperCase(), password: 'abcdefghij' } });
    expect(signedIn.signIn.user.email).toBe(email);
  });

  it('refuses a wrong password or an unknown email with UNAUTHENTICATED', async () => {
    const user = await signUp(api.url);
    expect((await gqlError(api.url, SIGN_IN, { input: { email: user.email, password: 'wrong password' } })).code).toBe('UNAUTHENTICATED');
    expect((await gqlError(api.url, SIGN_IN, { input: { email: uniqueEmail('nobody'), password: 'whatever123' } })).code).toBe('UNAUTHENTICATED');
  });

  it('rotates refresh tokens: a new pair each time, the old token spent', async () => {
    const user = await signUp(api.url);
    const first = await gqlOk(api.url, REFRESH, { t: user.refreshToken });
    expect(first.refreshToken.refreshToken).not.toBe(user.refreshToken);
    expect(first.refreshToken.user.id).toBe(user.id);
    expect((await gqlOk(api.url, ME, {}, first.refreshToken.accessToken)).me.id).toBe(user.id);
    const second = await gqlOk(api.url, REFRESH, { t: first.refreshToken.refreshToken });
    expect(second.refreshToken.refreshToken).not.toBe(first.refreshToken.refreshToken);
  });

  it('revokes the whole family when a spent refresh token is reused', async () => {
    const user = await signUp(api.url);
    const rotated = await gqlOk(api.url, REFRESH, { t: user.refreshToken });
    expect((await gqlError(api.url, REFRESH, { t: user.refreshToken })).code).toBe('UNAUTHENTICATED');
    // The thief's reuse also kills the legitimate newer token of the same family.
    expect((await gqlError(api.url, REFRESH, { t: rotated.refreshToken.refreshToken })).code).toBe('UNAUTHENTICATED');
    // Another sign-in starts a new family that still works.
    const signedIn = await gqlOk(api.url, SIGN_IN, { input: { email: user.email, password: user.password } });
    await gqlOk(api.url, REFRESH, { t: signedIn.signIn.refreshToken });
  });

  it('refuses an unknown refresh token', async () => {
    expect((await gqlError(api.url, REFRESH, { t: 'x'.repeat(43) })).code).toBe('UNAUTHENTICATED');
    expect((await gqlError(api.url, REFRESH, { t: '' })).code).toBe('UNAUTHENTICATED');
  });

  it('answers a protected operation without a token with UNAUTHENTICATED', async () => {
    const error = await gqlError(api.url, `mutation { createOrganization(input: { name: "X", kind: SCHOOL }) { id } }`);
    expect(error.code).toBe('UNAUTHENTICATED');
  });
});
