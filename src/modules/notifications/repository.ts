import type { Insertable } from 'kysely';
import type { Db } from '../../kernel/db/index.js';
import type { NotificationsTable } from './tables.js';
import './tables.js';

// Nine columns per row: 100 rows stay far below SQLite's bound-parameter limit.
const CHUNK = 100;

/** Writes the notifications; a recipient already told of the same source is left out. Returns those written. */
export async function insertNotifications(db: Db, rows: Insertable<NotificationsTable>[]) {
  const written: { id: string; recipientId: string; visibleAt: string }[] = [];
  for (let i = 0; i < rows.length; i += CHUNK)
    written.push(
      ...(await db
        .insertInto('notifications')
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) => oc.columns(['recipientId', 'source']).doNothing())
        .returning(['id', 'recipientId', 'visibleAt'])
        .execute()),
    );
  return written;
}

/** The rule of `notifications.notification.read` in SQL: the person's own, shown by `now`. */
function visibleTo(db: Db, personId: string, now: string) {
  return db.selectFrom('notifications').where('recipientId', '=', personId).where('visibleAt', '<=', now);
}

/** A person's shown notifications, newest first. */
export async function listVisible(db: Db, personId: string, now: string, options: { limit: number; offset: number; unreadOnly?: boolean }) {
  let q = visibleTo(db, personId, now);
  if (options.unreadOnly) q = q.where('readAt', 'is', null);
  return q
    .select(['id', 'kind', 'title', 'body', 'link', 'visibleAt', 'readAt'])
    .orderBy('visibleAt', 'desc')
    .orderBy('id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
}

/** The person's unread shown notifications, as a query (the navigation runs it with the other counters). */
export function countUnreadQuery(db: Db, personId: string, now: string) {
  return visibleTo(db, personId, now)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('readAt', 'is', null);
}

export async function countUnread(db: Db, personId: string, now: string): Promise<number> {
  const row = await countUnreadQuery(db, personId, now).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One notification's facts for the policy, whoever it belongs to. */
export async function findNotification(db: Db, id: string) {
  return db.selectFrom('notifications').select(['id', 'recipientId', 'visibleAt', 'readAt']).where('id', '=', id).executeTakeFirst();
}

/** Marks read what is unread among the person's shown notifications (one of them with `id`). */
export async function markRead(db: Db, personId: string, now: string, id?: string): Promise<number> {
  let q = db.updateTable('notifications').set({ readAt: now }).where('recipientId', '=', personId).where('readAt', 'is', null).where('visibleAt', '<=', now);
  if (id) q = q.where('id', '=', id);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
