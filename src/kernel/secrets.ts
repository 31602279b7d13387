import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Db } from './db/index.js';
import { randomToken } from './auth/tokens.js';

/** A random secret made once per instance and kept in the database, shared by every app instance. */
export async function instanceSecret(db: Db, key: string): Promise<string> {
  const existing = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  if (existing) return existing.value;
  const value = randomToken(32);
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const stored = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return stored.value;
}

const sealKey = (secret: string) => createHash('sha256').update(`seal:${secret}`).digest();

/**
 * Encrypts a value kept at rest (a signing key, a client secret, a TOTP secret) with AES-256-GCM
 * under a key derived from an instance secret: `v1.` + base64url(iv | tag | ciphertext).
 */
export function seal(secret: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(secret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

/** The value `seal` made; a wrong secret or a changed byte throws. */
export function unseal(secret: string, sealed: string): string {
  if (!sealed.startsWith('v1.')) throw new Error('unknown sealed format');
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', sealKey(secret), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
