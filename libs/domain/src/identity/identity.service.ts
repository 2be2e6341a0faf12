import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { AppConfig } from '#platform/config/app-config.js';
import { Clock } from '#platform/clock/clock.js';
import { hmacSecretKey } from '#platform/crypto/jwt-keys.js';
import { hashPassword, verifyPassword } from '#platform/crypto/passwords.js';
import { DomainError, isUniqueViolation } from '#platform/errors/domain-error.js';
import { normalizeSignInCode } from '../rosters/roster-credentials.js';
import { RosterStudent } from '../rosters/roster-student.entity.js';
import { check, checkInput } from '../validation.js';
import { type Viewer } from '../viewer.js';
import { AccountEmails } from './account-emails.js';
import { AccountToken, type AccountTokenPurpose } from './account-token.entity.js';
import { RefreshToken } from './refresh-token.entity.js';
import { SessionRevocation } from './session-revocation.js';
import { LOCALES, User, type Locale } from './user.entity.js';

export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 256;

export interface AuthResult {
  accessToken: string;
  refreshToken: string;
  user: User;
}

interface AccessClaims {
  sub: string;
  adm: boolean;
  /** The refresh family: checked on every request, so revoking it ends this token at once. */
  sid: string;
}

const VERIFICATION_TTL_MS = 48 * 3600_000;
const RESET_TTL_MS = 3600_000;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

// A real hash to verify against when the email is unknown, so timing does not reveal which emails exist.
const dummyHash = hashPassword('timing-equaliser-password');

