// The email-notice queue: who asked for notices, what is due, what went.
import type { Db, DbKind } from '../../../kernel/db/index.js';
import type { MailQueueTable } from '../tables.js';

const CHUNK = 500;

/** Of these people, those with an email address who asked for notices, and how. */
export async function noticeTakers(db: Db, personIds: string[]) {
  const out: { id: string; profile: string; emailMode: 'immediate' | 'digest' }[] = [];
  for (let i = 0; i < personIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('messagingPreferences')
      .innerJoin('people', 'people.id', 'messagingPreferences.personId')
      .select(['people.id', 'people.profile', 'messagingPreferences.emailMode'])
      .where('people.id', 'in', personIds.slice(i, i + CHUNK))
      .where('messagingPreferences.emailMode', 'in', ['immediate', 'digest'])
      .where('people.email', 'is not', null)
      .where('people.email', '!=', '')
      .execute();
    out.push(...rows.map((r) => ({ ...r, emailMode: r.emailMode as 'immediate' | 'digest' })));
  }
  return out;
}

export async function insertNotices(db: Db, rows: MailQueueTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto('mailQueue')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

/**
 * Claims up to `limit` due notices for the flush `token` until `until`, in one statement: unsent,
 * due, not given up, and not held by a live claim of another flush. On PostgreSQL `FOR UPDATE SKIP
 * LOCKED` lets flushes of several instances claim side by side without taking the same row; SQLite
 * runs one writer at a time, so the single statement is atomic there. Returns the claimed ids.
 */
export async function claimDueNotices(
  db: Db,
  kind: DbKind,
  claim: { token: string; at: string; until: string; maxAttempts: number; limit: number },
): Promise<string[]> {
  const rows = await db
    .with(
      (w) => w('due').materialized(),
      (db) =>
        db
          .selectFrom('mailQueue')
          .select('id')
          .where('sentAt', 'is', null)
          .where('dueAt', '<=', claim.at)
          .where('attempts', '<', claim.maxAttempts)
          .where((eb) => eb.or([eb('claimedUntil', 'is', null), eb('claimedUntil', '<=', claim.at)]))
          .orderBy('personId')
          .orderBy('dueAt')
          .limit(claim.limit)
          .$if(kind === 'postgres', (qb) => qb.forUpdate().skipLocked()),
    )
    .updateTable('mailQueue')
    .set({ claimedBy: claim.token, claimedUntil: claim.until })
    .where('id', 'in', (eb) => eb.selectFrom('due').select('due.id'))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * The notices claimed by `token`, with what the email says: for a message, its sender, subject and
 * whether the copy is still unread in the inbox; for a notification, its title, body, link and read state.
 */
export async function claimedNotices(db: Db, token: string) {
  return db
    .selectFrom('mailQueue')
    .innerJoin('people as recipient', 'recipient.id', 'mailQueue.personId')
    .leftJoin('messages', 'messages.id', 'mailQueue.messageId')
    .leftJoin('people as sender', 'sender.id', 'messages.senderId')
    .leftJoin('messageRecipients', (join) =>
      join.onRef('messageRecipients.messageId', '=', 'mailQueue.messageId').onRef('messageRecipients.personId', '=', 'mailQueue.personId'),
    )
    .leftJoin('notifications', 'notifications.id', 'mailQueue.notificationId')
    .select([
      'mailQueue.id',
      'mailQueue.personId',
      'mailQueue.messageId',
      'mailQueue.notificationId',
      'recipient.email',
      'recipient.profile',
      'messages.subject',
      'messages.bodyHtml',
      'sender.firstName',
      'sender.lastName',
      'sender.usageName',
      'messageRecipients.folder',
      'messageRecipients.readAt',
      'notifications.title as noticeTitle',
      'notifications.body as noticeBody',
      'notifications.link as noticeLink',
      'notifications.readAt as noticeReadAt',
    ])
    .where('mailQueue.claimedBy', '=', token)
    .where('mailQueue.sentAt', 'is', null)
    .orderBy('mailQueue.personId')
    .orderBy('mailQueue.dueAt')
    .execute();
}

/** Extends the claim of `token` on these notices; returns those it still holds (an expired claim may have been taken over). */
export async function renewClaim(db: Db, ids: string[], token: string, until: string): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .updateTable('mailQueue')
    .set({ claimedUntil: until })
    .where('id', 'in', ids)
    .where('claimedBy', '=', token)
    .where('sentAt', 'is', null)
    .returning('id')
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function markNoticesSent(db: Db, ids: string[], token: string, at: string): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK)
    await db
      .updateTable('mailQueue')
      .set({ sentAt: at, claimedBy: null, claimedUntil: null })
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .where('claimedBy', '=', token)
      .execute();
}

/** A failed send: one more attempt counted, the error kept, the claim given back for the next flush. */
export async function markNoticesFailed(db: Db, ids: string[], token: string, error: string): Promise<void> {
  await db
    .updateTable('mailQueue')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), lastError: error.slice(0, 500), claimedBy: null, claimedUntil: null }))
    .where('id', 'in', ids)
    .where('claimedBy', '=', token)
    .execute();
}

/** Whether the person exists (an unsubscribe token may outlive its person). */
export async function personExists(db: Db, personId: string): Promise<boolean> {
  return !!(await db.selectFrom('people').select('id').where('id', '=', personId).executeTakeFirst());
}

/**
 * Drops a person's notices that wait and that no flush holds (they stopped asking for email):
 * marked as gone, like a notice of a message read meanwhile. A flush already sending keeps its own.
 */
export async function dropWaitingNotices(db: Db, personId: string, at: string): Promise<void> {
  await db
    .updateTable('mailQueue')
    .set({ sentAt: at })
    .where('personId', '=', personId)
    .where('sentAt', 'is', null)
    .where((eb) => eb.or([eb('claimedUntil', 'is', null), eb('claimedUntil', '<=', at)]))
    .execute();
}
