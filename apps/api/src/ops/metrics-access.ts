import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '#platform/config/app-config.js';

/** What GET /metrics answers a request: the metrics, 401 (a token is asked for) or 404 (not served here). */
export type MetricsAccess = 'serve' | 'unauthorized' | 'not-found';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Whether `authorization` is `Bearer <METRICS_TOKEN>`, compared in constant time. */
function presentsToken(authorization: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

/**
 * docs/rules.md "Runtime interface": GET /metrics answers only with METRICS_TOKEN as a bearer token, or on METRICS_PORT.
 * - METRICS_TOKEN set: the token is asked for everywhere (401 without it), on the API's port and on METRICS_PORT.
 * - Unset, on METRICS_PORT: served (that port is for the monitoring network only).
 * - Unset, on the API's port: 404 when METRICS_PORT serves the metrics or in production (the API still starts, and so
 *   does the worker, which shares the configuration); served outside production, for a newcomer's machine and tests.
 */
export function metricsAccess(config: AppConfig, authorization: string | undefined, onMetricsPort: boolean): MetricsAccess {
  if (config.METRICS_TOKEN) return presentsToken(authorization, config.METRICS_TOKEN) ? 'serve' : 'unauthorized';
  if (onMetricsPort) return 'serve';
  return config.METRICS_PORT !== undefined || config.NODE_ENV === 'production' ? 'not-found' : 'serve';
}
