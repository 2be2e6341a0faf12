import { useEffect, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { useSession } from '../identity/session';
import en from './en.json';
import it from './it.json';
import { isLocale, setLocale, useLocale, type Locale } from './locale-store';

export type MessageId = keyof typeof it;

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace FormatjsIntl {
    interface Message {
      ids: MessageId;
    }
  }
}

const CATALOGUES: Record<Locale, Record<MessageId, string>> = { it, en };

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
  return (
    <IntlProvider locale={locale} defaultLocale="it" messages={CATALOGUES[locale]}>
      {children}
    </IntlProvider>
  );
}
