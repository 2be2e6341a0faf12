import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './app-config.js';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';

/** The ConfigError thrown for `env`, failing the test when nothing is thrown. */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('defaults to the values of docs/rules.md "Runtime interface"', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/climathon',
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'climathon',
      PORT: 3000,
      WORKER_PORT: 3001,
      SMTP_URL: 'smtp://127.0.0.1:1025',
      DB_MIGRATE_ON_BOOT: true,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      GRAPHQL_MAX_DEPTH: 10,
      WS_MAX_PAYLOAD_BYTES: 1024 * 1024,
      WS_MAX_OPERATIONS_PER_SOCKET: 100,
      WS_MAX_SOCKETS_PER_USER: 20,
      WS_MAX_SOCKETS_PER_ADDRESS: 1000,
    });
    expect(config.MAIL_FROM.length).toBeGreaterThan(0);
  });

  it('reads the environment, converting numbers and booleans', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://app:pw@db.internal:6432/climathon_prod?sslmode=require',
      REDIS_URL: 'rediss://cache.internal:6380',
      QUEUE_PREFIX: 'prod:eu',
      PORT: '8080',
      WORKER_PORT: '8081',
      SMTP_URL: 'smtps://mail.internal:465',
      DB_MIGRATE_ON_BOOT: 'false',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({ PORT: 8080, WORKER_PORT: 8081, DB_MIGRATE_ON_BOOT: false, LOG_LEVEL: 'debug', QUEUE_PREFIX: 'prod:eu' });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', LOG_LEVEL: '' })).toMatchObject({ PORT: 3000, LOG_LEVEL: 'info' });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['PORT', '3000.5'],
    ['WORKER_PORT', '-1'],
    ['DATABASE_URL', 'mysql://root@127.0.0.1/climathon'],
    ['DATABASE_URL', 'postgres://postgres@127.0.0.1:5432'],
    ['REDIS_URL', '127.0.0.1:6379'],
    ['LOG_LEVEL', 'verbose'],
    ['NODE_ENV', 'staging'],
    ['DB_MIGRATE_ON_BOOT', 'maybe'],
    ['WS_MAX_PAYLOAD_BYTES', '100'],
    ['WS_MAX_OPERATIONS_PER_SOCKET', '0'],
    ['WS_MAX_SOCKETS_PER_USER', 'many'],
    ['WS_MAX_SOCKETS_PER_ADDRESS', '0'],
  ])('refuses %s=%s with a ConfigError naming the variable', (name, value) => {
    const error = configError({ [name]: value });
    expect(error.message).toContain(`${name}=${JSON.stringify(value)}`);
  });

  it('names every bad variable at once', () => {
    const error = configError({ PORT: 'x', LOG_LEVEL: 'loud' });
    expect(error.message).toContain('PORT=');
    expect(error.message).toContain('LOG_LEVEL=');
  });

  it('requires JWT_SECRET when NODE_ENV=production', () => {
    expect(configError({ NODE_ENV: 'production' }).message).toMatch(/JWT_SECRET is required/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, PUBLIC_URL: 'https://climathon.example.org' }).JWT_SECRET).toBe(SECRET);
    expect(configError({ NODE_ENV: 'production', JWT_SECRET: 'short', PUBLIC_URL: 'https://climathon.example.org' }).message).toMatch(/JWT_SECRET/);
  });

  it('requires PUBLIC_URL, the base of email links, when NODE_ENV=production; elsewhere it defaults to the API on PORT', () => {
    expect(configError({ NODE_ENV: 'production', JWT_SECRET: SECRET }).message).toMatch(/PUBLIC_URL .* is required when NODE_ENV=production/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, PUBLIC_URL: 'https://climathon.example.org/' }).publicUrl).toBe('https://climathon.example.org');
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://scuole.example.org/climathon' }).publicUrl).toBe('https://scuole.example.org/climathon');
    for (const bad of ['climathon.example.org', 'https://climathon.example.org/?x=1', 'ftp://climathon.example.org']) {
      expect(configError({ PUBLIC_URL: bad }).message).toMatch(/PUBLIC_URL/);
    }
  });

  it('accepts the development default of JWT_SECRET outside production', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).JWT_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({}).JWT_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it('reads the metrics settings, none of them required in production (the worker starts without them)', () => {
    const production = loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, PUBLIC_URL: 'https://climathon.example.org' });
    expect([production.METRICS_TOKEN, production.METRICS_PORT, production.METRICS_OPERATION_NAMES]).toEqual([undefined, undefined, undefined]);
    expect(loadConfig({ METRICS_TOKEN: 'a-long-enough-token', METRICS_PORT: '9464', METRICS_OPERATION_NAMES: 'Probe, Other_2' })).toMatchObject({
      METRICS_TOKEN: 'a-long-enough-token',
      METRICS_PORT: 9464,
      METRICS_OPERATION_NAMES: 'Probe, Other_2',
    });
    expect(configError({ METRICS_TOKEN: 'short' }).message).toMatch(/METRICS_TOKEN/);
    expect(configError({ METRICS_PORT: 'x' }).message).toMatch(/METRICS_PORT/);
    expect(configError({ METRICS_PORT: '3000' }).message).toMatch(/METRICS_PORT must differ from PORT/);
    expect(configError({ METRICS_OPERATION_NAMES: 'ok, not-a-name' }).message).toMatch(/METRICS_OPERATION_NAMES/);
  });
});
