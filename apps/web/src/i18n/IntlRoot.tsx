import { useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { useSession } from '../identity/session';
import en from './en.json';
import it from './it.json';
import { isLocale, setLocale, useLocale, type Locale } from './locale-store';

type OrganizerMessages = typeof import('./organizer.it.json');
type JudgingMessages = typeof import('./judging.it.json');
type TeamsMessages = typeof import('./teams.it.json');
type AccountsMessages = typeof import('./accounts.it.json');
type OrganizationsMessages = typeof import('./organizations.it.json');

/** Every message id: the common catalogue's and those of the areas loaded with their screens. */
export type MessageId = keyof typeof it | keyof OrganizerMessages | keyof JudgingMessages | keyof TeamsMessages | keyof AccountsMessages | keyof OrganizationsMessages;

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace FormatjsIntl {
    interface Message {
      ids: MessageId;
    }
  }
}

const CATALOGUES: Record<Locale, Record<keyof typeof it, string>> = { it, en };

// ---- area catalogues: the texts of screens behind a lazy route come with them, not in the public first load.
/** Typed so that each area's English catalogue has every key of its Italian one. */
const area = <T,>(load: () => Promise<[{ default: T }, { default: Record<keyof T, string> }]>) =>
  load as () => Promise<[{ default: Record<string, string> }, { default: Record<string, string> }]>;
const AREAS = {
  /** Organizer, sponsor company and mini-company screens (organizer.it.json, organizer.en.json). */
  organizer: area(() => Promise.all([import('./organizer.it.json'), import('./organizer.en.json')])),
  /** The juror's screens: assignments, scoring form, recusal (judging.it.json, judging.en.json). */
  judging: area(() => Promise.all([import('./judging.it.json'), import('./judging.en.json')])),
  /** Teams, rosters and the idea editor of teachers and students (teams.it.json, teams.en.json). */
  teams: area(() => Promise.all([import('./teams.it.json'), import('./teams.en.json')])),
  /** Account pages: email verification, password reset, data export and erasure (accounts.it.json, accounts.en.json). */
  accounts: area(() => Promise.all([import('./accounts.it.json'), import('./accounts.en.json')])),
  /** The viewer's organizations, their members and invitations, creating one (organizations.it.json, organizations.en.json). */
  organizations: area(() => Promise.all([import('./organizations.it.json'), import('./organizations.en.json')])),
};
export type MessageArea = keyof typeof AREAS;
const areaMessages: Record<Locale, Record<string, string>> = { it: {}, en: {} };
const areasLoading = new Map<MessageArea, Promise<void>>();
const areasLoaded = new Set<MessageArea>();
const areaListeners = new Set<() => void>();
let areaVersion = 0;

/** Loads (once) an area's catalogues into the messages of every language. */
export function loadMessages(name: MessageArea): Promise<void> {
  let loading = areasLoading.get(name);
  if (!loading) {
    loading = AREAS[name]().then(([itModule, enModule]) => {
      Object.assign(areaMessages.it, itModule.default);
      Object.assign(areaMessages.en, enModule.default);
      areasLoaded.add(name);
      areaVersion++;
      for (const listener of areaListeners) listener();
    });
    loading.catch(() => areasLoading.delete(name)); // a failed download is tried again next time
    areasLoading.set(name, loading);
  }
  return loading;
}

/** A lazy route's module, resolved once its area's messages are loaded too (so it never renders without its texts). */
export const withMessages = <T,>(name: MessageArea, page: Promise<T>): Promise<T> => Promise.all([page, loadMessages(name)]).then(([module]) => module);

const subscribeAreas = (listener: () => void) => {
  areaListeners.add(listener);
  return () => void areaListeners.delete(listener);
};

/** Whether an area's messages are there (e.g. for a navigation link shown before its screens are visited). */
export function useMessagesLoaded(name: MessageArea): boolean {
  useSyncExternalStore(subscribeAreas, () => areaVersion);
  return areasLoaded.has(name);
}

export function IntlRoot({ children }: { children: ReactNode }) {
  const locale = useLocale();
  const { user } = useSession();
  // The signed-in user's language wins once known.
  useEffect(() => {
    if (isLocale(user?.locale)) setLocale(user.locale);
  }, [user?.locale]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const version = useSyncExternalStore(subscribeAreas, () => areaVersion);
  // Typed as complete: an area's ids are used only by its screens, which render once its catalogue is loaded.
  const messages = useMemo(() => ({ ...CATALOGUES[locale], ...areaMessages[locale] }) as Record<MessageId, string>, [locale, version]);
  return (
    <IntlProvider locale={locale} defaultLocale="it" messages={messages}>
      {children}
    </IntlProvider>
  );
}
