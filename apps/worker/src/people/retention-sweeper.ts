import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataExportService } from '#domain/people/data-export.service.js';
import { StudentRetention } from '#domain/people/student-retention.js';
import { AppConfig } from '#platform/config/app-config.js';

/** Runs the retention sweep (and empties expired data exports) every RETENTION_SWEEP_MS (and once at start: a worker that was down catches up). */
@Injectable()
export class RetentionSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RetentionSweeper');
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    private readonly retention: StudentRetention,
    private readonly exports: DataExportService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.sweepInBackground(), this.config.RETENTION_SWEEP_MS);
    this.sweepInBackground();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  private sweepInBackground(): void {
    if (this.sweeping) return;
    // Expired exports are emptied on the same beat: a document nobody downloaded within 24 hours must not linger.
    this.sweeping = Promise.all([this.retention.sweep(), this.exports.purgeExpired()])
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error(`retention sweep failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (this.sweeping = undefined));
  }
}
