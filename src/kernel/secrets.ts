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
