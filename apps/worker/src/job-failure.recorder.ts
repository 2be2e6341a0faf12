import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobFailure } from '#platform/queues/job-failure.entity.js';

@Injectable()
export class JobFailureRecorder {
  private readonly logger = new Logger('JobFailureRecorder');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(queue: string, job: Job, error: Error): Promise<void> {
    try {
      const repository = this.dataSource.getRepository(JobFailure);
      await repository.save(
        repository.create({
          queue,
          jobId: String(job.id),
          jobName: job.name,
          payload: (job.data ?? {}) as Record<string, unknown>,
          error: `${error.name}: ${error.message}`.slice(0, 4000),
          attempts: job.attemptsMade,
        }),
      );
    } catch (recordError) {
      this.logger.error(`Could not record the failure of job ${job.id}: ${(recordError as Error).message}`);
    }
  }
}
