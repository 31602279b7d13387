import { sortByDisplay } from '../../kernel/i18n/index.js';
import type { Insertable } from 'kysely';
import type { Db } from '../../kernel/db/index.js';
import { displayName } from '../directory/index.js';
import { matchingIds } from '../../kernel/search/index.js';
import { searchWords } from './body.js';
import { messagesSearchIndex } from './search-index.js';
import type { EmailMode, MessageAttachmentsTable, MessageRecipientsTable, MessageState, MessagesTable, RecipientFolder, SenderFolder } from './tables.js';

export type Folder = 'inbox' | 'sent' | 'drafts' | 'trash';
export const FOLDERS: readonly Folder[] = ['inbox', 'sent', 'drafts', 'trash'];

export interface ListItem {
  id: string;
  threadId: string;
  subject: string;
  /** Sender, for received messages. */
  from: string;
  /** Recipients as chosen (people and groups), for sent messages and drafts. */
  to: string[];
  at: string;
  read: boolean;
  state: MessagesTable['state'];
  recipientCount: number;
  attachments: number;
  /** Whose copy it is: a received one or one's own. */
  mine: boolean;
}

export interface ListPage {
  total: number;
  items: ListItem[];
}

function labels(json: string): string[] {
  try {
    return (JSON.parse(json) as { label: string }[]).map((x) => x.label);
  } catch {
    return [];
  }
}

/** Messages whose folded text has every word as a prefix of one of its words (the search index). */
function wordMatches(db: Db, words: string[]) {
  return matchingIds(db, messagesSearchIndex, words.join(' '));
}

/** Received copies in one folder of the person (inbox or trash). */
function receivedQuery(db: Db, personId: string, folder: RecipientFolder, words: string[]) {
  const q = db
    .selectFrom('messageRecipients')
    .innerJoin('messages', 'messages.id', 'messageRecipients.messageId')
    .innerJoin('people', 'people.id', 'messages.senderId')
    .where('messageRecipients.personId', '=', personId)
    .where('messageRecipients.folder', '=', folder);
  const ids = wordMatches(db, words);
  return ids ? q.where('messages.id', 'in', ids) : q;
}

/** The sender's own copies: sent (with held and refused ones), drafts, or trashed. */
function ownQuery(db: Db, personId: string, folder: 'sent' | 'drafts' | 'trash', words: string[]) {
  const q = db.selectFrom('messages').where('messages.senderId', '=', personId).where('messages.senderFolder', '=', folder);
  const ids = wordMatches(db, words);
  return ids ? q.where('messages.id', 'in', ids) : q;
}

interface ListRow {
  id: string;
  threadId: string;
  subject: string;
  state: MessageState;
  recipientCount: number;
  toJson: string;
  at: string;
  attachments: number | string | null;
}

/** A folder entry from a received or an own copy: they differ only in sender, read state and ownership. */
function listItem(r: ListRow, side: { from: string; read: boolean; mine: boolean }): ListItem {
  return {
    id: r.id,
    threadId: r.threadId,
    subject: r.subject,
    to: labels(r.toJson),
    at: r.at,
    state: r.state,
    recipientCount: r.recipientCount,
    attachments: Number(r.attachments ?? 0),
    ...side,
  };
}

async function received(db: Db, personId: string, folder: RecipientFolder, words: string[], limit: number, offset: number): Promise<ListPage> {
  const q = receivedQuery(db, personId, folder, words);
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    q
      .select([
        'messages.id',
        'messages.threadId',
        'messages.subject',
        'messages.state',
        'messages.recipientCount',
        'messages.toJson',
        'messageRecipients.sentAt as at',
        'messageRecipients.readAt',
      ])
      .select(['people.firstName', 'people.lastName', 'people.usageName'])
      .select((eb) =>
        eb
          .selectFrom('messageAttachments')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('messageAttachments.messageId', '=', 'messages.id')
          .as('attachments'),
      )
      .orderBy('messageRecipients.sentAt', 'desc')
      .orderBy('messages.id')
      .limit(limit)
      .offset(offset)
      .execute(),
  ]);
  return { total: Number(count.n), items: rows.map((r) => listItem(r, { from: displayName(r), read: r.readAt !== null, mine: false })) };
}

