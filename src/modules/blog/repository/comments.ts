import type { Db } from '../../../kernel/db/index.js';
import type { BlogCommentsTable, CommentStatus } from '../tables.js';

export async function insertComment(db: Db, row: BlogCommentsTable): Promise<void> {
  await db.insertInto('blogComments').values(row).execute();
}

export async function findComment(db: Db, id: string) {
  return db.selectFrom('blogComments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A post's comments a reader sees: approved ones, their own, and every one for a moderator. */
export async function commentsOf(db: Db, postId: string, readerId: string, moderator: boolean) {
  let q = db.selectFrom('blogComments').selectAll().where('postId', '=', postId);
  if (!moderator) q = q.where((eb) => eb.or([eb('status', '=', 'approved'), eb('authorId', '=', readerId)]));
  else q = q.where('status', '!=', 'rejected');
  return q.orderBy('createdAt').orderBy('id').execute();
}

export async function moderate(db: Db, id: string, status: CommentStatus, by: string, at: string): Promise<void> {
  await db.updateTable('blogComments').set({ status, moderatedBy: by, moderatedAt: at }).where('id', '=', id).execute();
}
