import { AppConfig, ConfigError, loadConfig } from '#platform/config/app-config.js';
import { createApiApp } from './bootstrap.js';

try {
  loadConfig(); // fail fast with a message naming the bad variable, before Nest starts
  const app = await createApiApp();
  const config = app.get(AppConfig);
  await app.listen({ port: config.PORT, host: '0.0.0.0' });
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