@Injectable()
export class IdentityService {
  /** JWT_SECRET as a key object, made once (see hmacSecretKey): access tokens are verified on every request. */
  private readonly accessKey: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly sessions: SessionRevocation,
    private readonly emails: AccountEmails,
  ) {
    this.accessKey = hmacSecretKey(config.JWT_SECRET);
  }

  /** `options.verified`: for seeds and the CLI only (never the API), an account whose address the operator vouches for. */
  async signUp(input: { email: string; password: string; displayName: string; locale?: string | null }, options: { verified?: boolean } = {}): Promise<AuthResult> {
    // Every invalid field at once.
    const { email, password, displayName, locale } = checkInput((field) => ({
      email: field(() => check.email('email', input.email)),
      password: field(() => this.checkPassword(input.password)),
      displayName: field(() => check.line('displayName', input.displayName, 1, 100)),
      locale: field(() => this.checkLocale(input.locale ?? 'it')),
    }));
    const passwordHash = await hashPassword(password);
    const user = await this.dataSource.transaction(async (manager) => {
      try {
        return await manager.save(
          User,
          manager.create(User, { email, passwordHash, displayName, locale, isAdmin: false, emailVerifiedAt: options.verified ? this.clock.now() : null }),
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw DomainError.conflict('identity.emailTaken');
        throw error;
      }
    });
    if (!options.verified) {
      const token = await this.createAccountToken(user.id, 'EMAIL_VERIFICATION', VERIFICATION_TTL_MS);
      void this.emails.send('EMAIL_VERIFICATION', user, token);
    }
    return this.issueTokens(user, randomUUID());
  }

  /**
   * Email and password. A roster student (no email) who chose a password gives their username in `email`: a value
   * without `@` is looked up as a username, so addresses are unaffected.
   */
  async signIn(input: { email: string; password: string }): Promise<AuthResult> {
    const account = input.email.trim();
    const user = await this.dataSource.getRepository(User).findOneBy(account.includes('@') ? { email: account } : { username: account.toLowerCase() });
    // A roster student without a password has no email either, so is never found here; the guard is for safety.
    const valid = user?.passwordHash ? await verifyPassword(user.passwordHash, input.password) : (await verifyPassword(await dummyHash, input.password), false);
    if (!user || !valid) throw DomainError.unauthenticated('identity.invalidCredentials');
    return this.issueTokens(user, randomUUID());
  }

  /**
   * A roster student signs in with their username and one-time code (argon2id-verified like a password). The code
   * works until the student chooses a password or their coach issues a new one. The same answer for an unknown
   * username, a wrong code and a spent code, in about the same time.
   */
  async signInWithCode(usernameInput: string, codeInput: string): Promise<AuthResult> {
    const invalid = () => DomainError.unauthenticated('identity.invalidCode');
    const username = typeof usernameInput === 'string' && usernameInput.length <= 100 ? usernameInput.trim().toLowerCase() : '';
    const code = normalizeSignInCode(codeInput);
    const user = username ? await this.dataSource.getRepository(User).findOneBy({ username }) : null;
    const roster = user ? await this.dataSource.getRepository(RosterStudent).findOneBy({ userId: user.id }) : null;
    const usable = roster?.codeHash && !user!.passwordHash ? roster.codeHash : null;
    const valid = usable && code ? await verifyPassword(usable, code) : (await verifyPassword(await dummyHash, code ?? String(codeInput ?? '').slice(0, 64)), false);
    if (!user || !valid) throw invalid();
    return this.issueTokens(user, randomUUID());
  }

  /**
   * Rotates a refresh token: the presented token is spent and a new one of the same family issued.
   * Presenting a spent token again is treated as theft: the whole family is revoked.
   */
  async refresh(presented: string): Promise<AuthResult> {
    const invalid = () => DomainError.unauthenticated('identity.invalidRefreshToken');
    if (typeof presented !== 'string' || presented.length < 20 || presented.length > 200) throw invalid();
    // Reuse revokes the family, so a refusal must commit before it is thrown.
    type Outcome = { error: DomainError; revokedFamily?: string } | { error?: undefined; user: User; familyId: string };
    const outcome = await this.dataSource.transaction(async (manager): Promise<Outcome> => {
      const token = await manager.findOne(RefreshToken, {
        where: { tokenHash: sha256(presented) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!token || token.revokedAt) return { error: invalid() };
      if (token.usedAt) {
        await manager.update(RefreshToken, { familyId: token.familyId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
        return { error: invalid(), revokedFamily: token.familyId };
      }
      if (token.expiresAt <= this.clock.now()) return { error: invalid() };
      await manager.update(RefreshToken, { id: token.id }, { usedAt: this.clock.now() });
      const user = await manager.findOneByOrFail(User, { id: token.userId });
      return { user, familyId: token.familyId };
    });
    if (outcome.error) {
      // Reuse means theft: the family's access tokens and sockets end now, not in 15 minutes.
      if (outcome.revokedFamily) await this.sessions.announce([outcome.revokedFamily]);
      throw outcome.error;
    }
    return this.issueTokens(outcome.user, outcome.familyId);
  }

  /** Verifies an access token; null when missing, malformed or expired. */
  async viewerFromAccessToken(token: string | undefined | null): Promise<Viewer | null> {
    if (!token) return null;
    try {
      const claims = await this.jwt.verifyAsync<AccessClaims>(token, { secret: this.accessKey, algorithms: ['HS256'] });
      // A token without a family could not be revoked: refused.
      if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') return null;
      if (!(await this.sessions.isActive(claims.sid))) return null;
      return { userId: claims.sub, isAdmin: claims.adm === true, sessionId: claims.sid };
    } catch {
      return null;
    }
  }

  async usersByIds(ids: readonly string[]): Promise<User[]> {
    return this.dataSource.getRepository(User).findBy({ id: In([...ids]) });
  }

  /** The language a user chose (docs/rules.md: their errors and emails speak it), or null for an unknown or erased user. */
  async localeOf(userId: string): Promise<Locale | null> {
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: userId }, select: { id: true, locale: true } });
    return user?.locale ?? null;
  }

  async findByEmail(email: string, manager: EntityManager = this.dataSource.manager): Promise<User | null> {
    return manager.findOneBy(User, { email: email.trim() });
  }

  /** Creates or promotes a platform admin (CLI only, never through the API). */
  async createAdmin(emailInput: string, password: string): Promise<User> {
    const email = check.email('email', emailInput);
    const passwordHash = await hashPassword(this.checkPassword(password));
    const repo = this.dataSource.getRepository(User);
    const existing = await repo.findOneBy({ email });
    if (existing) {
      // The operator vouches for the address of an admin they create.
      await repo.update({ id: existing.id }, { isAdmin: true, passwordHash, emailVerifiedAt: existing.emailVerifiedAt ?? this.clock.now() });
      return repo.findOneByOrFail({ id: existing.id });
    }
    return repo.save(repo.create({ email, passwordHash, displayName: email.split('@')[0] ?? 'admin', locale: 'it', isAdmin: true, emailVerifiedAt: this.clock.now() }));
  }

  private async issueTokens(user: User, familyId: string): Promise<AuthResult> {
    const claims: AccessClaims = { sub: user.id, adm: user.isAdmin, sid: familyId };
    const accessToken = await this.jwt.signAsync(claims, {
      secret: this.accessKey,
      algorithm: 'HS256',
      expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
    });
    const refreshToken = randomBytes(32).toString('base64url');
    await this.dataSource.getRepository(RefreshToken).insert({
      userId: user.id,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(this.clock.now().getTime() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000),
    });
    return { accessToken, refreshToken, user };
  }

  /** Sends a new verification link (earlier unused links stop working); nothing when already verified. */
  async requestEmailVerification(viewer: Viewer): Promise<void> {
    const user = await this.currentUser(viewer);
    if (user.emailVerifiedAt || !user.email) return;
    const token = await this.createAccountToken(user.id, 'EMAIL_VERIFICATION', VERIFICATION_TTL_MS);
    void this.emails.send('EMAIL_VERIFICATION', user, token);
  }

  async verifyEmail(token: string): Promise<User> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.spendAccountToken(manager, 'EMAIL_VERIFICATION', token);
      await manager.update(User, { id: row.userId, emailVerifiedAt: IsNull() }, { emailVerifiedAt: this.clock.now() });
      return manager.findOneByOrFail(User, { id: row.userId });
    });
  }

  /**
   * Emails a reset link when the address has an account; answers the same either way (no enumeration). The send is not
   * awaited, so the time of the answer does not tell either.
   */
  async requestPasswordReset(emailInput: string): Promise<void> {
    const email = check.email('email', emailInput);
    const user = await this.findByEmail(email);
    if (!user) return;
    const token = await this.createAccountToken(user.id, 'PASSWORD_RESET', RESET_TTL_MS);
    void this.emails.send('PASSWORD_RESET', user, token);
  }

  /** Sets the password from a reset link and revokes every session of the user; the link also proves the address. */
  async resetPassword(token: string, newPassword: string): Promise<void> {
    const password = this.checkPassword(newPassword, 'newPassword');
    const passwordHash = await hashPassword(password);
    const revoked = await this.dataSource.transaction(async (manager) => {
      const row = await this.spendAccountToken(manager, 'PASSWORD_RESET', token);
      await manager.update(User, { id: row.userId }, { passwordHash });
      await manager.update(User, { id: row.userId, emailVerifiedAt: IsNull() }, { emailVerifiedAt: this.clock.now() });
      return this.sessions.revokeInTransaction(manager, row.userId, 'all');
    });
    await this.sessions.announce(revoked);
  }

  /**
   * Changes the password; every other session of the user ends (the caller's own stays signed in). A roster student
   * without a password sets one without `currentPassword`, and their code stops working.
   */
  async changePassword(viewer: Viewer, currentPassword: string | null | undefined, newPassword: string): Promise<void> {
    const user = await this.currentUser(viewer);
    if (user.passwordHash) {
      if (typeof currentPassword !== 'string' || currentPassword.length === 0) throw DomainError.badInput('currentPassword', 'identity.currentPasswordRequired');
      if (currentPassword.length > MAX_PASSWORD_LENGTH || !(await verifyPassword(user.passwordHash, currentPassword))) {
        throw DomainError.badInput('currentPassword', 'identity.currentPasswordWrong');
      }
    }
    const password = this.checkPassword(newPassword, 'newPassword');
    const passwordHash = await hashPassword(password);
    const revoked = await this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id: user.id }, { passwordHash });
      // A roster student who chooses a password: the printed code stops working.
      await manager.update(RosterStudent, { userId: user.id }, { codeHash: null });
      return this.sessions.revokeInTransaction(manager, user.id, 'all', { except: viewer.sessionId });
    });
    await this.sessions.announce(revoked);
  }

  async updateProfile(viewer: Viewer, input: { displayName?: string | null; locale?: string | null }): Promise<User> {
    const user = await this.currentUser(viewer);
    const changes: Partial<Pick<User, 'displayName' | 'locale'>> = {};
    checkInput((field) => {
      if (input.displayName !== undefined && input.displayName !== null) changes.displayName = field(() => check.line('displayName', input.displayName!, 1, 100));
      if (input.locale !== undefined && input.locale !== null) changes.locale = field(() => this.checkLocale(input.locale!));
    });
    if (Object.keys(changes).length > 0) await this.dataSource.getRepository(User).update({ id: user.id }, changes);
    return this.dataSource.getRepository(User).findOneByOrFail({ id: user.id });
  }

  /** Ends the session of this refresh token (whatever its state); an unknown token changes nothing. */
  async signOut(presented: string): Promise<void> {
    // Our tokens are 43 characters: anything far longer is malformed input, not an unknown session.
    if (typeof presented !== 'string' || presented.length > 200) throw DomainError.badInput('refreshToken', 'identity.notRefreshToken');
    if (presented.length < 20) return;
    const token = await this.dataSource.getRepository(RefreshToken).findOneBy({ tokenHash: sha256(presented) });
    if (token) await this.sessions.revokeFamilies(token.userId, [token.familyId]);
  }

  async signOutEverywhere(viewer: Viewer): Promise<void> {
    const user = await this.currentUser(viewer);
    await this.sessions.revokeFamilies(user.id, 'all');
  }

  private async currentUser(viewer: Viewer): Promise<User> {
    if (!viewer.userId) throw DomainError.unauthenticated();
    const user = await this.dataSource.getRepository(User).findOneBy({ id: viewer.userId });
    if (!user) throw DomainError.unauthenticated();
    return user;
  }

  /** A fresh random link token; earlier unused ones of the same purpose stop working. Only the hash is stored. */
  private async createAccountToken(userId: string, purpose: AccountTokenPurpose, ttlMs: number): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      await manager.update(AccountToken, { userId, purpose, usedAt: IsNull() }, { usedAt: now });
      await manager.insert(AccountToken, { userId, purpose, tokenHash: sha256(token), expiresAt: new Date(now.getTime() + ttlMs) });
    });
    return token;
  }

  /** Marks the token used (locked, so two concurrent uses cannot both pass); BAD_USER_INPUT on `token` otherwise. */
  private async spendAccountToken(manager: EntityManager, purpose: AccountTokenPurpose, presented: string): Promise<AccountToken> {
    const invalid = () => DomainError.badInput('token', 'identity.invalidLink');
    if (typeof presented !== 'string' || presented.length < 20 || presented.length > 200) throw invalid();
    const row = await manager.findOne(AccountToken, { where: { tokenHash: sha256(presented), purpose }, lock: { mode: 'pessimistic_write' } });
    if (!row || row.usedAt || row.expiresAt <= this.clock.now()) throw invalid();
    await manager.update(AccountToken, { id: row.id }, { usedAt: this.clock.now() });
    return row;
  }

  private checkPassword(password: string, field = 'password'): string {
    if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
      throw DomainError.badInput(field, 'identity.passwordLength', { field, min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH });
    }
    return password;
  }

  private checkLocale(locale: string): Locale {
    if (!(LOCALES as readonly string[]).includes(locale)) throw DomainError.badInput('locale', 'identity.locale');
    return locale as Locale;
  }
}
