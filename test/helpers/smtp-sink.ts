import { SMTPServer } from 'smtp-server';

export interface ReceivedEmail {
  from: string;
  to: string[];
  raw: string;
  headers: Record<string, string>;
  subject: string;
  /** Date.now() when the message was accepted. */
  receivedAt: number;
}

export interface SmtpSinkOptions {
  /** Answers RCPT TO like a real relay may: return an SMTP code and text to refuse the recipient (4xx: later, 5xx: never). */
  refuseRecipient?: (address: string) => { code: number; message: string } | undefined;
}

/** A real SMTP server on a free local port that keeps what it receives (the test's stand-in for Mailpit). */
export async function startSmtpSink(
  options: SmtpSinkOptions = {},
): Promise<{ url: string; messages: ReceivedEmail[]; verificationMessages: ReceivedEmail[]; refused: string[]; close(): Promise<void> }> {
  const messages: ReceivedEmail[] = [];
  // Every sign-up sends one (docs/rules.md): kept apart so tests counting notification emails see only those.
  const verificationMessages: ReceivedEmail[] = [];
  const refused: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = options.refuseRecipient?.(address.address);
      if (!refusal) return callback();
      refused.push(`${refusal.code} ${address.address}`);
      callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('error', () => undefined); // the sender died while sending: the message is simply not received
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const headerBlock = raw.split(/\r?\n\r?\n/)[0] ?? '';
        const headers: Record<string, string> = {};
        for (const line of headerBlock.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
          const i = line.indexOf(':');
          if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
        }
        const email: ReceivedEmail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          headers,
          subject: headers.subject ?? '',
          receivedAt: Date.now(),
        };
        (headers['x-notification-kind'] === 'EMAIL_VERIFICATION' ? verificationMessages : messages).push(email);
        callback();
      });
    },
  });
  // A client killed mid-session (the fault tests kill workers) resets its connection: expected, not a sink failure.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return { url: `smtp://127.0.0.1:${port}`, messages, verificationMessages, refused, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The decoded MIME parts (type and body) of a raw email: quoted-printable and base64 undone. */
export function mimeParts(raw: string): { type: string; body: string }[] {
  const boundary = /boundary="?([^";\r\n]+)"?/.exec(raw)?.[1];
  if (!boundary) throw new Error(`not a multipart email: ${raw.slice(0, 500)}`);
  return raw
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const [head = '', ...rest] = part.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
      const body = rest.join('\n\n');
      const type = /content-type:\s*([^;\r\n]+)/i.exec(head)?.[1]?.trim() ?? '';
      const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(head)?.[1]?.toLowerCase();
      if (encoding === 'base64') return { type, body: Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') };
      if (encoding === 'quoted-printable') {
        const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
        return { type, body: Buffer.from(bytes, 'latin1').toString('utf8') };
      }
      return { type, body };
    });
}
