import { randomBytes, randomUUID, createHash } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import pg from 'pg';

/**
 * Signed-in sessions for many bench users at once, as `IdentityService.issueTokens` makes them: a refresh family per
 * user (a `refresh_token` row, only its SHA-256 stored) and an HS256 access token naming the user and the family.
 * Signing 5,000 users in through the API would spend minutes of argon2id on a shared machine before anything is
 * measured; every measured request still verifies its token and asks whether its family is active, as in production.
 * Returns the access tokens in the order of `userIds`.
 */
export async function issueSessions(url: string, userIds: readonly string[], jwtSecret: string, ttlSeconds = 3600): Promise<string[]> {
  const families = userIds.map(() => randomUUID());
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO refresh_token (user_id, family_id, token_hash, expires_at)
       SELECT u, f, h, now() + interval '30 days' FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS x(u, f, h)`,
      [userIds, families, userIds.map(() => createHash('sha256').update(randomBytes(32).toString('base64url')).digest('hex'))],
    );
  } finally {
    await client.end();
  }
  const jwt = new JwtService();
  return Promise.all(userIds.map((sub, i) => jwt.signAsync({ sub, adm: false, sid: families[i] }, { secret: jwtSecret, algorithm: 'HS256', expiresIn: ttlSeconds })));
}
