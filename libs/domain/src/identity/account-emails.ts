import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '#platform/config/app-config.js';
import type { Locale } from './user.entity.js';

export type AccountEmailKind = 'EMAIL_VERIFICATION' | 'PASSWORD_RESET';

interface Texts {
  subject: string;
  intro: string;
  action: string;
  outro: string;
}

const TEXTS: Record<AccountEmailKind, Record<Locale, Texts>> = {
  EMAIL_VERIFICATION: {
    it: {
      subject: 'Conferma il tuo indirizzo email',
      intro: 'per completare la registrazione a Climathon conferma il tuo indirizzo email.',
      action: 'Conferma l’indirizzo',
      outro: 'Il link vale 48 ore. Se non ti sei registrato o registrata tu, ignora questa email.',
    },
    en: {
      subject: 'Confirm your email address',
      intro: 'to finish signing up to Climathon, please confirm your email address.',
      action: 'Confirm the address',
      outro: 'The link is valid for 48 hours. If you did not sign up, ignore this email.',
    },
  },
  PASSWORD_RESET: {
    it: {
      subject: 'Reimposta la password',
      intro: 'è stata chiesta una nuova password per il tuo account Climathon.',
      action: 'Scegli una nuova password',
      outro: 'Il link vale 1 ora e si può usare una volta sola. Se non l’hai chiesto tu, ignora questa email: la password resta quella di prima.',
    },
    en: {
      subject: 'Reset your password',
      intro: 'a new password was requested for your Climathon account.',
      action: 'Choose a new password',
      outro: 'The link is valid for 1 hour and works once. If you did not ask for it, ignore this email: your password stays as it was.',
    },
  },
};

const PATHS: Record<AccountEmailKind, string> = { EMAIL_VERIFICATION: '/verify-email', PASSWORD_RESET: '/reset-password' };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The verification or reset email in the recipient's locale; the link carries the raw token (only its hash is stored). */
export function renderAccountEmail(kind: AccountEmailKind, locale: Locale, displayName: string, publicUrl: string, token: string) {
  const lang: Locale = locale === 'en' ? 'en' : 'it';
  const t = TEXTS[kind][lang];
  const link = `${publicUrl.replace(/\/$/, '')}${PATHS[kind]}?token=${encodeURIComponent(token)}`;
  const greeting = lang === 'en' ? `Hello ${displayName},` : `Ciao ${displayName},`;
  return {
    subject: t.subject,
    text: `${greeting}\n\n${t.intro}\n\n${t.action}: ${link}\n\n${t.outro}\n`,
    html: `<!doctype html><html lang="${lang}"><body><p>${escapeHtml(greeting)}</p><p>${escapeHtml(t.intro)}</p><p><a href="${escapeHtml(link)}">${escapeHtml(t.action)}</a></p><p style="color:#666;font-size:12px">${escapeHtml(t.outro)}</p></body></html>`,
  };
}

/**
 * Account emails are sent directly by the API (docs/rules.md: never stored as notifications, so the raw token exists only
 * in the email). A failed send is logged, never shown to the caller: the user asks again.
 */
@Injectable()
export class AccountEmails implements OnApplicationShutdown {
  private readonly logger = new Logger('AccountEmails');
  private transport: Transporter | null = null;

  constructor(private readonly config: AppConfig) {}

  async send(kind: AccountEmailKind, to: { email: string | null; displayName: string; locale: Locale }, token: string): Promise<void> {
    if (!to.email) return; // a roster student has no address: nothing to send
    this.transport ??= nodemailer.createTransport(this.config.SMTP_URL, { from: this.config.MAIL_FROM });
    const content = renderAccountEmail(kind, to.locale, to.displayName, this.config.publicUrl, token);
    try {
      await this.transport.sendMail({ from: this.config.MAIL_FROM, to: to.email, ...content, headers: { 'X-Notification-Kind': kind } });
    } catch (error) {
      this.logger.warn(`${kind} email not sent: ${(error as Error).message}`);
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
