/** The longest slug base, before any `-<n>` suffix. */
export const MAX_SLUG_BASE = 80;

/**
 * URL slug of a title: accents stripped ("Città" -> "citta"), lowercase ASCII letters and digits,
 * every other run of characters one hyphen, no leading or trailing hyphen; "challenge" when nothing is left.
 */
export function slugify(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[œŒ]/g, 'oe')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = base.slice(0, MAX_SLUG_BASE).replace(/-+$/g, '');
  return cut || 'challenge';
}

/**
 * The first free slug for `base` given the slugs already taken that start with it: `base` itself,
 * else `base-2`, `base-3`, ... (the smallest suffix not in use).
 */
export function uniqueSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}
