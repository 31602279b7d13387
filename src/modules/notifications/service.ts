import type { Db } from '../../kernel/db/index.js';
import { newId, nowIso } from '../../kernel/db/index.js';
import './tables.js';

export interface NotifyInput {
  recipients: string[];
  kind: string;
  title: string;
  body?: string | null;
  link: string;
  /** ISO timestamp from which recipients see it; now by default. */
  visibleAt?: string | null;
}

// Eight columns per row: 100 rows stay far below SQLite's bound-parameter limit.
const CHUNK = 100;

/** One notification per recipient (duplicates removed), inserted in chunks. Returns how many were written. */
export async function notify(db: Db, input: NotifyInput): Promise<number> {
  const recipients = [...new Set(input.recipients)];
  const now = nowIso();
  const rows = recipients.map((recipientId) => ({
    id: newId(),
    recipientId,
    kind: input.kind,
    title: input.title.slice(0, 300),
    body: input.body?.slice(0, 1000) ?? null,
    link: input.link,
    createdAt: now,
    visibleAt: input.visibleAt && input.visibleAt > now ? input.visibleAt : now,
    readAt: null,
  }));
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto('notifications')
      .values(rows.slice(i, i + CHUNK))
      .execute();
  return rows.length;
}

/** The person's own notifications that are visible now, newest first. */
export async function listNotifications(db: Db, personId: string, options: { limit: number; offset: number; unreadOnly?: boolean }) {
  const now = nowIso();
  let q = db.selectFrom('notifications').where('recipientId', '=', personId).where('visibleAt', '<=', now);
  if (options.unreadOnly) q = q.where('readAt', 'is', null);
  const [items, counts] = await Promise.all([
    q
      .select(['id', 'kind', 'title', 'body', 'link', 'visibleAt', 'readAt'])
      .orderBy('visibleAt', 'desc')
      .orderBy('id')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    unreadCount(db, personId),
  ]);
  return {
    unread: counts,
    items: items.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, at: n.visibleAt, read: n.readAt !== null })),
  };
}

export async function unreadCount(db: Db, personId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('recipientId', '=', personId)
    .where('visibleAt', '<=', nowIso())
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one (or, without id, every visible) notification of the person as read; another person's id changes nothing. */
export async function markRead(db: Db, personId: string, id?: string): Promise<number> {
  const now = nowIso();
  let q = db.updateTable('notifications').set({ readAt: now }).where('recipientId', '=', personId).where('readAt', 'is', null).where('visibleAt', '<=', now);
  if (id) q = q.where('id', '=', id);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
