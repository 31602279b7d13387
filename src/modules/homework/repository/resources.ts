import type { Db } from '../../../kernel/db/index.js';
import type { HomeworkResourcesTable } from '../tables.js';

/** Resources attached to these lessons, in the order they were attached. */
export function resourcesOf(db: Db, lessonIds: string[]) {
  if (lessonIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('homeworkResources')
    .select(['id', 'lessonId', 'assignmentId', 'kind', 'title', 'url'])
    .where('lessonId', 'in', lessonIds)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function insertResource(db: Db, row: HomeworkResourcesTable) {
  await db.insertInto('homeworkResources').values(row).execute();
}

/** Removes one resource of a lesson; false when the lesson has no such resource. */
export async function deleteResource(db: Db, lessonId: string, id: string): Promise<boolean> {
  const res = await db.deleteFrom('homeworkResources').where('lessonId', '=', lessonId).where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

export async function assignmentOfLesson(db: Db, lessonId: string, assignmentId: string) {
  return db.selectFrom('assignments').select('id').where('lessonId', '=', lessonId).where('id', '=', assignmentId).executeTakeFirst();
}
