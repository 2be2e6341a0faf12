// npm run admin:create -- <email> <password>: creates a platform admin, or promotes an existing account
// (and sets its password). Applies pending migrations first, like the API at boot (DB_MIGRATE_ON_BOOT).
import 'reflect-metadata';
import { JwtService } from '@nestjs/jwt';
import { AccountEmails } from '#domain/identity/account-emails.js';
import { IdentityService, MIN_PASSWORD_LENGTH } from '#domain/identity/identity.service.js';
import { SessionRevocation } from '#domain/identity/session-revocation.js';
import { SystemClock } from '#platform/clock/clock.js';
import { ConfigError, loadConfig } from '#platform/config/app-config.js';
import { createDataSource, migrateDatabase } from '#platform/database/data-source.js';
import { renderError } from '#domain/i18n/errors.js';
import { DomainError } from '#platform/errors/domain-error.js';

const USAGE = `usage: npm run admin:create -- <email> <password>   (password: at least ${MIN_PASSWORD_LENGTH} characters)`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const [email, password, ...extra] = process.argv.slice(2);
if (!email || password === undefined || extra.length > 0) fail(USAGE);

try {
  const config = loadConfig();
  if (config.DB_MIGRATE_ON_BOOT) await migrateDatabase(config);
  const dataSource = createDataSource(config, { extra: { max: 2, application_name: 'climathon-admin-create' } });
  await dataSource.initialize();
  try {
    // The service itself (validation, hashing, create-or-promote), without booting the whole application.
    const clock = new SystemClock();
    const sessions = new SessionRevocation(dataSource, config, clock); // its Redis connects only if used (never here)
    const identity = new IdentityService(dataSource, new JwtService(), config, clock, sessions, new AccountEmails(config));
    const existed = (await identity.findByEmail(email)) !== null;
    const user = await identity.createAdmin(email, password);
    console.log(existed ? `Promoted ${user.email} to platform admin (password updated).` : `Created platform admin ${user.email} (id ${user.id}).`);
  } finally {
    await dataSource.destroy();
  }
} catch (error) {
  if (error instanceof DomainError) fail(`Cannot create admin: ${renderError(error, 'en').message}\n${USAGE}`);
  if (error instanceof ConfigError) fail(error.message);
  fail(`Cannot create admin: ${error instanceof Error ? error.message : String(error)}`);
}
