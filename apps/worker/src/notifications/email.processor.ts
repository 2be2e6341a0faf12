import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { User, type Locale } from '#domain/identity/user.entity.js';
import { absoluteLink } from '#domain/notifications/client-paths.js';
import { Notification } from '#domain/notifications/notification.entity.js';
import { renderReason } from '#domain/notifications/templates.js';
import { Clock } from '#platform/clock/clock.js';
import { AppConfig } from '#platform/config/app-config.js';
import { projectionOf, readRows } from '#platform/database/sql-reads.js';
import { JobHandler } from '#platform/queues/job-handler.js';
import type { JobPayloads } from '#platform/queues/job-registry.js';
import { renderEmail } from '../mail/email-template.js';
import { Mailer, PermanentEmailFailure } from '../mail/mailer.service.js';

@Injectable()
export class EmailProcessor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * Sends the email of one notification unless it already went out. A failed send throws so BullMQ retries;
   * the Message-ID is the notification's, so a receiving server can drop the duplicate of a crash between send and mark.
   */
  @JobHandler('email.send')
  async send({ notificationId }: JobPayloads['email.send']): Promise<'sent' | 'skipped' | 'failed'> {
    const notifications = this.dataSource.getRepository(Notification);
    // The notification and its recipient in one prepared statement: 20,000 of these run for one published edition.
    const notificationColumns = projectionOf(this.dataSource, Notification, 'n', 'n.');
    const userColumns = projectionOf(this.dataSource, User, 'u', 'u.');
    const [row] = await readRows(
      this.dataSource,
      `SELECT ${notificationColumns.select}, ${userColumns.select} FROM notification n LEFT JOIN app_user u ON u.id = n.recipient_id WHERE n.id = :id`,
      { id: notificationId },
    );
    const notification = row ? notificationColumns.read(row) : null;
    if (!notification || notification.emailSentAt || notification.emailFailedAt) return 'skipped';
    const user = userColumns.read(row);
    // Until the address is verified the account gets in-app notifications only; the email is settled, not retried.
    if (!user?.email || !user.emailVerifiedAt) {
      await notifications.update({ id: notification.id }, { emailFailedAt: this.clock.now(), emailFailure: user?.email ? 'email address not verified' : 'no email address' });
      return 'skipped';
    }
    const locale = notification.locale as Locale;
    const content = renderEmail({
      locale,
      displayName: user.displayName,
      title: notification.title,
      body: notification.body,
      link: absoluteLink(this.config.publicUrl, notification.path),
      reason: renderReason(notification.kind, locale),
      publicUrl: this.config.publicUrl,
    });
    try {
      await this.mailer.send({
        to: user.email,
        ...content,
        headers: { 'X-Notification-Kind': notification.kind, 'X-Notification-Id': notification.id },
        messageId: `<${notification.id}@notifications.climathon>`,
      });
    } catch (error) {
      // A refused address fails this email only; the job completes so the queue moves on and nothing retries it.
      if (!(error instanceof PermanentEmailFailure)) throw error;
      await notifications.update({ id: notification.id }, { emailFailedAt: this.clock.now(), emailFailure: error.message });
      return 'failed';
    }
    await notifications.update({ id: notification.id }, { emailSentAt: this.clock.now() });
    return 'sent';
  }
}
