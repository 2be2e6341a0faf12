import { createSecretKey } from 'node:crypto';

/**
 * An HS256 secret as a KeyObject, made once. Given a string or a Buffer, jsonwebtoken's `verify` first tries
 * `createPublicKey` on it (OpenSSL trying every key format, then throwing) before it falls back to a secret key: on
 * every call, which made a third of the CPU of a signed-in request (`npm run bench`, docs/performance.md). A KeyObject
 * is used as it is. @nestjs/jwt's option types name only string and Buffer, but it hands the secret to jsonwebtoken
 * untouched, so the KeyObject travels under the Buffer type.
 */
export function hmacSecretKey(secret: string | Buffer): Buffer {
  return createSecretKey(typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret) as unknown as Buffer;
}
