import type { Db } from '../../../kernel/db/index.js';
import type { BlogMediaTable } from '../tables.js';

export type MediaRow = BlogMediaTable;

export async function findMedia(db: Db, id: string): Promise<MediaRow | undefined> {
  return db.selectFrom('blogMedia').selectAll().where('id', '=', id).where('removedAt', 'is', null).executeTakeFirst();
}

/** The photos and videos of these posts, in their order. */
export async function mediaOf(db: Db, postIds: string[]): Promise<MediaRow[]> {
  if (postIds.length === 0) return [];
  return db.selectFrom('blogMedia').selectAll().where('postId', 'in', postIds).where('removedAt', 'is', null).orderBy('position').orderBy('id').execute();
}

export async function tagsOf(db: Db, mediaIds: string[]): Promise<{ mediaId: string; studentId: string }[]> {
  if (mediaIds.length === 0) return [];
  return db.selectFrom('blogMediaTags').select(['mediaId', 'studentId']).where('mediaId', 'in', mediaIds).execute();
}

export async function insertMedia(db: Db, rows: MediaRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('blogMedia').values(rows).execute();
}

/** Replaces the tags of a post's photos (each photo's pupils as given). */
export async function replaceTags(db: Db, mediaIds: string[], tags: { mediaId: string; studentId: string }[]): Promise<void> {
  if (mediaIds.length > 0) await db.deleteFrom('blogMediaTags').where('mediaId', 'in', mediaIds).execute();
  if (tags.length > 0) await db.insertInto('blogMediaTags').values(tags).execute();
}

export async function setCaptions(db: Db, captions: { id: string; caption: string }[]): Promise<void> {
  for (const c of captions) await db.updateTable('blogMedia').set({ caption: c.caption }).where('id', '=', c.id).execute();
}

/** Takes photos off a post, keeping the rows (who and when); their blobs go with the sweep. */
export async function markRemoved(db: Db, ids: string[], by: string, at: string): Promise<void> {
  if (ids.length > 0) await db.updateTable('blogMedia').set({ removedAt: at, removedBy: by }).where('id', 'in', ids).execute();
}

/** Of these blob keys, the ones a photo or video still shows (for the blob sweep). */
export async function referencedBlobKeys(db: Db, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const list = [...keys];
  const rows = await db
    .selectFrom('blogMedia')
    .select(['blobKey', 'thumbKey'])
    .where('removedAt', 'is', null)
    .where((eb) => eb.or([eb('blobKey', 'in', list), eb('thumbKey', 'in', list)]))
    .execute();
  const wanted = new Set(list);
  return rows.flatMap((r) => [r.blobKey, r.thumbKey]).filter((k): k is string => !!k && wanted.has(k));
}

export async function nextPosition(db: Db, postId: string): Promise<number> {
  const row = await db
    .selectFrom('blogMedia')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('postId', '=', postId)
    .executeTakeFirst();
  return Number(row?.max ?? -1) + 1;
}