async function own(db: Db, personId: string, folder: 'sent' | 'drafts' | 'trash', words: string[], limit: number, offset: number): Promise<ListPage> {
  const q = ownQuery(db, personId, folder, words);
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    q
      .select([
        'messages.id',
        'messages.threadId',
        'messages.subject',
        'messages.state',
        'messages.recipientCount',
        'messages.toJson',
        'messages.updatedAt as at',
      ])
      .select((eb) =>
        eb
          .selectFrom('messageAttachments')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('messageAttachments.messageId', '=', 'messages.id')
          .as('attachments'),
      )
      .orderBy('messages.updatedAt', 'desc')
      .orderBy('messages.id')
      .limit(limit)
      .offset(offset)
      .execute(),
  ]);
  return { total: Number(count.n), items: rows.map((r) => listItem(r, { from: '', read: true, mine: true })) };
}

/** One page of a folder, newest first, optionally filtered by words (accent-insensitive prefixes). */
export async function listFolder(db: Db, personId: string, folder: Folder, q: string, limit: number, offset: number): Promise<ListPage> {
  const words = searchWords(q);
  // Only punctuation: nothing can match a word.
  if (q.trim() && words.length === 0) return { total: 0, items: [] };
  if (folder === 'inbox') return received(db, personId, 'inbox', words, limit, offset);
  if (folder === 'sent' || folder === 'drafts') return own(db, personId, folder, words, limit, offset);
  // The trash holds both received and own copies: merge two sorted pages.
  const [a, b] = await Promise.all([received(db, personId, 'trash', words, offset + limit, 0), own(db, personId, 'trash', words, offset + limit, 0)]);
  const items = [...a.items, ...b.items].sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : x.id.localeCompare(y.id))).slice(offset, offset + limit);
  return { total: a.total + b.total, items };
}

/** The person's unread messages in the inbox, as a query (the navigation runs it with the other counters). */
export function unreadCountQuery(db: Db, personId: string) {
  return db
    .selectFrom('messageRecipients')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('personId', '=', personId)
    .where('folder', '=', 'inbox')
    .where('readAt', 'is', null);
}

