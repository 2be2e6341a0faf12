import type { Locale } from '#domain/identity/user.entity.js';
import { absoluteLink, clientPaths } from '#domain/notifications/client-paths.js';
import { EMAIL_TEXTS } from '#domain/notifications/email-texts.js';
import { formatMessage } from '#platform/i18n/message-format.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const anchor = (href: string, text = href) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
const SLOT = '\u0000';

/** A catalogue sentence with one link in it, as HTML: the words escaped, the link an anchor. */
function htmlWithLink(lang: Locale, source: string, param: string, href: string): string {
  return escapeHtml(formatMessage(lang, source, { [param]: SLOT })).replace(SLOT, anchor(href));
}

export interface NotificationEmail {
  locale: Locale;
  displayName: string;
  title: string;
  body: string;
  /** The full link of the page the notification is about (PUBLIC_URL + Notification.path). */
  link: string;
  /** Why the person gets it (the kind's `reason`, in their language). */
  reason: string;
  /** PUBLIC_URL, for the footer's links to the profile (the language) and to every notification. */
  publicUrl: string;
}

/** The email of one notification, in the recipient's locale: the text, the link to its page, and a footer saying why and where to change the language. */
export function renderEmail(email: NotificationEmail): { subject: string; text: string; html: string } {
  const lang: Locale = email.locale === 'en' ? 'en' : 'it';
  const texts = EMAIL_TEXTS[lang];
  const greeting = formatMessage(lang, texts.greeting, { name: email.displayName });
  const open = formatMessage(lang, texts.open);
  const profileLink = absoluteLink(email.publicUrl, clientPaths.profile());
  const notificationsLink = absoluteLink(email.publicUrl, clientPaths.notifications());
  const language = formatMessage(lang, texts.language, { profileLink });
  const all = formatMessage(lang, texts.allNotifications, { notificationsLink });
  return {
    subject: email.title,
    text: `${greeting}\n\n${email.body}\n\n${open}: ${email.link}\n\n--\n${email.reason}\n${language}\n${all}\n`,
    html:
      `<!doctype html><html lang="${lang}"><body><p>${escapeHtml(greeting)}</p><h2>${escapeHtml(email.title)}</h2><p>${escapeHtml(email.body)}</p>` +
      `<p>${anchor(email.link, open)}</p><hr>` +
      `<p style="color:#666;font-size:12px">${escapeHtml(email.reason)}<br>${htmlWithLink(lang, texts.language, 'profileLink', profileLink)}<br>` +
      `${htmlWithLink(lang, texts.allNotifications, 'notificationsLink', notificationsLink)}</p></body></html>`,
  };
}
