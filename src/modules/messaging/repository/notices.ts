// The email-notice queue: who asked for notices, what is due, what went.
import type { Db } from '../../../kernel/db/index.js';
import type { MailQueueTable } from '../tables.js';

const CHUNK = 500;

/** Of these people, those with an email address who asked for notices, and how. */
export async function noticeTakers(db: Db, personIds: string[]) {
  const out: { id: string; emailMode: 'off' | 'immediate' | 'digest' }[] = [];
  for (let i = 0; i < personIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('messagingPreferences')
      .innerJoin('people', 'people.id', 'messagingPreferences.personId')
      .select(['people.id', 'messagingPreferences.emailMode'])
      .where('people.id', 'in', personIds.slice(i, i + CHUNK))
      .where('messagingPreferences.emailMode', '!=', 'off')
      .where('people.email', 'is not', null)
      .where('people.email', '!=', '')
      .execute();
    out.push(...rows);
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

/** Notices due at `at`, with what the email says and whether the copy is still unread in the inbox. */
export async function dueNotices(db: Db, at: string, maxAttempts: number) {
  return db
    .selectFrom('mailQueue')
    .innerJoin('people as recipient', 'recipient.id', 'mailQueue.personId')
    .innerJoin('messages', 'messages.id', 'mailQueue.messageId')
    .innerJoin('people as sender', 'sender.id', 'messages.senderId')
    .leftJoin('messageRecipients', (join) =>
      join.onRef('messageRecipients.messageId', '=', 'mailQueue.messageId').onRef('messageRecipients.personId', '=', 'mailQueue.personId'),
    )
    .select([
      'mailQueue.id',
      'mailQueue.personId',
      'recipient.email',
      'recipient.profile',
      'messages.subject',
      'messages.bodyHtml',
      'sender.firstName',
      'sender.lastName',
      'sender.usageName',
      'messageRecipients.folder',
      'messageRecipients.readAt',
    ])
    .where('mailQueue.sentAt', 'is', null)
    .where('mailQueue.dueAt', '<=', at)
    .where('mailQueue.attempts', '<', maxAttempts)
    .orderBy('mailQueue.personId')
    .orderBy('mailQueue.dueAt')
    .limit(2000)
    .execute();
}

export async function markNoticesSent(db: Db, ids: string[], at: string): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK)
    await db
      .updateTable('mailQueue')
      .set({ sentAt: at })
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute();
}

export async function markNoticesFailed(db: Db, ids: string[], error: string): Promise<void> {
  await db
    .updateTable('mailQueue')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), lastError: error.slice(0, 500) }))
    .where('id', 'in', ids)
    .execute();
}
