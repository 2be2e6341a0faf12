import { Controller, Get, Header } from '@nestjs/common';
import { register } from 'prom-client';
import { Metrics } from './metrics.js';

/**
 * GET /metrics in the Prometheus text format. Unauthenticated, as scrapers expect: it names no user or object,
 * but should be reachable from the monitoring network only (not routed by the public ingress).
 */
@Controller()
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get('metrics')
  @Header('content-type', register.contentType)
  @Header('cache-control', 'no-store')
  async scrape(): Promise<string> {
    return this.metrics.scrape();
  }
}
