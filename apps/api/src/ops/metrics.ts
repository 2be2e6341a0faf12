import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { AppConfig } from '#platform/config/app-config.js';
import { knownOperationNames } from './known-operations.js';

/** The BullMQ queues the API reads for operations (depths, Bull Board), on their own fail-fast Redis connection. */
export const OPS_QUEUES = Symbol('OPS_QUEUES');

export const QUEUE_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;

/** Latency buckets (seconds) from 5 ms to 10 s: GraphQL operations and HTTP requests alike. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** HTTP methods labelled as such; anything else is `OTHER` (the label set stays bounded). */
const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The API's Prometheus metrics, in a registry of its own (not prom-client's global one, so several applications in
 * one process, as in the tests, never collide). Queue depths and outbox lag are read at scrape time.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly logger = new Logger('Metrics');
  private readonly operationNames: ReadonlySet<string>;

  readonly httpDuration = new Histogram({
    name: 'climathon_http_request_duration_seconds',
    help: 'HTTP request duration in seconds, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: BUCKETS,
    registers: [this.registry],
  });

  readonly graphqlDuration = new Histogram({
    name: 'climathon_graphql_operation_duration_seconds',
    help: 'GraphQL operation duration in seconds (parse to response), by operation type and name and whether it had errors.',
    labelNames: ['operation_type', 'operation_name', 'outcome'] as const,
    buckets: BUCKETS,
    registers: [this.registry],
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(OPS_QUEUES) queues: Queue[],
    config: AppConfig,
  ) {
    this.operationNames = knownOperationNames(config.METRICS_OPERATION_NAMES);
    collectDefaultMetrics({ register: this.registry });
    const logger = this.logger;

    new Gauge({
      name: 'climathon_queue_jobs',
      help: 'BullMQ jobs per queue and state (waiting, delayed, active, failed), read at scrape time.',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        await Promise.all(
          queues.map(async (queue) => {
            try {
              const counts = await queue.getJobCounts(...QUEUE_STATES);
              for (const state of QUEUE_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
            } catch (error) {
              logger.warn(`cannot read the depth of queue ${queue.name}: ${String(error)}`);
            }
          }),
        );
      },
    });

    // The outbox: rows not yet processed by a worker (relayed or not). Read from the database at scrape time.
    let outbox: Promise<{ count: number; age: number } | null> | null = null;
    const readOutbox = () =>
      (outbox ??= this.readOutbox().finally(() => {
        outbox = null; // one query per scrape serves both gauges
      }));
    new Gauge({
      name: 'climathon_outbox_unprocessed_events',
      help: 'outbox_event rows not processed yet (processed_at IS NULL).',
      registers: [this.registry],
      async collect() {
        const lag = await readOutbox();
        if (lag) this.set(lag.count);
      },
    });
    new Gauge({
      name: 'climathon_outbox_oldest_unprocessed_age_seconds',
      help: 'Age in seconds of the oldest unprocessed outbox_event row (0 when there is none).',
      registers: [this.registry],
      async collect() {
        const lag = await readOutbox();
        if (lag) this.set(lag.age);
      },
    });
  }

  /** A label for a client-chosen operation name: the name of an operation the server knows (knownOperationNames), else `other`. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    return this.operationNames.has(name) ? name : 'other';
  }

  /**
   * The labels of one HTTP request: the route pattern Fastify matched (a fixed set: the API registers its routes at
   * start-up; no path a client makes up becomes a label, unmatched ones are `unmatched`) and a known method.
   */
  httpLabels(method: string, route: string | undefined, statusCode: number): { method: string; route: string; status_code: string } {
    return { method: HTTP_METHODS.has(method) ? method : 'OTHER', route: route ?? 'unmatched', status_code: String(statusCode) };
  }

  async scrape(): Promise<string> {
    return this.registry.metrics();
  }

  private async readOutbox(): Promise<{ count: number; age: number } | null> {
    try {
      const [row] = await this.dataSource.query<{ count: number; age: number }[]>(
        `SELECT count(*)::int AS count, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS age FROM outbox_event WHERE processed_at IS NULL`,
      );
      return { count: Number(row?.count ?? 0), age: Math.max(0, Number(row?.age ?? 0)) };
    } catch (error) {
      this.logger.warn(`cannot read the outbox lag: ${String(error)}`);
      return null;
    }
  }
}
