import { AppConfig, ConfigError, loadConfig } from '#platform/config/app-config.js';
import { createWorkerApp, serveHealth } from './bootstrap.js';

try {
  loadConfig(); // fail fast with a message naming the bad variable
  const app = await createWorkerApp();
  const server = await serveHealth(app, app.get(AppConfig).WORKER_PORT);
  // SIGTERM: Nest's shutdown hooks close the BullMQ workers (running jobs finish) and the relay.
  process.once('beforeExit', () => server.close());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => server.close());
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
