import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { hmacSecretKey } from '#platform/crypto/jwt-keys.js';
import { Clock } from '#platform/clock/clock.js';
import { AppConfig } from '#platform/config/app-config.js';
import { DomainError } from '#platform/errors/domain-error.js';
import { SessionRevocation } from '../identity/session-revocation.js';
import type { Viewer } from '../viewer.js';

/** How long a signed export link works (docs/rules.md "Results export": 10 minutes). */
export const EXPORT_LINK_TTL_SECONDS = 600;

interface LinkClaims {
  sub: string;
  adm: boolean;
  sid: string;
  /** The export path with its sorted parameters (ExportRequest.canonical): the link opens this export only. */
  exp_path: string;
  iat: number;
  exp: number;
}

/**
 * Signed export links: a URL that opens one export (with its parameters) as the user who asked for it, for 10 minutes,
 * without the access token, so that a browser can download it with a plain link. The signature is a JWT (HS256) under
 * a key derived from JWT_SECRET for this purpose only, so a link is never an access token nor an access token a link.
 * The link carries the session it was made in: signing out (or anything that revokes that session) ends it at once,
 * like the session's access tokens; and the export's own access rules are checked again when it is opened.
 */
@Injectable()
export class ExportLinks {
  private readonly key: Buffer;

  constructor(
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    private readonly sessions: SessionRevocation,
    config: AppConfig,
  ) {
    this.key = hmacSecretKey(createHmac('sha256', config.JWT_SECRET).update('climathon:export-link:v1').digest());
  }

  /** A token for `canonical`, valid EXPORT_LINK_TTL_SECONDS from now (the injected clock). */
  async sign(viewer: Viewer & { userId: string }, canonical: string): Promise<{ token: string; expiresAt: Date }> {
    // Every access token names its session; a viewer without one could not be revoked, so it gets no link.
    if (!viewer.sessionId) throw DomainError.unauthenticated();
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const claims: LinkClaims = { sub: viewer.userId, adm: viewer.isAdmin, sid: viewer.sessionId, exp_path: canonical, iat: now, exp: now + EXPORT_LINK_TTL_SECONDS };
    const token = await this.jwt.signAsync(claims, { secret: this.key, algorithm: 'HS256' });
    return { token, expiresAt: new Date(claims.exp * 1000) };
  }

  /** The viewer a token opens `canonical` for, or null (forged, expired, for another export, or its session revoked). */
  async verify(token: string, canonical: string): Promise<Viewer | null> {
    try {
      const claims = await this.jwt.verifyAsync<LinkClaims>(token, {
        secret: this.key,
        algorithms: ['HS256'],
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      });
      if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string' || claims.exp_path !== canonical) return null;
      if (!(await this.sessions.isActive(claims.sid))) return null;
      return { userId: claims.sub, isAdmin: claims.adm === true, sessionId: claims.sid };
    } catch {
      return null;
    }
  }
}
