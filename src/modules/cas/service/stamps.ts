import crypto from 'node:crypto';
import type { Db } from '../../../kernel/db/index.js';
import { safeEqual } from '../../../kernel/auth/tokens.js';
import { instanceSecret } from '../../../kernel/secrets.js';

/**
 * The `lt` parameter /cas/login puts in the address it sends to the sign-in page: when it was
 * minted, signed by the instance. Coming back with it says "this request follows a form" (so the
 * hop to the service is a page, not a redirect the CSP would block), and a session created after
 * it proves the password was typed just now (what `renew=true` asks for).
 */
const STAMP_LIFETIME_MS = 30 * 60_000;

const sign = (key: string, at: number) => crypto.createHmac('sha256', key).update(`cas-login:${at}`).digest('base64url');

export async function mintStamp(db: Db, now: Date): Promise<string> {
  const at = now.getTime();
  return `${at}.${sign(await instanceSecret(db, 'cas_login_stamp'), at)}`;
}

/** When the stamp was minted, or null when it is forged, malformed or too old. */
export async function readStamp(db: Db, stamp: string, now: Date): Promise<number | null> {
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(stamp);
  if (!m) return null;
  const at = Number(m[1]);
  if (!safeEqual(m[2]!, sign(await instanceSecret(db, 'cas_login_stamp'), at))) return null;
  return at <= now.getTime() && now.getTime() - at < STAMP_LIFETIME_MS ? at : null;
}

/** Whether the session began at or after `since` (the person signed in after the stamp was minted). */
export async function sessionBeganSince(db: Db, sessionId: string, since: number): Promise<boolean> {
  const row = await db.selectFrom('sessions').select('createdAt').where('id', '=', sessionId).executeTakeFirst();
  return !!row && Date.parse(row.createdAt) >= since;
}
