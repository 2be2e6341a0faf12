import { Injectable } from '@nestjs/common';
import { JobHandler } from '#platform/queues/job-handler.js';
import type { JobPayloads } from '#platform/queues/job-registry.js';
import { ReminderScheduler, type FireOutcome } from './reminder-scheduler.service.js';

@Injectable()
export class RemindersProcessor {
  constructor(private readonly scheduler: ReminderScheduler) {}

  @JobHandler('reminder.fire')
  async fire({ reminderId }: JobPayloads['reminder.fire']): Promise<FireOutcome> {
    return this.scheduler.fire(reminderId);
  }
}
