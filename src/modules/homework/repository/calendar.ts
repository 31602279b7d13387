import type { Db } from '../../../kernel/db/index.js';
import { childrenOf, type Viewer } from './agenda.js';
import { familyLessons } from './lessons.js';

export { childrenOf };

export async function tokenOf(db: Db, personId: string) {
  return db.selectFrom('homeworkCalendarTokens').select('createdAt').where('personId', '=', personId).executeTakeFirst();
}

/** Replaces the person's token (stored hashed). */
export async function replaceToken(db: Db, row: { personId: string; tokenHash: string; createdAt: string }) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('homeworkCalendarTokens').where('personId', '=', row.personId).execute();
    await trx.insertInto('homeworkCalendarTokens').values(row).execute();
  });
}

export async function deleteToken(db: Db, personId: string) {
  await db.deleteFrom('homeworkCalendarTokens').where('personId', '=', personId).execute();
}

/** The active person behind a token hash, or undefined. */
export async function feedOwner(db: Db, tokenHash: string) {
  return db
    .selectFrom('homeworkCalendarTokens')
    .innerJoin('people', 'people.id', 'homeworkCalendarTokens.personId')
    .select(['people.id', 'people.profile'])
    .where('homeworkCalendarTokens.tokenHash', '=', tokenHash)
    .where('people.status', '=', 'active')
    .executeTakeFirst();
}

function feedBase(db: Db, from: string) {
  return db
    .selectFrom('assignments')
    .innerJoin('lessons', 'lessons.id', 'assignments.lessonId')
    .innerJoin('subjects', 'subjects.id', 'lessons.subjectId')
    .innerJoin('groups', 'groups.id', 'lessons.groupId')
    .select([
      'assignments.id',
      'assignments.dueOn',
      'assignments.instructions',
      'assignments.updatedAt',
      'assignments.sequence',
      'subjects.label as subject',
      'groups.name as groupName',
    ])
    .where('assignments.dueOn', '>=', from)
    .orderBy('assignments.dueOn')
    .limit(1000);
}
export type FeedRow = Awaited<ReturnType<ReturnType<typeof feedBase>['execute']>>[number];

/** A pupil's work as the viewer (the pupil, or a parent) may see it. */
export async function familyFeedRows(db: Db, viewer: Viewer, studentId: string, window: { from: string; year: string; now: string }) {
  return feedBase(db, window.from)
    .where(familyLessons(db, viewer, studentId, window.year, window.now))
    .execute();
}

/** The published work a teacher gave. */
export async function teacherFeedRows(db: Db, teacherId: string, from: string) {
  return feedBase(db, from).where('lessons.teacherId', '=', teacherId).where('lessons.status', '=', 'published').execute();
}
