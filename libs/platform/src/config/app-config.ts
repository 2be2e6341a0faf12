import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? (['true', '1', 'yes'].includes(value.toLowerCase()) ? true : ['false', '0', 'no'].includes(value.toLowerCase()) ? false : value) : value;
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

const DEV_JWT_SECRET = 'dev-only-insecure-jwt-secret-change-me';

/** Environment of both processes, with the names and defaults of docs/rules.md "Runtime interface". */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^postgres(ql)?:\/\/.+\/[^/?]+/, { message: 'DATABASE_URL must be a postgres:// URL naming a database' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/climathon';

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Matches(/^[A-Za-z0-9_.:-]{1,64}$/, { message: 'QUEUE_PREFIX must be 1-64 characters of letters, digits, _ . : -' })
  QUEUE_PREFIX = 'climathon';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_PORT = 3001;

  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Climathon <noreply@climathon.local>';

  /** SMTP connections each worker keeps open and reuses (nodemailer's pool). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  SMTP_POOL_CONNECTIONS = 5;

  /** Emails per second across all workers (real relays throttle); 0 sends as fast as the relay accepts. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100000)
  SMTP_MAX_PER_SECOND = 0;

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET = DEV_JWT_SECRET;

  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(86400)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  @Transform(toBoolean)
  @IsBoolean()
  DB_MIGRATE_ON_BOOT = true;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(100000)
  GRAPHQL_MAX_COST = 5000;

  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(50)
  GRAPHQL_MAX_DEPTH = 10;

  /** Largest graphql-ws message the API reads (the HTTP body limit's twin); a bigger one closes the socket (1009). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(16 * 1024 * 1024)
  WS_MAX_PAYLOAD_BYTES = 1024 * 1024;

  /** Operations (subscriptions, or queries still running) one socket may hold at once; the next is refused with RATE_LIMITED. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  WS_MAX_OPERATIONS_PER_SOCKET = 100;

  /** Open sockets of one user on one API process (tabs and devices); the next is closed with 4429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  WS_MAX_SOCKETS_PER_USER = 20;

  /** Open sockets from one client address on one API process: a whole school behind one NAT; the next is closed with 4429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  WS_MAX_SOCKETS_PER_ADDRESS = 1000;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60000)
  OUTBOX_POLL_MS = 500;

  /** How often the worker re-plans reminders and re-queues unprocessed events and unsent emails from the database (what a lost Redis or a stopped worker missed). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3600_000)
  REMINDER_RECONCILE_MS = 60_000;

  /** Roster students who belong only to CLOSED challenges are erased this many days after the last one closed (organizers are told 30 days before). */
  @Transform(toInt)
  @IsInt()
  @Min(31)
  @Max(3650)
  STUDENT_RETENTION_DAYS = 365;

  /** How often the worker looks for roster students whose retention ended. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(86_400_000)
  RETENTION_SWEEP_MS = 3_600_000;

  /** `exportMyData` answers inline up to this size; a larger export is produced by the worker (`requestDataExport`). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  DATA_EXPORT_INLINE_MAX_BYTES = 1_048_576;

  /**
   * Failed sign-ins per account from one address per 15 minutes; then that account's password sign-in is refused from
   * that address only (never its roster code, never another account). A successful sign-in clears them.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_SIGN_IN_PER_ACCOUNT = 10;

  /** Failed sign-ins per account from all addresses together per 15 minutes (guessing spread over many addresses). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_SIGN_IN_FAILURES_PER_ACCOUNT = 100;

  /** Sign-in attempts (password or roster code) per client address per 15 minutes: a whole school behind one NAT. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_SIGN_IN_PER_ADDRESS = 1000;

  /** Sign-ups per client address per 15 minutes (300 students of one venue, with room for retries). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_SIGN_UP_PER_ADDRESS = 450;

  /** Password-reset requests per client address per 15 minutes. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_ACCOUNT_EMAILS_PER_ADDRESS = 300;

  /** joinTeam attempts per user per 10 minutes: join codes must not be guessable by trying. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_JOIN_TEAM_PER_USER = 20;

  /** castPublicVote calls per user per 10 minutes: a vote burst is limited per user, never per address (a school shares one). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PUBLIC_VOTES_PER_USER = 60;

  /** addStudents calls per coach per hour (each creates up to 60 accounts): twelve classes with room for corrections. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_ADD_STUDENTS_PER_COACH = 30;

  /** resetStudentCode calls per coach per hour: a whole class that lost its sheets, twice over. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_STUDENT_CODE_RESETS_PER_COACH = 120;

  /** Behind a reverse proxy: take the client address from X-Forwarded-For (Fastify `trustProxy`). */
  @Transform(toBoolean)
  @IsBoolean()
  TRUST_PROXY = false;

  /** `refuse` stops the processes when Redis may evict BullMQ keys; `warn` only logs. */
  @IsIn(['warn', 'refuse'])
  REDIS_EVICTION_CHECK: 'warn' | 'refuse' = 'warn';

  /**
   * How long anonymous readers may be served a cached answer for a public, frozen page (an edition's gallery once its
   * results are published); 0 turns the response cache off. Signed-in viewers always get fresh answers.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  PUBLIC_CACHE_MAX_AGE_SECONDS = 10;

  /**
   * The address people open (the web client), the base of every link in emails (PUBLIC_URL + Notification.path).
   * Required when NODE_ENV=production; elsewhere it defaults to the API on PORT, which serves the built client.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, { message: 'PUBLIC_URL must be an http:// or https:// URL without query or fragment' })
  PUBLIC_URL?: string;

  /**
   * The bearer token GET /metrics asks for on the API's port. Unset: /metrics answers 404 there in production (and
   * when METRICS_PORT serves it instead), and anyone outside production (a newcomer's machine, the tests).
   */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /** A separate port (for the monitoring network only) where the API serves GET /metrics alone; 0 picks a free one. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT?: number;

  /** Operation names labelled in the metrics besides the web client's (comma-separated, e.g. other clients'). */
  @IsOptional()
  @Matches(/^\s*[_A-Za-z][_0-9A-Za-z]{0,63}(\s*,\s*[_A-Za-z][_0-9A-Za-z]{0,63})*\s*$/, { message: 'METRICS_OPERATION_NAMES must be comma-separated GraphQL operation names' })
  METRICS_OPERATION_NAMES?: string;
  /** PUBLIC_URL without a trailing slash, or the development default. */
  get publicUrl(): string {
    return (this.PUBLIC_URL ?? `http://localhost:${this.PORT}`).replace(/\/+$/, '');
  }
}

/** Optional variables: no default, so `new AppConfig()` does not name them. */
const OPTIONAL_KEYS = ['PUBLIC_URL', 'METRICS_TOKEN', 'METRICS_PORT', 'METRICS_OPERATION_NAMES'] as const;

export class ConfigError extends Error {}

/** Reads and validates the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, string> = {};
  for (const key of [...known, ...OPTIONAL_KEYS]) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw);
  const errors = validateSync(config, { forbidUnknownValues: false });
  if (config.NODE_ENV === 'production' && config.JWT_SECRET === DEV_JWT_SECRET) {
    throw new ConfigError('Invalid configuration: JWT_SECRET is required when NODE_ENV=production');
  }
  if (config.METRICS_PORT !== undefined && config.METRICS_PORT !== 0 && config.METRICS_PORT === config.PORT) {
    throw new ConfigError('Invalid configuration: METRICS_PORT must differ from PORT');
  }
  if (config.NODE_ENV === 'production' && !config.PUBLIC_URL) {
    throw new ConfigError('Invalid configuration: PUBLIC_URL (the address of the web client, the base of email links) is required when NODE_ENV=production');
  }
  if (errors.length > 0) {
    const lines = errors.map((e) => `${e.property}=${JSON.stringify(raw[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return config;
}
