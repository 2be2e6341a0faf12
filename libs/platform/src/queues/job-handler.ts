import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobName, JobPayloads } from './job-registry.js';

export const JOB_HANDLER = 'climathon:job-handler';

/** Marks a provider method as the handler of one job name; the worker checks there is exactly one per job. */
export const JobHandler = (name: JobName) => SetMetadata(JOB_HANDLER, name);

export type JobHandlerFn<N extends JobName> = (payload: JobPayloads[N], job: Job<JobPayloads[N]>) => Promise<unknown>;
