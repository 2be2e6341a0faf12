import type { IdentityService } from '#domain/identity/identity.service.js';
import type { Locale } from '#domain/identity/user.entity.js';
import type { Viewer } from '#domain/viewer.js';
import { preferredLocale } from '#platform/i18n/accept-language.js';

/** The header value as Node gives it (a string, several, or none). */
export type AcceptLanguage = string | string[] | undefined;

/**
 * The language the viewer is answered in (docs/rules.md "Notifications": error messages are in the viewer's locale): the
 * signed-in user's `locale`, else the request's `Accept-Language`, else Italian. Read only when there is something to
 * word (an error), so a successful request costs nothing.
 */
export async function viewerLocale(identity: Pick<IdentityService, 'localeOf'>, viewer: Viewer | null | undefined, acceptLanguage: AcceptLanguage): Promise<Locale> {
  if (viewer?.userId) {
    const locale = await identity.localeOf(viewer.userId).catch(() => null);
    if (locale) return locale;
  }
  return preferredLocale(acceptLanguage) ?? 'it';
}

const bearer = (value: unknown): string | null => (typeof value === 'string' ? (/^Bearer\s+(\S+)$/i.exec(value.trim())?.[1] ?? null) : null);

/** `viewerLocale` for a request whose viewer is not known yet: from its bearer token (when valid) and headers. */
export async function requestLocale(
  identity: Pick<IdentityService, 'localeOf' | 'viewerFromAccessToken'>,
  headers: { authorization?: unknown; 'accept-language'?: AcceptLanguage },
): Promise<Locale> {
  const token = bearer(headers.authorization);
  const viewer = token ? await identity.viewerFromAccessToken(token).catch(() => null) : null;
  return viewerLocale(identity, viewer, headers['accept-language']);
}
