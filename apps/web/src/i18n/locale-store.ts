import { useSyncExternalStore } from 'react';

export const LOCALES = ['it', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'it';

const KEY = 'climathon.locale';
const listeners = new Set<() => void>();

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

function stored(): Locale {
  try {
    const value = localStorage.getItem(KEY);
    return isLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

let locale: Locale = stored();

/** The language of the interface: Italian by default, the visitor's choice, then the signed-in user's `locale`. */
export function currentLocale(): Locale {
  return locale;
}

export function setLocale(next: Locale): void {
  if (next === locale) return;
  locale = next;
  try {
    localStorage.setItem(KEY, next);
  } catch {
    // no storage: the choice lasts for this page
  }
  document.documentElement.lang = next;
  for (const listener of listeners) listener();
}

export function useLocale(): Locale {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => locale,
  );
}
