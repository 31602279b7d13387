import type { Db } from '../db/index.js';
import type { SessionInfo } from '../http/types.js';
import { randomToken, sha256 } from './tokens.js';

export interface SessionLifetimes {
  idleMinutes: number;
  absoluteMinutes: number;
}

// Writing last_seen_at on every request would turn reads into writes; once a minute is enough.
const TOUCH_EVERY_MS = 60_000;

export async function createSession(
  db: Db,
  personId: string,
  structureId: string | null,
  lifetimes: SessionLifetimes,
  now: Date = new Date(),
): Promise<{ token: string; session: SessionInfo }> {
  const token = randomToken();
  const session: SessionInfo = { id: sha256(token), personId, csrfToken: randomToken(24), structureId };
  await db
    .insertInto('sessions')
    .values({
      ...session,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + lifetimes.absoluteMinutes * 60_000).toISOString(),
    })
    .execute();
  return { token, session };
}

export async function findSession(db: Db, token: string, lifetimes: SessionLifetimes, at: Date = new Date()): Promise<SessionInfo | null> {
  const id = sha256(token);
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const now = at.getTime();
  const idleLimit = Date.parse(row.lastSeenAt) + lifetimes.idleMinutes * 60_000;
  if (Date.parse(row.expiresAt) <= now || idleLimit <= now) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  if (now - Date.parse(row.lastSeenAt) > TOUCH_EVERY_MS) {
    await db.updateTable('sessions').set({ lastSeenAt: at.toISOString() }).where('id', '=', id).execute();
  }
  return { id: row.id, personId: row.personId, csrfToken: row.csrfToken, structureId: row.structureId };
}

export async function destroySession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function destroyPersonSessions(db: Db, personId: string): Promise<void> {
  await db.deleteFrom('sessions').where('personId', '=', personId).execute();
}

export async function setSessionStructure(db: Db, id: string, structureId: string): Promise<void> {
  await db.updateTable('sessions').set({ structureId }).where('id', '=', id).execute();
}

/**
 * Deletes the sessions that can no longer be used: past their absolute lifetime, or idle for
 * longer than allowed. Run as the scheduled job `kernel.sessions.purge`; returns how many went.
 */
export async function purgeExpiredSessions(db: Db, now: Date, lifetimes: Pick<SessionLifetimes, 'idleMinutes'>): Promise<number> {
  const idleSince = new Date(now.getTime() - lifetimes.idleMinutes * 60_000).toISOString();
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expiresAt', '<=', now.toISOString()), eb('lastSeenAt', '<=', idleSince)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
