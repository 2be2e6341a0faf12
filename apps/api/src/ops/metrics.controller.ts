import { Controller, Get, Header, Headers, NotFoundException, Res, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { register } from 'prom-client';
import { AppConfig } from '#platform/config/app-config.js';
import { metricsAccess } from './metrics-access.js';
import { Metrics } from './metrics.js';

/**
 * GET /metrics in the Prometheus text format on the API's port, for a scraper presenting METRICS_TOKEN as a bearer
 * token (see metricsAccess; METRICS_PORT serves them without it, MetricsServer).
 */
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  @Get('metrics')
  @Header('content-type', register.contentType)
  @Header('cache-control', 'no-store')
  async scrape(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    switch (metricsAccess(this.config, authorization, false)) {
      case 'serve':
        return this.metrics.scrape();
      case 'unauthorized':
        void reply.header('www-authenticate', 'Bearer realm="metrics"');
        throw new UnauthorizedException('GET /metrics needs METRICS_TOKEN as a bearer token');
      case 'not-found':
        throw new NotFoundException();
    }
  }
}
