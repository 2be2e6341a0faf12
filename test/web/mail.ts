// The emails the API sent (the global setup's SMTP sink, read over HTTP): the links of the account emails.
import { mimeParts, type ReceivedEmail } from '../helpers/smtp-sink.js';
import { waitFor } from '../helpers/wait.js';
import { fixture } from './fixture.js';

export type AccountEmailKind = 'EMAIL_VERIFICATION' | 'PASSWORD_RESET';

async function emailsTo(address: string, kind: AccountEmailKind): Promise<ReceivedEmail[]> {
  const all = (await (await fetch(fixture.mailbox)).json()) as ReceivedEmail[];
  return all.filter((email) => email.to.includes(address.toLowerCase()) && email.headers['x-notification-kind'] === kind);
}

/** How many emails of this kind the address received so far. */
export async function emailCount(address: string, kind: AccountEmailKind): Promise<number> {
  return (await emailsTo(address, kind)).length;
}

/** The path and query of the link in the `n`-th (1-based) email of this kind to the address, once it arrived. */
export async function emailedLink(address: string, kind: AccountEmailKind, n = 1): Promise<string> {
  const emails = await waitFor(
    async () => {
      const found = await emailsTo(address, kind);
      return found.length >= n && found;
    },
    { what: `${kind} email #${n} to ${address}`, timeoutMs: 20_000, intervalMs: 200 },
  );
  const text = mimeParts(emails[n - 1].raw).find((part) => part.type === 'text/plain')?.body ?? '';
  const link = /https?:\/\/\S+?(\/(?:verify-email|reset-password)\?token=[^\s]+)/.exec(text)?.[1];
  if (!link) throw new Error(`no link in the ${kind} email: ${text}`);
  return link;
}
