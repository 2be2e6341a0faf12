import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { startApi, type RunningApi } from './helpers/api.js';
import { openDatabase } from './helpers/db.js';
import { addMember, createOrganization, signUp, uniqueEmail, type TestUser } from './helpers/factories.js';
import { gql, gqlError, gqlOk } from './helpers/graphql.js';
import { startSmtpSink, type ReceivedEmail } from './helpers/smtp-sink.js';
import { sleep, waitFor } from './helpers/wait.js';
import { startWorker, type RunningWorker } from './helpers/worker.js';

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { accessToken refreshToken user { id emailVerified } } }`;
const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { accessToken refreshToken } }`;
const ME = `{ me { id displayName locale emailVerified } }`;
const VERIFY = `mutation($t: String!) { verifyEmail(token: $t) { id emailVerified } }`;
const REQUEST_RESET = `mutation($e: String!) { requestPasswordReset(email: $e) }`;
const RESET = `mutation($i: ResetPasswordInput!) { resetPassword(input: $i) }`;
const CHANGE = `mutation($i: ChangePasswordInput!) { changePassword(input: $i) }`;
const PROFILE = `mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { displayName locale } }`;

/** The email body as text: quoted-printable soft breaks and escapes undone (enough for the link). */
function bodyText(email: ReceivedEmail): string {
  return email.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function linkToken(email: ReceivedEmail): string {
  const match = /\?token=([A-Za-z0-9_-]{20,})/.exec(bodyText(email));
  if (!match?.[1]) throw new Error(`no token link in ${email.raw}`);
  return match[1];
}

describe('identity flows', () => {
  let api: RunningApi;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let db: DataSource;
  const savedSmtp = process.env.SMTP_URL;

  const emailsTo = (address: string, kind: string) =>
    [...smtp.verificationMessages, ...smtp.messages].filter((m) => m.to.includes(address.toLowerCase()) && m.headers['x-notification-kind'] === kind);
  const waitEmail = (address: string, kind: string) => waitFor(() => emailsTo(address, kind).at(-1), { what: `${kind} email to ${address}` });

  beforeAll(async () => {
    smtp = await startSmtpSink();
    process.env.SMTP_URL = smtp.url;
    api = await startApi();
    db = await openDatabase();
  });
  afterAll(async () => {
    await api.close();
    await db.destroy();
    await smtp.close();
    process.env.SMTP_URL = savedSmtp;
  });

  async function rawSignUp(locale: 'it' | 'en' = 'it') {
    const email = uniqueEmail('flow');
    const data = await gqlOk(api.url, SIGN_UP, { input: { email, password: 'first-password', displayName: 'Giulia R.', locale } });
    return {
      email,
      password: 'first-password',
      id: data.signUp.user.id as string,
      token: data.signUp.accessToken as string,
      refreshToken: data.signUp.refreshToken as string,
      verified: data.signUp.user.emailVerified as boolean,
    };
  }

  describe('email verification', () => {
    it('sign-up emails a single-use link (Italian, X-Notification-Kind: EMAIL_VERIFICATION) stored only as a hash', async () => {
      const user = await rawSignUp('it');
      expect(user.verified).toBe(false);
      const email = await waitEmail(user.email, 'EMAIL_VERIFICATION');
      expect(email.subject).toContain('Conferma il tuo indirizzo email');
      const token = linkToken(email);
      const stored: { token_hash: string }[] = await db.query(`SELECT token_hash FROM account_token WHERE user_id = $1`, [user.id]);
      expect(stored).toHaveLength(1);
      expect(stored[0]!.token_hash).not.toContain(token);

      const verified = await gqlOk(api.url, VERIFY, { t: token });
      expect(verified.verifyEmail).toEqual({ id: user.id, emailVerified: true });
      expect((await gqlOk(api.url, ME, {}, user.token)).me.emailVerified).toBe(true);
      // Single use.
      expect(await gqlError(api.url, VERIFY, { t: token })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    });

    it('English for an English user; a new request replaces the old link; an expired or forged link is BAD_USER_INPUT', async () => {
      const user = await rawSignUp('en');
      const first = linkToken(await waitEmail(user.email, 'EMAIL_VERIFICATION'));
      expect(emailsTo(user.email, 'EMAIL_VERIFICATION')[0]!.subject).toBe('Confirm your email address');
      expect(await gqlOk(api.url, `mutation { requestEmailVerification }`, {}, user.token)).toEqual({ requestEmailVerification: true });
      await waitFor(() => emailsTo(user.email, 'EMAIL_VERIFICATION').length === 2, { what: 'second link' });
      const second = linkToken(emailsTo(user.email, 'EMAIL_VERIFICATION')[1]!);
      expect(await gqlError(api.url, VERIFY, { t: first })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
      expect(await gqlError(api.url, VERIFY, { t: 'x'.repeat(43) })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
      api.clock.advance(49 * 3600_000);
      try {
        expect(await gqlError(api.url, VERIFY, { t: second })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
      } finally {
        api.clock.advance(-49 * 3600_000);
      }
      expect((await gqlOk(api.url, ME, {}, user.token)).me.emailVerified).toBe(false);
      expect((await gql(api.url, `mutation { requestEmailVerification }`)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('an unverified account gets in-app notifications but no email other than the verification', async () => {
      const worker: RunningWorker = await startWorker();
      try {
        const owner = await signUp(api.url, { label: 'owner' });
        const orgId = await createOrganization(api.url, owner);
        const unverified = await signUp(api.url, { label: 'unverified', unverified: true });
        const verified = await signUp(api.url, { label: 'verified' });
        await addMember(api.url, owner, orgId, unverified);
        await addMember(api.url, owner, orgId, verified);
        await waitEmail(verified.email, 'ORGANIZATION_MEMBER_ADDED');
        const inApp = await waitFor(
          async () => (await gqlOk(api.url, `{ myNotifications(first: 10) { edges { node { kind } } } }`, {}, unverified.token)).myNotifications.edges.length,
          {
            what: 'in-app notification',
          },
        );
        expect(inApp).toBe(1);
        await sleep(500);
        const toUnverified = [...smtp.verificationMessages, ...smtp.messages].filter((m) => m.to.includes(unverified.email.toLowerCase()));
        expect(toUnverified.map((m) => m.headers['x-notification-kind'])).toEqual(['EMAIL_VERIFICATION']);
      } finally {
        await worker.close();
      }
    });
  });

  describe('password reset', () => {
    it('answers the same for unknown and known addresses; only the known one gets an email', async () => {
      const user = await rawSignUp('en');
      const unknown = uniqueEmail('nobody');
      const known = await gql(api.url, REQUEST_RESET, { e: user.email.toUpperCase() });
      const stranger = await gql(api.url, REQUEST_RESET, { e: unknown });
      expect(known).toEqual(stranger);
      expect(known).toMatchObject({ status: 200, data: { requestPasswordReset: true } });
      const email = await waitEmail(user.email, 'PASSWORD_RESET');
      expect(email.subject).toBe('Reset your password');
      await sleep(300);
      expect(smtp.messages.filter((m) => m.to.includes(unknown.toLowerCase()))).toHaveLength(0);
      expect(await gqlError(api.url, REQUEST_RESET, { e: 'not-an-email' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
    });

    it('the link sets a new password once, ends every session at once, and is dead after 1 hour', async () => {
      const user = await rawSignUp('it');
      const other = await gqlOk(api.url, SIGN_IN, { input: { email: user.email, password: user.password } });
      await gqlOk(api.url, REQUEST_RESET, { e: user.email });
      const email = await waitEmail(user.email, 'PASSWORD_RESET');
      expect(email.subject).toBe('Reimposta la password');
      const token = linkToken(email);

      // A short password is refused and spends nothing.
      expect(await gqlError(api.url, RESET, { i: { token, newPassword: 'short' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
      expect((await gqlOk(api.url, ME, {}, user.token)).me?.id).toBe(user.id);

      await gqlOk(api.url, RESET, { i: { token, newPassword: 'second-password' } });
      expect((await gqlOk(api.url, ME, {}, user.token)).me).toBeNull();
      expect((await gqlOk(api.url, ME, {}, other.signIn.accessToken)).me).toBeNull();
      expect((await gql(api.url, `mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken } }`, { t: user.refreshToken })).errors?.[0]?.extensions?.code).toBe(
        'UNAUTHENTICATED',
      );
      expect((await gql(api.url, SIGN_IN, { input: { email: user.email, password: user.password } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const fresh = await gqlOk(api.url, SIGN_IN, { input: { email: user.email, password: 'second-password' } });
      // The link proved the address.
      expect((await gqlOk(api.url, ME, {}, fresh.signIn.accessToken)).me.emailVerified).toBe(true);
      expect(await gqlError(api.url, RESET, { i: { token, newPassword: 'third-password' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });

      await gqlOk(api.url, REQUEST_RESET, { e: user.email });
      await waitFor(() => emailsTo(user.email, 'PASSWORD_RESET').length === 2, { what: 'second reset' });
      const late = linkToken(emailsTo(user.email, 'PASSWORD_RESET')[1]!);
      api.clock.advance(61 * 60_000);
      try {
        expect(await gqlError(api.url, RESET, { i: { token: late, newPassword: 'third-password' } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
      } finally {
        api.clock.advance(-61 * 60_000);
      }
    });
  });

  describe('change password and profile', () => {
    let user: TestUser;
    beforeAll(async () => {
      user = await signUp(api.url, { label: 'changer' });
    });

    it('refuses a wrong or missing current password and a short new one, changing nothing', async () => {
      expect(await gqlError(api.url, CHANGE, { i: { currentPassword: 'wrong-password', newPassword: 'another-password' } }, user.token)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'currentPassword',
      });
      expect(await gqlError(api.url, CHANGE, { i: { newPassword: 'another-password' } }, user.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
      expect(await gqlError(api.url, CHANGE, { i: { currentPassword: user.password, newPassword: 'short' } }, user.token)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'newPassword',
      });
      expect((await gql(api.url, CHANGE, { i: { currentPassword: user.password, newPassword: 'another-password' } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      await gqlOk(api.url, SIGN_IN, { input: { email: user.email, password: user.password } });
    });

    it('changes the password: the other sessions end at once, this one stays', async () => {
      const other = await gqlOk(api.url, SIGN_IN, { input: { email: user.email, password: user.password } });
      await gqlOk(api.url, CHANGE, { i: { currentPassword: user.password, newPassword: 'another-password' } }, user.token);
      expect((await gqlOk(api.url, ME, {}, user.token)).me.id).toBe(user.id);
      expect((await gqlOk(api.url, ME, {}, other.signIn.accessToken)).me).toBeNull();
      expect((await gql(api.url, SIGN_IN, { input: { email: user.email, password: user.password } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      await gqlOk(api.url, SIGN_IN, { input: { email: user.email, password: 'another-password' } });
    });

    it('updates display name and locale; bad values are BAD_USER_INPUT naming the field and change nothing', async () => {
      expect((await gqlOk(api.url, PROFILE, { i: { displayName: 'Giulia Rossi', locale: 'en' } }, user.token)).updateProfile).toEqual({
        displayName: 'Giulia Rossi',
        locale: 'en',
      });
      expect(await gqlError(api.url, PROFILE, { i: { displayName: 'Mallory', locale: 'fr' } }, user.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'locale' });
      expect(await gqlError(api.url, PROFILE, { i: { displayName: '   ' } }, user.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'displayName' });
      expect((await gqlOk(api.url, ME, {}, user.token)).me).toMatchObject({ displayName: 'Giulia Rossi', locale: 'en' });
      expect((await gql(api.url, PROFILE, { i: { displayName: 'Anon' } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });
});
