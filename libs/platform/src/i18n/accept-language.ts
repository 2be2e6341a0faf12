import type { MessageLocale } from './message-format.js';

const SUPPORTED: readonly MessageLocale[] = ['it', 'en'];

/**
 * The language of the service an `Accept-Language` header prefers (RFC 9110 §12.5.4: the highest `q`, the first of
 * equals; `en-GB` counts as `en`, `*` as none in particular), or null when it names neither Italian nor English.
 */
export function preferredLocale(header: string | readonly string[] | undefined | null): MessageLocale | null {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (typeof value !== 'string' || value.length === 0 || value.length > 1000) return null;
  let best: { locale: MessageLocale; q: number } | null = null;
  for (const part of value.split(',')) {
    const [range = '', ...parameters] = part.trim().split(';');
    const language = range.trim().toLowerCase().split('-')[0] as MessageLocale;
    if (!SUPPORTED.includes(language)) continue;
    const qParameter = parameters.map((p) => p.trim()).find((p) => p.toLowerCase().startsWith('q='));
    const q = qParameter === undefined ? 1 : Number(qParameter.slice(2));
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    if (!best || q > best.q) best = { locale: language, q };
  }
  return best?.locale ?? null;
}
