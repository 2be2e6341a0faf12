import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { IdentityService } from '#domain/identity/identity.service.js';
import { AppConfig, loadConfig } from '#platform/config/app-config.js';
import { checkEvictionPolicy, createRedis } from '#platform/redis/redis.js';
import { AppModule } from './app.module.js';
import { requestLocale } from './common/viewer-locale.js';
import { scopeGraphQLRequests } from './graphql/http-request-scope.js';
import { answerRequestBodyErrorsAsGraphQL } from './graphql/request-body-errors.js';
import { registerDevExplorer } from './ops/dev-explorer.js';
import { registerWebClient } from './ops/web-client.js';

/** A request body above this is answered 413 (a GraphQL BAD_USER_INPUT error on `body`) before GraphQL runs. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Routes served beside GraphQL by Fastify itself; tests call it too, so they see the same HTTP surface. */
export async function configureHttpRoutes(app: NestFastifyApplication): Promise<void> {
  const identity = app.get(IdentityService);
  answerRequestBodyErrorsAsGraphQL(app.getHttpAdapter().getInstance(), '/graphql', (request) => requestLocale(identity, request.headers));
  scopeGraphQLRequests(app.getHttpAdapter().getInstance(), '/graphql');
  await registerDevExplorer(app, app.get(AppConfig).NODE_ENV);
  await registerWebClient(app);
}

/** Builds the API application (not listening); tests and main.ts share it. */
export async function createApiApp(options: { logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, trustProxy: loadConfig().TRUST_PROXY });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const config = app.get(AppConfig);
  await configureHttpRoutes(app);
  const redis = createRedis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    await checkEvictionPolicy(redis, config.REDIS_EVICTION_CHECK, (m) => app.get(Logger).warn(m));
  } finally {
    redis.disconnect();
  }
  return app;
}
