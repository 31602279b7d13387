import type { Db } from '../../kernel/db/index.js';
import { audienceMembers, readerKeys, type AudienceTarget } from './audience.js';
import type { NewsAttachmentsTable, NewsAudiencesTable, NewsItemsTable } from './tables.js';

export type NewsRow = NewsItemsTable;

export async function insertItem(db: Db, item: NewsRow, audiences: NewsAudiencesTable[], attachments: NewsAttachmentsTable[]): Promise<void> {
  await db.insertInto('newsItems').values(item).execute();
  await db.insertInto('newsAudiences').values(audiences).execute();
  if (attachments.length > 0) await db.insertInto('newsAttachments').values(attachments).execute();
}

export async function insertAttachments(db: Db, rows: NewsAttachmentsTable[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('newsAttachments').values(rows).execute();
}

export const findItem = (db: Db, id: string) => db.selectFrom('newsItems').selectAll().where('id', '=', id).executeTakeFirst();

export async function targetsOf(db: Db, newsId: string): Promise<AudienceTarget[]> {
  return db.selectFrom('newsAudiences').select(['kind', 'targetId']).where('newsId', '=', newsId).orderBy('audienceKey').execute();
}

/** Whether one of the item's targets is among the reader's keys now. */
export async function isInAudience(db: Db, newsId: string, personId: string, year: string): Promise<boolean> {
  const row = await db
    .selectFrom('newsAudiences')
    .select('newsId')
    .where('newsId', '=', newsId)
    .where('audienceKey', 'in', db.selectFrom(readerKeys(db, personId, year).as('k')).select('k.key'))
    .executeTakeFirst();
  return !!row;
}

/** Items live at `now` whose audience reaches the reader: pinned first, then newest first, with the reader's read time. */
export async function visibleItems(db: Db, personId: string, year: string, now: string, page: { limit: number; offset: number }) {
  return db
    .selectFrom('newsItems')
    .leftJoin('newsReads', (j) => j.onRef('newsReads.newsId', '=', 'newsItems.id').on('newsReads.personId', '=', personId))
    .innerJoin('people as author', 'author.id', 'newsItems.authorId')
    .innerJoin('structures', 'structures.id', 'newsItems.structureId')
    .select([
      'newsItems.id',
      'newsItems.title',
      'newsItems.bodyHtml',
      'newsItems.publishFrom',
      'newsItems.publishTo',
      'newsItems.pinned',
      'newsItems.imageKey',
      'newsItems.imageAlt',
      'newsItems.authorId',
      'newsReads.readAt',
      'author.firstName',
      'author.lastName',
      'author.usageName',
      'structures.name as structureName',
    ])
    .where('newsItems.status', '=', 'published')
    .where('newsItems.publishFrom', '<=', now)
    .where((eb) => eb.or([eb('newsItems.publishTo', 'is', null), eb('newsItems.publishTo', '>', now)]))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('newsAudiences')
          .select('newsAudiences.newsId')
          .whereRef('newsAudiences.newsId', '=', 'newsItems.id')
          .where('newsAudiences.audienceKey', 'in', db.selectFrom(readerKeys(db, personId, year).as('k')).select('k.key')),
      ),
    )
    .orderBy('newsItems.pinned', 'desc')
    .orderBy('newsItems.publishFrom', 'desc')
    .orderBy('newsItems.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** What the author wrote, newest first, withdrawn and scheduled ones included. */
export async function authoredItems(db: Db, authorId: string, limit: number) {
  return db
    .selectFrom('newsItems')
    .select(['id', 'title', 'publishFrom', 'publishTo', 'status', 'pinned'])
    .where('authorId', '=', authorId)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The first opening counts; opening it again changes nothing. */
export async function markRead(db: Db, newsId: string, personId: string, at: string): Promise<void> {
  await db
    .insertInto('newsReads')
    .values({ newsId, personId, readAt: at })
    .onConflict((oc) => oc.columns(['newsId', 'personId']).doNothing())
    .execute();
}

/** How many people the audience reaches now, and how many of them have read the item. */
export async function receiptCounts(db: Db, newsId: string, targets: AudienceTarget[], authorId: string) {
  const members = audienceMembers(db, targets, authorId);
  const row = await db
    .selectFrom(members.as('m'))
    .leftJoin('newsReads', (j) => j.onRef('newsReads.personId', '=', 'm.personId').on('newsReads.newsId', '=', newsId))
    .select((eb) => [eb.fn.countAll<number | string>().as('audience'), eb.fn.count<number | string>('newsReads.personId').as('read')])
    .executeTakeFirstOrThrow();
  return { audience: Number(row.audience), read: Number(row.read) };
}

/** The audience's members with their read time, for small audiences (the caller checked the size). */
export async function audienceReads(db: Db, newsId: string, targets: AudienceTarget[], authorId: string) {
  return db
    .selectFrom(audienceMembers(db, targets, authorId).as('m'))
    .innerJoin('people', 'people.id', 'm.personId')
    .leftJoin('newsReads', (j) => j.onRef('newsReads.personId', '=', 'm.personId').on('newsReads.newsId', '=', newsId))
    .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName', 'people.profile', 'newsReads.readAt'])
    .execute();
}

/** Ids of the audience's members now (for the notification job: one insert per chunk, never a person per query). */
export async function audienceIds(db: Db, targets: AudienceTarget[], authorId: string): Promise<string[]> {
  const rows = await audienceMembers(db, targets, authorId).execute();
  return rows.map((r) => r.personId);
}

export const attachmentsOf = (db: Db, newsId: string) =>
  db
    .selectFrom('newsAttachments')
    .select(['id', 'fileName', 'contentType', 'size'])
    .where('newsId', '=', newsId)
    .orderBy('createdAt')
    .orderBy('fileName')
    .execute();

export const findAttachment = (db: Db, newsId: string, id: string) =>
  db.selectFrom('newsAttachments').selectAll().where('newsId', '=', newsId).where('id', '=', id).executeTakeFirst();

export async function updateItem(
  db: Db,
  id: string,
  changes: Partial<Pick<NewsRow, 'title' | 'bodyHtml' | 'publishTo' | 'pinned' | 'updatedAt'>>,
): Promise<void> {
  await db.updateTable('newsItems').set(changes).where('id', '=', id).execute();
}

export async function withdraw(db: Db, id: string, by: string, at: string): Promise<void> {
  await db.updateTable('newsItems').set({ status: 'withdrawn', withdrawnAt: at, withdrawnBy: by, updatedAt: at }).where('id', '=', id).execute();
}

export async function setImage(db: Db, id: string, imageKey: string, imageAlt: string | null, at: string): Promise<string | null> {
  const before = await db.selectFrom('newsItems').select('imageKey').where('id', '=', id).executeTakeFirst();
  await db.updateTable('newsItems').set({ imageKey, imageAlt, updatedAt: at }).where('id', '=', id).execute();
  return before?.imageKey ?? null;
}

export const findGroups = (db: Db, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('groups')
        .innerJoin('structures', 'structures.id', 'groups.structureId')
        .select([
          'groups.id',
          'groups.name',
          'groups.level',
          'groups.structureId',
          'groups.schoolYear',
          'structures.kind as structureKind',
          'structures.name as structureName',
        ])
        .where('groups.id', 'in', ids)
        .execute();

export const findStructures = (db: Db, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('structures').select(['id', 'kind', 'name', 'parentId']).where('id', 'in', ids).execute();

/** The classes of a school year in these schools (what a manager may address). */
export const classesOf = (db: Db, structureIds: string[], year: string) =>
  structureIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('groups').select(['id']).where('structureId', 'in', structureIds).where('schoolYear', '=', year).where('kind', '=', 'class').execute();

/** The school's quiet hours as its messaging settings say, or null (the defaults apply). */
export const quietHoursOf = (db: Db, structureId: string) =>
  db.selectFrom('messagingSettings').select(['quietStart', 'quietEnd', 'quietWeekends']).where('structureId', '=', structureId).executeTakeFirst();

/** Of these blob keys, the ones an item's image or attachment still uses (for the blob sweep). */
export async function referencedBlobKeys(db: Db, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const [images, files] = await Promise.all([
    db
      .selectFrom('newsItems')
      .select('imageKey as key')
      .where('imageKey', 'in', [...keys])
      .execute(),
    db
      .selectFrom('newsAttachments')
      .select('blobKey as key')
      .where('blobKey', 'in', [...keys])
      .execute(),
  ]);
  return [...images, ...files].map((r) => r.key!).filter(Boolean);
}
