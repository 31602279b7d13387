// One-click unsubscribe from email notices (RFC 8058): a signed token per person in each notice's
// List-Unsubscribe URL, and the use case that turns that person's notices off.
//
// The token is `base64url(iv ‖ AES-256-CTR(personId) ‖ HMAC-SHA-256(iv ‖ ciphertext)[0..16])`,
// with both keys derived (HKDF) from one instance secret kept in the settings table
// (kernel/secrets.ts), so every app instance reads the same token:
// - it cannot be forged or altered: the MAC covers the IV and the ciphertext and is checked in
//   constant time before anything is decrypted (encrypt-then-MAC);
// - it names the person without showing their id: the id is encrypted, with a fresh random IV per
//   email, so two notices to the same person do not even carry the same token;
// - it does not expire: an old notice's link must still work (that is what mail clients and the
//   RFC expect), and all it can do is switch notices off, which the person undoes in their
//   preferences. Rotating the secret (deleting its settings row) voids every token ever sent.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { audit } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db/index.js';
import { instanceSecret } from '../../kernel/secrets.js';
import * as repo from './repository.js';
import * as notices from './repository/notices.js';

const SECRET_KEY = 'messaging.unsubscribe.secret';
const IV_BYTES = 16;
const MAC_BYTES = 16;
/** Person ids are UUIDs (36 characters); anything longer is not a token of ours. */
const MAX_ID_BYTES = 64;

export interface UnsubscribeKeys {
  enc: Buffer;
  mac: Buffer;
}

/** The instance's unsubscribe keys, derived from its secret (made on first use). */
export async function unsubscribeKeys(db: Db): Promise<UnsubscribeKeys> {
  const secret = Buffer.from(await instanceSecret(db, SECRET_KEY), 'utf8');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `preau.messaging.unsubscribe.${info}`, 32));
  return { enc: derive('enc'), mac: derive('mac') };
}

const macOf = (keys: UnsubscribeKeys, data: Buffer) => createHmac('sha256', keys.mac).update('v1').update(data).digest().subarray(0, MAC_BYTES);

/** A new token naming `personId`. */
export function unsubscribeToken(keys: UnsubscribeKeys, personId: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-ctr', keys.enc, iv);
  const sealed = Buffer.concat([iv, cipher.update(personId, 'utf8'), cipher.final()]);
  return Buffer.concat([sealed, macOf(keys, sealed)]).toString('base64url');
}

/** The person a token names, or null when it is not one of this instance's tokens (forged, altered, cut). */
export function personOfToken(keys: UnsubscribeKeys, token: string): string | null {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const raw = Buffer.from(token, 'base64url');
  if (raw.length <= IV_BYTES + MAC_BYTES || raw.length > IV_BYTES + MAX_ID_BYTES + MAC_BYTES) return null;
  // Base64url has several spellings of the same bytes; only the canonical one is ours.
  if (raw.toString('base64url') !== token) return null;
  const sealed = raw.subarray(0, raw.length - MAC_BYTES);
  if (!timingSafeEqual(macOf(keys, sealed), raw.subarray(raw.length - MAC_BYTES))) return null;
  const decipher = createDecipheriv('aes-256-ctr', keys.enc, sealed.subarray(0, IV_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES)), decipher.final()]).toString('utf8');
}

/** The path of a person's unsubscribe URL (the caller puts the instance's public URL before it). */
export const unsubscribePath = (token: string) => `/messaging/unsubscribe/${token}`;

/** Whether the token names a person of this instance (for the confirmation page; changes nothing). */
export async function checkUnsubscribeToken(db: Db, token: string): Promise<boolean> {
  const personId = personOfToken(await unsubscribeKeys(db), token);
  return !!personId && (await notices.personExists(db, personId));
}

/**
 * Turns off the email notices of the person the token names, audited; false (nothing changed)
 * when the token is not valid or names nobody any more.
 */
export async function unsubscribe(db: Db, token: string, now: Date, ip: string | null): Promise<boolean> {
  const personId = personOfToken(await unsubscribeKeys(db), token);
  if (!personId || !(await notices.personExists(db, personId))) return false;
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const before = await repo.emailPreference(trx, personId);
    await repo.setEmailPreference(trx, personId, 'off', at);
    // What waits for a later flush (a digest, the end of quiet hours) is not sent either.
    await notices.dropWaitingNotices(trx, personId, at);
    // The token stands for the person (or their mail client, on their behalf): they are the actor.
    await audit(trx, { action: 'messaging.notices.unsubscribed', actorId: personId, subjectId: personId, ip, details: { from: before.emailMode } });
  });
  return true;
}
