import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Job } from 'bullmq';
import { JobHandler } from '#platform/queues/job-handler.js';
import { JOB_NAMES, type JobName } from '#platform/queues/job-registry.js';
import { collectHandlers } from './job-dispatcher.js';

/** A provider instance with one method marked @JobHandler(name), as a processor class would have. */
function processorFor(name: JobName, label: string = name): object {
  class Processor {
    async handle(payload: unknown): Promise<unknown> {
      return { handledBy: label, payload, self: this instanceof Processor };
    }
  }
  const descriptor = Object.getOwnPropertyDescriptor(Processor.prototype, 'handle')!;
  JobHandler(name)(Processor.prototype, 'handle', descriptor);
  return new Processor();
}

/** What DiscoveryService.getProviders() gives: instance wrappers. */
function discoveryOf(instances: unknown[], options: { static?: boolean } = {}): DiscoveryService {
  const wrappers = instances.map((instance) => ({ instance, isDependencyTreeStatic: () => options.static ?? true }));
  return { getProviders: () => wrappers } as unknown as DiscoveryService;
}

const collect = (discovery: DiscoveryService) => collectHandlers(discovery, new MetadataScanner(), new Reflector());
const oneEach = () => JOB_NAMES.map((name) => processorFor(name));
const [firstJob] = JOB_NAMES as [JobName, ...JobName[]];

describe('collectHandlers (the worker refuses to boot unless every job has exactly one handler)', () => {
  it('maps every job of the registry to its one handler, bound to its provider', async () => {
    const handlers = collect(discoveryOf([...oneEach(), { unrelated: true }, null, 'a string provider']));
    expect([...handlers.keys()].sort()).toEqual([...JOB_NAMES].sort());
    await expect(handlers.get(firstJob)!({ id: 1 }, {} as Job)).resolves.toEqual({ handledBy: firstJob, payload: { id: 1 }, self: true });
  });

  it('refuses a job with zero handlers', () => {
    const withoutFirst = JOB_NAMES.filter((name) => name !== firstJob).map((name) => processorFor(name));
    expect(() => collect(discoveryOf(withoutFirst))).toThrow(`job "${firstJob}" has 0 handlers`);
  });

  it('refuses a job with two handlers', () => {
    const providers = [...oneEach(), processorFor(firstJob, 'second')];
    expect(() => collect(discoveryOf(providers))).toThrow(`job "${firstJob}" has 2 handlers`);
  });

  it('refuses two handlers of one job on the same class', () => {
    class Doubled {
      @JobHandler(firstJob)
      async a(): Promise<void> {}

      @JobHandler(firstJob)
      async b(): Promise<void> {}
    }
    const others = JOB_NAMES.filter((name) => name !== firstJob).map((name) => processorFor(name));
    expect(() => collect(discoveryOf([...others, new Doubled()]))).toThrow(`job "${firstJob}" has 2 handlers`);
  });

  it('refuses a handler for a job that is not in the registry', () => {
    const stray = processorFor('no.such.job' as JobName);
    expect(() => collect(discoveryOf([...oneEach(), stray]))).toThrow('handler for unknown job "no.such.job"');
  });

  it('names every problem at once', () => {
    let message = '';
    try {
      collect(discoveryOf([]));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Job registry is inconsistent/);
    for (const name of JOB_NAMES) expect(message).toContain(`job "${name}" has 0 handlers`);
  });

  it('ignores request-scoped providers (they cannot be called from a worker)', () => {
    expect(() => collect(discoveryOf(oneEach(), { static: false }))).toThrow(`job "${firstJob}" has 0 handlers`);
  });
});
