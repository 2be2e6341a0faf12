// Plain ESM (not transformed by Jest): it runs the built migrations from dist/, which `npm test` builds first.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { migrateDatabase } from '../dist/libs/platform/src/database/data-source.js';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/climathon';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/**
 * One fresh database and one Redis key prefix per test run, so runs never see each other's data;
 * migrations run once here, exactly as in production.
 */
export default async function globalSetup() {
  const base = new URL(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  const redis = new URL(process.env.REDIS_URL ?? DEFAULT_REDIS_URL);
  const missing = [];
  if (!(await reachable(base.hostname, Number(base.port || 5432)))) {
    missing.push(`PostgreSQL at ${base.host}: start it with  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start  (or docker compose up -d postgres)`);
  }
  if (!(await reachable(redis.hostname, Number(redis.port || 6379)))) {
    missing.push(`Redis at ${redis.host}: start it with  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no  (or docker compose up -d redis)`);
  }
  if (missing.length) {
    throw new Error(`The tests need real services that cannot be reached:\n  - ${missing.join('\n  - ')}`);
  }
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  base.pathname = `/climathon_test_${runId}`;
  process.env.DATABASE_URL = base.toString();
  process.env.REDIS_URL = redis.toString();
  process.env.QUEUE_PREFIX = `test_${runId}`;
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
  process.env.DB_MIGRATE_ON_BOOT = 'false';
  process.env.OUTBOX_POLL_MS = '100';
  // Every test signs up and in from 127.0.0.1: the rate-limit test lowers these for its own API.
  process.env.RATE_LIMIT_SIGN_UP_PER_ADDRESS ??= '1000000';
  process.env.RATE_LIMIT_SIGN_IN_PER_ADDRESS ??= '1000000';
  process.env.RATE_LIMIT_SIGN_IN_PER_ACCOUNT ??= '1000000';
  process.env.RATE_LIMIT_JOIN_TEAM_PER_USER ??= '1000000';
  process.env.RATE_LIMIT_PUBLIC_VOTES_PER_USER ??= '1000000';
  process.env.RATE_LIMIT_SIGN_IN_FAILURES_PER_ACCOUNT ??= '1000000';
  process.env.RATE_LIMIT_ACCOUNT_EMAILS_PER_ADDRESS ??= '1000000';
  process.env.RATE_LIMIT_ADD_STUDENTS_PER_COACH ??= '1000000';
  process.env.RATE_LIMIT_STUDENT_CODE_RESETS_PER_COACH ??= '1000000';
  await migrateDatabase({ DATABASE_URL: process.env.DATABASE_URL });
}
