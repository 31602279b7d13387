import type { Db } from '../../kernel/db/index.js';
import type { PushSubscriptionsTable } from './tables.js';

/** Saves a device's subscription; an endpoint already known moves to the person now signed in on it. */
export async function upsertSubscription(db: Db, row: PushSubscriptionsTable): Promise<void> {
  await db
    .insertInto('pushSubscriptions')
    .values(row)
    .onConflict((oc) => oc.column('endpoint').doUpdateSet({ personId: row.personId, p256dh: row.p256dh, auth: row.auth, createdAt: row.createdAt }))
    .execute();
}

export async function findByEndpoint(db: Db, endpoint: string) {
  return db.selectFrom('pushSubscriptions').selectAll().where('endpoint', '=', endpoint).executeTakeFirst();
}

export async function deleteSubscription(db: Db, id: string): Promise<void> {
  await db.deleteFrom('pushSubscriptions').where('id', '=', id).execute();
}

/** The person's devices, for the settings page (how many receive notices). */
export async function countOf(db: Db, personId: string): Promise<number> {
  const row = await db
    .selectFrom('pushSubscriptions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('personId', '=', personId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function subscriptionsOf(db: Db, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db.selectFrom('pushSubscriptions').selectAll().where('personId', 'in', personIds).execute();
}

/**
 * In-app notifications shown since `since`, not pushed yet, whose recipient has a device subscribed.
 * The push channel reads the notifications module's rows: a notice is pushed as it appears in the list.
 */
export async function duePushes(db: Db, since: string, now: string, limit: number) {
  return db
    .selectFrom('notifications as n')
    .select(['n.id', 'n.recipientId', 'n.title', 'n.body', 'n.link'])
    .where('n.visibleAt', '<=', now)
    .where('n.visibleAt', '>', since)
    .where('n.readAt', 'is', null)
    .where('n.recipientId', 'in', (eb) => eb.selectFrom('pushSubscriptions').select('personId'))
    .where('n.id', 'not in', (eb) => eb.selectFrom('pushSent').select('notificationId'))
    .orderBy('n.visibleAt')
    .limit(limit)
    .execute();
}

export async function markPushed(db: Db, notificationId: string, at: string): Promise<void> {
  await db
    .insertInto('pushSent')
    .values({ notificationId, sentAt: at })
    .onConflict((oc) => oc.column('notificationId').doNothing())
    .execute();
}

export async function markSent(db: Db, subscriptionId: string, at: string): Promise<void> {
  await db.updateTable('pushSubscriptions').set({ lastSentAt: at }).where('id', '=', subscriptionId).execute();
}

/** The first active school of each person: its quiet hours apply to their notices. */
export async function schoolsOf(db: Db, personIds: string[]): Promise<Map<string, string>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('structureMembers')
    .select(['personId', 'structureId'])
    .where('personId', 'in', personIds)
    .where('active', '=', 1)
    .orderBy('createdAt')
    .execute();
  const first = new Map<string, string>();
  for (const r of rows) if (!first.has(r.personId)) first.set(r.personId, r.structureId);
  return first;
}

export async function purgeSentBefore(db: Db, before: string): Promise<void> {
  await db.deleteFrom('pushSent').where('sentAt', '<', before).execute();
}
