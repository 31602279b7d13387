import webpush from 'web-push';
import type { Db } from '../../kernel/db/index.js';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

const KEY = 'offline_vapid_keys';

/**
 * The instance's VAPID key pair (RFC 8292), made once and kept in the settings table so that every
 * instance signs with the same key: browsers tie a subscription to the public key it was made with.
 */
export async function vapidKeys(db: Db): Promise<VapidKeys> {
  const existing = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (existing) return JSON.parse(existing.value) as VapidKeys;
  const keys = webpush.generateVAPIDKeys();
  await db
    .insertInto('settings')
    .values({ key: KEY, value: JSON.stringify(keys) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  // Two instances starting together: whichever wrote first wins, both use it.
  const stored = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirstOrThrow();
  return JSON.parse(stored.value) as VapidKeys;
}

/** Who the push services may contact about our pushes: the public address when https, else the mail sender. */
export function vapidSubject(publicUrl: string, mailFrom: string): string {
  if (publicUrl.startsWith('https://')) return publicUrl;
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  return `mailto:${address}`;
}
