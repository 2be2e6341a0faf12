import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { AppConfig } from '#platform/config/app-config.js';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  messageId: string;
}

/** The relay refused this message for good (an SMTP 5xx answer): sending it again cannot succeed. */
export class PermanentEmailFailure extends Error {}

/** SMTP through nodemailer: one pool of reused connections per worker (SMTP_POOL_CONNECTIONS). */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter<SMTPPool.SentMessageInfo>;

  constructor(private readonly config: AppConfig) {
    const options: SMTPPool.Options & { url: string } = {
      url: config.SMTP_URL,
      pool: true,
      maxConnections: config.SMTP_POOL_CONNECTIONS,
      maxMessages: Infinity,
    };
    this.transport = nodemailer.createTransport(options);
  }

  /**
   * Sends one email. A 5xx answer throws PermanentEmailFailure; anything else (4xx "try later", a dropped
   * connection, a timeout) throws the original error, which the job's retries with backoff take care of.
   */
  async send(email: OutgoingEmail): Promise<void> {
    try {
      await this.transport.sendMail({ from: this.config.MAIL_FROM, ...email });
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      if (code !== undefined && code >= 500 && code < 600) throw new PermanentEmailFailure(`${code} ${(error as Error).message}`.slice(0, 500));
      throw error;
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
