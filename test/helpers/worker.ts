import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { Clock, ManualClock } from '#platform/clock/clock.js';

export interface RunningWorker {
  app: INestApplicationContext;
  clock: ManualClock;
  close(): Promise<void>;
}

/** The real worker (outbox relay, BullMQ processors) in this process, sharing the test's clock. */
export async function startWorker(options: { clock?: ManualClock } = {}): Promise<RunningWorker> {
  const clock = options.clock ?? new ManualClock(new Date());
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = await moduleRef.init();
  return { app, clock, close: () => app.close() };
}
