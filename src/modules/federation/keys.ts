import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { JWK } from 'oidc-provider';
import type { Db } from '../../kernel/db/index.js';
import { open, seal } from './crypto.js';

/** How long a retired key stays published, so tokens it signed still verify. */
export const RETIRED_KEY_KEPT_DAYS = 7;
/** The scheduled rotation makes a new signing key when the current one is older than this. */
export const KEY_MAX_AGE_DAYS = 90;

const DAY = 24 * 60 * 60_000;

function newRsaKey(): { kid: string; publicJwk: JWK; privateJwk: JWK } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const meta = { kid, alg: 'RS256', use: 'sig' };
  return {
    kid,
    publicJwk: { ...publicKey.export({ format: 'jwk' }), ...meta } as JWK,
    privateJwk: { ...privateKey.export({ format: 'jwk' }), ...meta } as JWK,
  };
}

async function insertKey(db: Db, secret: string, now: Date) {
  const key = newRsaKey();
  await db
    .insertInto('oidcKeys')
    .values({
      kid: key.kid,
      alg: 'RS256',
      publicJwk: JSON.stringify(key.publicJwk),
      privateJwk: seal(secret, JSON.stringify(key.privateJwk)),
      createdAt: now.toISOString(),
      retiredAt: null,
    })
    .execute();
  return key.kid;
}

/** The published keys, the current signing key first (the provider signs with the first key of an algorithm). */
export async function signingKeys(db: Db, secret: string, now: Date): Promise<JWK[]> {
  let rows = await liveKeys(db, now);
  if (!rows.some((r) => r.retiredAt === null)) {
    await insertKey(db, secret, now);
    rows = await liveKeys(db, now);
  }
  return rows.map((r) => JSON.parse(open(secret, r.privateJwk)) as JWK);
}

async function liveKeys(db: Db, now: Date) {
  const rows = await db
    .selectFrom('oidcKeys')
    .selectAll()
    .where((eb) => eb.or([eb('retiredAt', 'is', null), eb('retiredAt', '>', new Date(now.getTime() - RETIRED_KEY_KEPT_DAYS * DAY).toISOString())]))
    .orderBy('createdAt', 'desc')
    .execute();
  // Current (not retired) first, then the retired ones, newest first.
  return [...rows.filter((r) => r.retiredAt === null), ...rows.filter((r) => r.retiredAt !== null)];
}

/** A fingerprint of the key set: when it changes, the running provider is rebuilt with the new keys. */
export async function keySetVersion(db: Db): Promise<string> {
  const rows = await db.selectFrom('oidcKeys').select(['kid', 'retiredAt']).orderBy('kid').execute();
  return rows.map((r) => `${r.kid}:${r.retiredAt ?? ''}`).join(',');
}

/**
 * Makes a new signing key and retires the current ones (still published for verification for
 * RETIRED_KEY_KEPT_DAYS), and deletes keys retired before that. Returns the new key's id.
 */
export async function rotateKeys(db: Db, secret: string, now: Date): Promise<string> {
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('oidcKeys').set({ retiredAt: now.toISOString() }).where('retiredAt', 'is', null).execute();
    await trx
      .deleteFrom('oidcKeys')
      .where('retiredAt', '<=', new Date(now.getTime() - RETIRED_KEY_KEPT_DAYS * DAY).toISOString())
      .execute();
    return insertKey(trx, secret, now);
  });
}

/** The scheduled rotation: only when the current key is older than KEY_MAX_AGE_DAYS. */
export async function rotateWhenDue(db: Db, secret: string, now: Date): Promise<string | null> {
  const current = await db.selectFrom('oidcKeys').select('createdAt').where('retiredAt', 'is', null).orderBy('createdAt', 'desc').executeTakeFirst();
  if (current && Date.parse(current.createdAt) > now.getTime() - KEY_MAX_AGE_DAYS * DAY) return null;
  return rotateKeys(db, secret, now);
}
