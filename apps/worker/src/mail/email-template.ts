import type { Locale } from '#domain/identity/user.entity.js';

const FOOTER: Record<Locale, string> = {
  it: 'Ricevi questa email perché partecipi a una sfida Climathon. Trovi tutte le notifiche nella piattaforma.',
  en: 'You receive this email because you take part in a Climathon challenge. All notifications are in the platform.',
};

const GREETING: Record<Locale, (name: string) => string> = {
  it: (name) => `Ciao ${name},`,
  en: (name) => `Hello ${name},`,
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The email of one notification, in the recipient's locale. */
export function renderEmail(locale: Locale, displayName: string, title: string, body: string): { subject: string; text: string; html: string } {
  const lang = locale === 'en' ? 'en' : 'it';
  const greeting = GREETING[lang](displayName);
  return {
    subject: title,
    text: `${greeting}\n\n${body}\n\n--\n${FOOTER[lang]}\n`,
    html: `<!doctype html><html lang="${lang}"><body><p>${escapeHtml(greeting)}</p><h2>${escapeHtml(title)}</h2><p>${escapeHtml(body)}</p><hr><p style="color:#666;font-size:12px">${escapeHtml(FOOTER[lang])}</p></body></html>`,
  };
}