export async function unreadCount(db: Db, personId: string): Promise<number> {
  const row = await unreadCountQuery(db, personId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findMessage(db: Db, id: string) {
  return db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function recipientRow(db: Db, messageId: string, personId: string) {
  return db.selectFrom('messageRecipients').selectAll().where('messageId', '=', messageId).where('personId', '=', personId).executeTakeFirst();
}

/** Messages of a thread the person may read (as sender, or as recipient of a delivered copy), oldest first. */
export async function threadFor(db: Db, threadId: string, personId: string) {
  const copies = db
    .selectFrom('messageRecipients')
    .select('messageRecipients.messageId')
    .where('messageRecipients.personId', '=', personId)
    .where('messageRecipients.folder', 'in', ['inbox', 'trash']);
  return db
    .selectFrom('messages')
    .innerJoin('people', 'people.id', 'messages.senderId')
    .select([
      'messages.id',
      'messages.subject',
      'messages.bodyHtml',
      'messages.sentAt',
      'messages.senderId',
      'messages.state',
      'people.firstName',
      'people.lastName',
      'people.usageName',
    ])
    .where('messages.threadId', '=', threadId)
    .where('messages.state', '!=', 'draft')
    .where((eb) => eb.or([eb.and([eb('messages.senderId', '=', personId), eb('messages.senderFolder', '!=', 'purged')]), eb('messages.id', 'in', copies)]))
    .orderBy('messages.sentAt')
    .execute();
}

export async function attachmentsOf(db: Db, messageIds: string[]) {
  if (messageIds.length === 0) return [];
  return db
    .selectFrom('messageAttachments')
    .select(['id', 'messageId', 'filename', 'contentType', 'size'])
    .where('messageId', 'in', messageIds)
    .orderBy('createdAt')
    .execute();
}

/** Per-recipient read state, or only counts past `detailLimit` recipients. */
export async function receipts(db: Db, messageId: string, detailLimit: number) {
  const counts = await db
    .selectFrom('messageRecipients')
    .select([(eb) => eb.fn.countAll<number>().as('total'), (eb) => eb.fn.count<number>('readAt').as('read')])
    .where('messageId', '=', messageId)
    .where('folder', '!=', 'held')
    .executeTakeFirstOrThrow();
  const total = Number(counts.total);
  const read = Number(counts.read);
  if (total > detailLimit) return { total, read, people: null };
  const rows = await db
    .selectFrom('messageRecipients')
    .innerJoin('people', 'people.id', 'messageRecipients.personId')
    .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName', 'people.searchKey', 'messageRecipients.readAt', 'messageRecipients.kind'])
    .where('messageRecipients.messageId', '=', messageId)
    .where('messageRecipients.folder', '!=', 'held')
    .orderBy('people.searchKey')
    .execute();
  // A bounded list, put in the order people read it: by the name shown, French collation.
  const people = rows.map((r) => ({ id: r.id, name: displayName(r), kind: r.kind, readAt: r.readAt }));
  return { total, read, people: sortByDisplay(people, (p) => p.name) };
}

/** Distinct people the sender reached over the last hour (held sends count too). */
export async function recentRecipients(db: Db, senderId: string, since: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('messages')
    .innerJoin('messageRecipients', 'messageRecipients.messageId', 'messages.id')
    .select('messageRecipients.personId')
    .distinct()
    .where('messages.senderId', '=', senderId)
    .where('messages.sentAt', '>=', since)
    .where('messages.state', 'in', ['sent', 'held'])
    .execute();
  return new Set(rows.map((r) => r.personId));
}

/** The largest delivered send of the writer since a date. */
export async function largestSend(db: Db, senderId: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.max<number>('recipientCount').as('n'))
    .where('senderId', '=', senderId)
    .where('sentAt', '>=', since)
    .where('state', '=', 'sent')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function heldMessages(db: Db, structureId: string) {
  return db
    .selectFrom('messages')
    .innerJoin('people', 'people.id', 'messages.senderId')
    .select([
      'messages.id',
      'messages.subject',
      'messages.bodyHtml',
      'messages.recipientCount',
      'messages.toJson',
      'messages.sentAt',
      'people.firstName',
      'people.lastName',
      'people.usageName',
      'people.profile',
    ])
    .where('messages.structureId', '=', structureId)
    .where('messages.state', '=', 'held')
    .orderBy('messages.sentAt')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Writes and lookups for the use cases (service.ts, read.ts, admin.ts).
// ---------------------------------------------------------------------------------------------

const CHUNK = 500;

/** Names of people, by id (labels of chosen recipients). */
export async function peopleNames(db: Db, ids: string[]) {
  const out = [];
  for (let i = 0; i < ids.length; i += CHUNK)
    out.push(
      ...(await db
        .selectFrom('people')
        .select(['id', 'firstName', 'lastName', 'usageName'])
        .where('id', 'in', ids.slice(i, i + CHUNK))
        .execute()),
    );
  return out;
}

export async function personName(db: Db, id: string) {
  return db.selectFrom('people').select(['id', 'firstName', 'lastName', 'usageName']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** Stored attachment rows (blob keys included) of messages, for forwarding. */
export async function attachmentFiles(db: Db, messageIds: string[]) {
  if (messageIds.length === 0) return [];
  return db.selectFrom('messageAttachments').selectAll().where('messageId', 'in', messageIds).orderBy('createdAt').execute();
}

export async function findAttachment(db: Db, id: string) {
  return db.selectFrom('messageAttachments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertAttachments(db: Db, rows: Insertable<MessageAttachmentsTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('messageAttachments').values(rows).execute();
}

type MessageRow = Insertable<MessagesTable>;

/** Creates or updates a draft, with its new attachments, in one transaction; a new reply joins its parent's thread. */
export async function storeDraft(
  db: Db,
  draft: { id: string; exists: boolean; values: Partial<MessageRow>; create: Omit<MessageRow, 'threadId'> },
  files: Insertable<MessageAttachmentsTable>[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (draft.exists) await trx.updateTable('messages').set(draft.values).where('id', '=', draft.id).execute();
    else {
      const parent = draft.create.parentId
        ? await trx.selectFrom('messages').select('threadId').where('id', '=', draft.create.parentId).executeTakeFirst()
        : null;
      await trx
        .insertInto('messages')
        .values({ ...draft.create, threadId: parent?.threadId ?? draft.id })
        .execute();
    }
    if (files.length) await trx.insertInto('messageAttachments').values(files).execute();
  });
}

/** Stores a sent (or held) message once, one row per recipient, and its attachments, in one transaction. */
export async function storeSend(
  db: Db,
  message: { id: string; fromDraft: boolean; row: MessageRow },
  recipients: Insertable<MessageRecipientsTable>[],
  files: Insertable<MessageAttachmentsTable>[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (message.fromDraft) {
      const { id: _, senderId: __, createdAt: ___, ...values } = message.row;
      await trx.updateTable('messages').set(values).where('id', '=', message.id).execute();
    } else await trx.insertInto('messages').values(message.row).execute();
    for (let i = 0; i < recipients.length; i += CHUNK)
      await trx
        .insertInto('messageRecipients')
        .values(recipients.slice(i, i + CHUNK))
        .execute();
    if (files.length) await trx.insertInto('messageAttachments').values(files).execute();
  });
}

export async function deleteDraft(db: Db, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('messageAttachments').where('messageId', '=', id).execute();
    await trx.deleteFrom('messages').where('id', '=', id).execute();
  });
}

export async function setCopyRead(db: Db, messageId: string, personId: string, readAt: string | null): Promise<void> {
  await db.updateTable('messageRecipients').set({ readAt }).where('messageId', '=', messageId).where('personId', '=', personId).execute();
}

export async function setCopyFolder(db: Db, messageId: string, personId: string, folder: RecipientFolder): Promise<void> {
  await db.updateTable('messageRecipients').set({ folder }).where('messageId', '=', messageId).where('personId', '=', personId).execute();
}

export async function setSenderFolder(db: Db, id: string, folder: SenderFolder): Promise<void> {
  await db.updateTable('messages').set({ senderFolder: folder }).where('id', '=', id).execute();
}

/** Empties a person's trash: their copies (received and own) are gone for them only. */
export async function purgeTrash(db: Db, personId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('messageRecipients').set({ folder: 'purged' }).where('personId', '=', personId).where('folder', '=', 'trash').execute();
    await trx.updateTable('messages').set({ senderFolder: 'purged' }).where('senderId', '=', personId).where('senderFolder', '=', 'trash').execute();
  });
}

/** Delivers (release) or drops (reject) a held send. */
export async function decideHeld(db: Db, id: string, release: boolean, at: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('messages')
      .set({ state: release ? 'sent' : 'rejected', updatedAt: at })
      .where('id', '=', id)
      .execute();
    await trx
      .updateTable('messageRecipients')
      .set({ folder: release ? 'inbox' : 'purged' })
      .where('messageId', '=', id)
      .where('folder', '=', 'held')
      .execute();
  });
}

export async function recipientIdsOf(db: Db, messageId: string): Promise<string[]> {
  return (await db.selectFrom('messageRecipients').select('personId').where('messageId', '=', messageId).execute()).map((r) => r.personId);
}

export async function emailPreference(db: Db, personId: string) {
  const [pref, person] = await Promise.all([
    db.selectFrom('messagingPreferences').select('emailMode').where('personId', '=', personId).executeTakeFirst(),
    db.selectFrom('people').select('email').where('id', '=', personId).executeTakeFirst(),
  ]);
  return { emailMode: pref?.emailMode ?? ('off' as const), hasEmail: !!person?.email };
}

export async function setEmailPreference(db: Db, personId: string, emailMode: EmailMode, at: string): Promise<void> {
  await db
    .insertInto('messagingPreferences')
    .values({ personId, emailMode, updatedAt: at })
    .onConflict((oc) => oc.column('personId').doUpdateSet({ emailMode, updatedAt: at }))
    .execute();
}
