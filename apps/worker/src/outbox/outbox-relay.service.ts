import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '#platform/config/app-config.js';
import { OUTBOX_NOTIFY_CHANNEL } from '#platform/outbox/outbox.js';
import { jobId } from '#platform/queues/job-registry.js';
import { QueueProducer } from '#platform/queues/queue-producer.js';

const BATCH_SIZE = 500;

/**
 * Moves committed outbox events to BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED, so several
 * workers share the work without handing out an event twice; jobId = event id makes a re-relay
 * (Redis accepted the jobs but the commit was lost) a no-op. NOTIFY wakes it; polling is the truth.
 * Every REMINDER_RECONCILE_MS it re-drives what a lost Redis forgot (see redrive()).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private listener?: pg.Client;
  private timer?: NodeJS.Timeout;
  private redriveTimer?: NodeJS.Timeout;
  private redriving: Promise<void> = Promise.resolve();
  private running = false;
  private wakeRequested = false;
  private stopped = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: QueueProducer,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
    this.timer = setInterval(() => this.wake(), this.config.OUTBOX_POLL_MS);
    this.redriveTimer = setInterval(() => {
      this.redriving = this.redrive().then(
        () => undefined,
        (error: Error) => this.logger.warn(`Re-drive failed, will retry: ${error.message}`),
      );
    }, this.config.REMINDER_RECONCILE_MS);
    this.wake();
  }

  /**
   * Redis may lose jobs (a restart without persistence, a failover): events relayed but never processed and
   * notifications never emailed are queued again, oldest first. The job ids (event id, `email-<notification id>`)
   * make this a no-op for every job Redis still holds, in any state; the handlers re-read state, so a job run
   * twice changes nothing. Only rows older than one interval are looked at, so fresh work is left alone.
   */
  async redrive(): Promise<{ events: number; emails: number }> {
    if (this.stopped) return { events: 0, emails: 0 };
    const graceMs = this.config.REMINDER_RECONCILE_MS;
    const events: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM outbox_event WHERE processed_at IS NULL AND relayed_at < clock_timestamp() - $1 * interval '1 millisecond' ORDER BY relayed_at LIMIT $2`,
      [graceMs, BATCH_SIZE],
    );
    await this.producer.addBulk(
      'outbox.event',
      events.map((r) => ({ data: { eventId: r.id }, opts: { jobId: r.id } })),
    );
    const emails: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM notification WHERE email_sent_at IS NULL AND email_failed_at IS NULL AND created_at < clock_timestamp() - $1 * interval '1 millisecond' ORDER BY created_at LIMIT $2`,
      [graceMs, BATCH_SIZE],
    );
    await this.producer.addBulk(
      'email.send',
      emails.map((n) => ({ data: { notificationId: n.id }, opts: { jobId: jobId('email', n.id) } })),
    );
    return { events: events.length, emails: emails.length };
  }

  /** Relays until the table has nothing pending; concurrent wake-ups coalesce into one more pass. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    this.running = true;
    this.loop = (async () => {
      try {
        do {
          this.wakeRequested = false;
          while (!this.stopped && (await this.relayBatch()) === BATCH_SIZE);
        } while (this.wakeRequested && !this.stopped);
      } catch (error) {
        this.logger.warn(`Outbox relay pass failed, will retry: ${(error as Error).message}`);
      } finally {
        this.running = false;
      }
    })();
  }

  /** One claimed batch; returns how many events it relayed. */
  async relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: { id: string }[] = await manager.query(`SELECT id FROM outbox_event WHERE relayed_at IS NULL ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`, [
        BATCH_SIZE,
      ]);
      if (rows.length === 0) return 0;
      await this.producer.addBulk(
        'outbox.event',
        rows.map((r) => ({ data: { eventId: r.id }, opts: { jobId: r.id } })),
      );
      await manager.query(`UPDATE outbox_event SET relayed_at = clock_timestamp() WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
  }

  private async listen(): Promise<void> {
    try {
      const client = new pg.Client({ connectionString: this.config.DATABASE_URL, application_name: 'climathon-outbox-listener' });
      client.on('notification', () => this.wake());
      client.on('error', (error) => {
        this.logger.warn(`Outbox LISTEN connection lost (polling continues): ${error.message}`);
        this.listener = undefined;
        if (!this.stopped) setTimeout(() => void this.listen(), 1000).unref();
      });
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_NOTIFY_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      this.logger.warn(`Cannot LISTEN for outbox events (polling continues): ${(error as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.redriveTimer) clearInterval(this.redriveTimer);
    await Promise.all([this.loop, this.redriving]);
    await this.listener?.end().catch(() => undefined);
  }
}
