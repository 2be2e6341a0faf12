import 'reflect-metadata';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../apps/api/src/app.module.js';
import { BODY_LIMIT_BYTES, configureHttpRoutes } from '../../apps/api/src/bootstrap.js';
import { Clock, ManualClock } from '#platform/clock/clock.js';
import { AppConfig, loadConfig } from '#platform/config/app-config.js';

export interface RunningApi {
  app: NestFastifyApplication;
  url: string;
  wsUrl: string;
  clock: ManualClock;
  close(): Promise<void>;
}

/**
 * The real API listening on a free port, with a clock the test controls (starting at the real now). `env` overrides
 * variables of the test environment for this API only (its AppConfig), e.g. `{ NODE_ENV: 'production', ... }`.
 */
export async function startApi(options: { clock?: ManualClock; env?: Record<string, string | undefined> } = {}): Promise<RunningApi> {
  const clock = options.clock ?? new ManualClock(new Date());
  let builder = Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(Clock)
    .useValue(clock);
  if (options.env) builder = builder.overrideProvider(AppConfig).useValue(loadConfig({ ...process.env, ...options.env }));
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES }), { logger: false });
  await configureHttpRoutes(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const base = `127.0.0.1:${address.port}`;
  return { app, url: `http://${base}/graphql`, wsUrl: `ws://${base}/graphql`, clock, close: () => app.close() };
}
