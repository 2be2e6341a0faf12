import type { Locale } from '../identity/user.entity.js';

/**
 * The words around every notification email (ICU MessageFormat): the greeting, the link to the page the notification
 * is about, and the footer that says where to choose the language (the reason comes from the kind's texts).
 */
export const EMAIL_TEXTS: Record<Locale, { greeting: string; open: string; language: string; allNotifications: string }> = {
  it: {
    greeting: 'Ciao {name},',
    open: 'Apri la pagina',
    language: 'Puoi scegliere la lingua delle email nel tuo profilo: {profileLink}',
    allNotifications: 'Trovi tutte le tue notifiche su Climathon: {notificationsLink}',
  },
  en: {
    greeting: 'Hello {name},',
    open: 'Open the page',
    language: 'You can choose the language of your emails in your profile: {profileLink}',
    allNotifications: 'All your notifications are on Climathon: {notificationsLink}',
  },
};
