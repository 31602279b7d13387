import { authorize, type Actor } from '../../kernel/authz/index.js';
import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/index.js';
import { newId } from '../../kernel/db/index.js';
import type { QuietHours } from '../../kernel/quiet-hours.js';
import { queueNotificationNotices } from '../messaging/index.js';
import './policy.js';
import * as repo from './repository.js';

/** What the notification use cases need: the database and the application's time. */
export interface NotificationsDeps {
  db: Db;
  clock: Clock;
}

export interface NotifyInput {
  recipients: string[];
  kind: string;
  /** What it tells about: with a source, a recipient gets it once however often it is sent. */
  source?: string | null;
  title: string;
  body?: string | null;
  link: string;
  /** ISO timestamp from which recipients see it; now by default. */
  visibleAt?: string | null;
  /**
   * Also by e-mail, with the school's quiet hours: to the recipients who asked for e-mail notices
   * (the messaging preference: each one, or a daily digest), pupils excepted. A notification read in
   * Préau before its e-mail goes is not sent.
   */
  email?: QuietHours;
}

/**
 * One notification per recipient (duplicates removed), inserted in chunks, with its e-mail notice
 * queued in the same transaction when asked. Returns how many were written. `now` is the moment it is made (the system's time unless a caller has a clock).
 */
export async function notify(db: Db, input: NotifyInput, now: Date = new Date()): Promise<number> {
  const recipients = [...new Set(input.recipients)];
  const at = now.toISOString();
  const rows = recipients.map((recipientId) => ({
    id: newId(),
    recipientId,
    kind: input.kind,
    source: input.source ?? null,
    title: input.title.slice(0, 300),
    body: input.body?.slice(0, 1000) ?? null,
    link: input.link,
    createdAt: at,
    visibleAt: input.visibleAt && input.visibleAt > at ? input.visibleAt : at,
    readAt: null,
  }));
  const { email } = input;
  if (!email) return (await repo.insertNotifications(db, rows)).length;
  const write = async (trx: Db) => {
    const written = await repo.insertNotifications(trx, rows);
    await queueNotificationNotices(trx, written, email, now);
    return written.length;
  };
  return db.isTransaction ? write(db) : db.transaction().execute(write);
}

/** How many of the person's shown notifications are unread (the navigation's badge). */
export async function unreadCount(db: Db, personId: string, now: Date = new Date()): Promise<number> {
  return repo.countUnread(db, personId, now.toISOString());
}

/** The signed-in person's shown notifications, newest first, and how many are unread. */
export async function listNotifications({ db, clock }: NotificationsDeps, actor: Actor, options: { limit: number; offset: number; unreadOnly?: boolean }) {
  // The list is the actor's own: the same rule, applied in SQL by `listVisible`.
  authorize(actor, 'notifications.notification.read', { recipientId: actor.personId, visible: true });
  const now = clock.now();
  const [items, unread] = await Promise.all([repo.listVisible(db, actor.personId, now.toISOString(), options), unreadCount(db, actor.personId, now)]);
  return {
    unread,
    items: items.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, at: n.visibleAt, read: n.readAt !== null })),
  };
}

/** Marks one notification read: the person's own and shown, else 404 (and nothing changes). */
export async function markNotificationRead({ db, clock }: NotificationsDeps, actor: Actor, id: string): Promise<void> {
  const now = clock.now().toISOString();
  const found = await repo.findNotification(db, id);
  authorize(actor, 'notifications.notification.mark', found ? { recipientId: found.recipientId, visible: found.visibleAt <= now } : null);
  await repo.markRead(db, actor.personId, now, id);
}

/** Marks every shown notification of the person read; answers how many changed. */
export async function markAllRead({ db, clock }: NotificationsDeps, actor: Actor): Promise<number> {
  authorize(actor, 'notifications.notification.mark', { recipientId: actor.personId, visible: true });
  return repo.markRead(db, actor.personId, clock.now().toISOString());
}
