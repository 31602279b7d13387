import crypto from 'node:crypto';
import type { Db } from '../../kernel/db/index.js';
import { instanceSecret } from '../../kernel/secrets.js';
import { activationCode } from '../../kernel/auth/tokens.js';

/**
 * TOTP secrets are kept encrypted (AES-256-GCM) under a key made once per instance, so the factor
 * rows alone (a table copied out, a log, an export) do not give anyone a person's codes.
 */
async function key(db: Db): Promise<Buffer> {
  const material = await instanceSecret(db, 'mfa_secret_key');
  return crypto.createHash('sha256').update(`preau-mfa:${material}`).digest();
}

export async function sealSecret(db: Db, secret: string): Promise<string> {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', await key(db), iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((b) => b.toString('base64url')).join('.');
}

export async function openSecret(db: Db, stored: string): Promise<string> {
  const [iv = '', tag = '', sealed = ''] = stored.split('.');
  const decipher = crypto.createDecipheriv('aes-256-gcm', await key(db), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
}

export const RECOVERY_CODES = 10;

/** Ten codes of ten characters without look-alikes (about 49 bits each), grouped for reading. */
export function recoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODES }, () => activationCode());
}

/** What a person may type for a code: spaces and dashes do not matter, nor case. */
export function normalizeCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}
