import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { TEMPLATES } from '#domain/notifications/notification-catalog.js';
import { startApi, type RunningApi } from './helpers/api.js';
import { openDatabase } from './helpers/db.js';
import { everyNotificationKind } from './helpers/notification-scenario.js';
import { mimeParts, startSmtpSink, type ReceivedEmail } from './helpers/smtp-sink.js';
import { waitFor } from './helpers/wait.js';
import { startWorker, type RunningWorker } from './helpers/worker.js';

// Issue 18.1: every email leads to the page it is about (PUBLIC_URL + Notification.path) and its footer says why the
// person gets it and where to change the language. A base with a path of its own, to see the link is joined, not replaced.
const PUBLIC_URL = 'https://scuole.example.org/climathon';
const ENUM_TOKEN = /\b[A-Z]{2,}(_[A-Z]+)*\b/;
const FOOTER = {
  it: { why: 'Ricevi questa email perché ', language: `Puoi scegliere la lingua delle email nel tuo profilo: ${PUBLIC_URL}/profile`, open: 'Apri la pagina' },
  en: { why: 'You receive this email because ', language: `You can choose the language of your emails in your profile: ${PUBLIC_URL}/profile`, open: 'Open the page' },
};

describe('notification emails link to their page and say why they came', () => {
  let api: RunningApi;
  let worker: RunningWorker;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let db: DataSource;
  const previousPublicUrl = process.env.PUBLIC_URL;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    process.env.SMTP_URL = smtp.url;
    process.env.PUBLIC_URL = `${PUBLIC_URL}/`;
    api = await startApi();
    worker = await startWorker({ clock: api.clock });
    db = await openDatabase();
  });
  afterAll(async () => {
    if (previousPublicUrl === undefined) delete process.env.PUBLIC_URL;
    else process.env.PUBLIC_URL = previousPublicUrl;
    await worker?.close();
    await api?.close();
    await smtp?.close();
    await db?.destroy();
  });

  /** The emails of the edition's people, with the stored notification each one was sent for. */
  async function emailsOf(people: Set<string>) {
    const mine = smtp.messages.filter((m) => m.to.some((to) => people.has(to)) && m.headers['x-notification-id']);
    const rows: { id: string; kind: string; path: string; title: string; locale: string }[] = await db.query(
      `SELECT id, kind, path, title, locale FROM notification WHERE id = ANY($1::uuid[])`,
      [mine.map((m) => m.headers['x-notification-id'])],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return mine.map((email: ReceivedEmail) => ({ email, notification: byId.get(email.headers['x-notification-id']!)! }));
  }

  it.each(['it', 'en'] as const)(
    'in %s: every kind of email carries PUBLIC_URL + its path and a footer with the reason and the profile link',
    async (locale) => {
      const scenario = await everyNotificationKind(api.url, db, locale);
      const { expected } = scenario;
      const people = new Set(scenario.people.map((p) => p.email));
      // The edition produced every kind of the catalogue.
      expect([...expected.keys()].sort()).toEqual(Object.keys(TEMPLATES).sort());
      let missing: string[] = [];
      const emails = await waitFor(
        async () => {
          const all = await emailsOf(people);
          const kinds = new Set(all.map((e) => e.notification?.kind));
          missing = [...expected.keys()].filter((kind) => !kinds.has(kind));
          return missing.length === 0 && all;
        },
        { what: `an email of every kind in ${locale}`, timeoutMs: 60_000 },
      ).catch((error: Error) => {
        throw new Error(`${error.message}; no email yet of ${missing.join(', ')}`);
      });

      for (const kind of expected.keys()) {
        const ofKind = emails.filter((e) => e.notification.kind === kind);
        expect(ofKind.length).toBeGreaterThan(0);
        for (const { email, notification } of ofKind) {
          const what = `${kind} to ${email.to.join(',')}`;
          expect({ what, path: notification.path, allowed: [...expected.get(kind)!].includes(notification.path) }).toEqual({ what, path: notification.path, allowed: true });
          expect(notification.locale).toBe(locale);
          expect(email.headers['x-notification-kind']).toBe(kind);
          const parts = mimeParts(email.raw);
          const text = parts.find((p) => p.type === 'text/plain')!.body.replace(/\r\n/g, '\n');
          const html = parts.find((p) => p.type === 'text/html')!.body;
          const link = `${PUBLIC_URL}${notification.path}`;
          expect(text).toContain(`${FOOTER[locale].open}: ${link}\n`);
          expect(html).toContain(`<a href="${link}">${FOOTER[locale].open}</a>`);
          expect(html).toContain(`<html lang="${locale}">`);
          const footer = text.slice(text.indexOf('\n--\n') + 4);
          expect(footer.startsWith(FOOTER[locale].why)).toBe(true);
          expect(footer).toContain(FOOTER[locale].language);
          expect(html).toContain(`<a href="${PUBLIC_URL}/profile">${PUBLIC_URL}/profile</a>`);
          // No raw enum value anywhere in what the person reads (the links' ids are lowercase).
          expect({ what, tokens: text.match(new RegExp(ENUM_TOKEN, 'g')) }).toEqual({ what, tokens: null });
        }
      }
    },
    180_000,
  );
});
