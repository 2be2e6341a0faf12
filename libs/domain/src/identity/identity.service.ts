import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { AppConfig } from '../../../platform/src/config/app-config.js';
import { Clock } from '../../../platform/src/clock/clock.js';
import { DomainError, isUniqueViolation } from '../../../platform/src/errors/domain-error.js';
import { check } from '../validation.js';
import { type Viewer } from '../viewer.js';
import { RefreshToken } from './refresh-token.entity.js';
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
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

// A real hash to verify against when the email is unknown, so timing does not reveal which emails exist.
const dummyHash = argon2.hash('timing-equaliser-password');

@Injectable()
export class IdentityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async signUp(input: { email: string; password: string; displayName: string; locale?: string | null }): Promise<AuthResult> {
    const email = check.email('email', input.email);
    const password = this.checkPassword(input.password);
    const displayName = check.text('displayName', input.displayName, 1, 100);
    const locale = this.checkLocale(input.locale ?? 'it');
    const passwordHash = await argon2.hash(password);
    const user = await this.dataSource.transaction(async (manager) => {
      try {
        return await manager.save(User, manager.create(User, { email, passwordHash, displayName, locale, isAdmin: false }));
      } catch (error) {
        if (isUniqueViolation(error)) throw DomainError.conflict('An account with this email already exists');
        throw error;
      }
    });
    return this.issueTokens(user, randomUUID());
  }

  async signIn(input: { email: string; password: string }): Promise<AuthResult> {
    const user = await this.dataSource.getRepository(User).findOneBy({ email: input.email.trim() });
    const valid = user
      ? await argon2.verify(user.passwordHash, input.password)
      : (await argon2.verify(await dummyHash, input.password), false);
    if (!user || !valid) throw DomainError.unauthenticated('Invalid email or password');
    return this.issueTokens(user, randomUUID());
  }

  /**
   * Rotates a refresh token: the presented token is spent and a new one of the same family issued.
   * Presenting a spent token again is treated as theft: the whole family is revoked.
   */
  async refresh(presented: string): Promise<AuthResult> {
    const invalid = () => DomainError.unauthenticated('Invalid or expired refresh token');
    if (typeof presented !== 'string' || presented.length < 20 || presented.length > 200) throw invalid();
    // Reuse revokes the family, so a refusal must commit before it is thrown.
    type Outcome = { error: DomainError } | { error?: undefined; user: User; familyId: string };
    const outcome = await this.dataSource.transaction(async (manager): Promise<Outcome> => {
      const token = await manager.findOne(RefreshToken, {
        where: { tokenHash: sha256(presented) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!token || token.revokedAt) return { error: invalid() };
      if (token.usedAt) {
        await manager.update(RefreshToken, { familyId: token.familyId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
        return { error: invalid() };
      }
      if (token.expiresAt <= this.clock.now()) return { error: invalid() };
      await manager.update(RefreshToken, { id: token.id }, { usedAt: this.clock.now() });
      const user = await manager.findOneByOrFail(User, { id: token.userId });
      return { user, familyId: token.familyId };
    });
    if (outcome.error) throw outcome.error;
    return this.issueTokens(outcome.user, outcome.familyId);
  }

  /** Verifies an access token; null when missing, malformed or expired. */
  async viewerFromAccessToken(token: string | undefined | null): Promise<Viewer | null> {
    if (!token) return null;
    try {
      const claims = await this.jwt.verifyAsync<AccessClaims>(token, { secret: this.config.JWT_SECRET, algorithms: ['HS256'] });
      if (typeof claims.sub !== 'string') return null;
      return { userId: claims.sub, isAdmin: claims.adm === true };
    } catch {
      return null;
    }
  }

  async usersByIds(ids: readonly string[]): Promise<User[]> {
    return this.dataSource.getRepository(User).findBy({ id: In([...ids]) });
  }

  async findByEmail(email: string, manager: EntityManager = this.dataSource.manager): Promise<User | null> {
    return manager.findOneBy(User, { email: email.trim() });
  }

  /** Creates or promotes a platform admin (CLI only, never through the API). */
  async createAdmin(emailInput: string, password: string): Promise<User> {
    const email = check.email('email', emailInput);
    const passwordHash = await argon2.hash(this.checkPassword(password));
    const repo = this.dataSource.getRepository(User);
    const existing = await repo.findOneBy({ email });
    if (existing) {
      await repo.update({ id: existing.id }, { isAdmin: true, passwordHash });
      return repo.findOneByOrFail({ id: existing.id });
    }
    return repo.save(repo.create({ email, passwordHash, displayName: email.split('@')[0] ?? 'admin', locale: 'it', isAdmin: true }));
  }

  private async issueTokens(user: User, familyId: string): Promise<AuthResult> {
    const claims: AccessClaims = { sub: user.id, adm: user.isAdmin };
    const accessToken = await this.jwt.signAsync(claims, {
      secret: this.config.JWT_SECRET,
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

  private checkPassword(password: string): string {
    if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
      throw DomainError.badInput('password', `password must be between ${MIN_PASSWORD_LENGTH} and ${MAX_PASSWORD_LENGTH} characters`);
    }
    return password;
  }

  private checkLocale(locale: string): Locale {
    if (!(LOCALES as readonly string[]).includes(locale)) throw DomainError.badInput('locale', `locale must be one of ${LOCALES.join(', ')}`);
    return locale as Locale;
  }
}
