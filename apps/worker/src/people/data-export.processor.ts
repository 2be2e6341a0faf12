import { Injectable } from '@nestjs/common';
import { DATA_EXPORT_REQUESTED, DataExportService } from '#domain/people/data-export.service.js';
import { JobHandler } from '#platform/queues/job-handler.js';
import { jobId, type JobPayloads } from '#platform/queues/job-registry.js';
import { QueueProducer } from '#platform/queues/queue-producer.js';

/** A requested data export is a job of its own: `data_export.requested` queues it once (job id per export). */
@Injectable()
export class DataExportProcessor {
  constructor(
    private readonly exports: DataExportService,
    private readonly producer: QueueProducer,
  ) {}

  async onEvent(type: string, payload: Record<string, unknown>): Promise<void> {
    if (type !== DATA_EXPORT_REQUESTED) return;
    const exportId = String(payload.exportId);
    await this.producer.add('data-export.produce', { exportId }, { jobId: jobId('data-export', exportId) });
  }

  @JobHandler('data-export.produce')
  async produce({ exportId }: JobPayloads['data-export.produce']): Promise<'produced' | 'skipped'> {
    return this.exports.produce(exportId);
  }
}
