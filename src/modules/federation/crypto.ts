import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../../kernel/db/index.js';
import { instanceSecret } from '../../kernel/secrets.js';

/** The instance's federation secret: seals private keys and client secrets, keys the pairwise subjects. */
export async function federationSecret(db: Db): Promise<string> {
  return instanceSecret(db, 'federation_secret');
}

const keyOf = (secret: string) => createHash('sha256').update(`seal:${secret}`).digest();

/** AES-256-GCM: `v1.` + base64url(iv | tag | ciphertext). A wrong secret or a changed byte fails to open. */
export function seal(secret: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

export function open(secret: string, sealed: string): string {
  if (!sealed.startsWith('v1.')) throw new Error('unknown sealed format');
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** A partner's pseudonymous subject: the same person gets a different, stable `sub` per partner. */
export function pairwiseSubject(secret: string, personId: string, sector: string): string {
  return createHmac('sha256', `pairwise:${secret}`).update(`${sector}\n${personId}`).digest('base64url');
}
