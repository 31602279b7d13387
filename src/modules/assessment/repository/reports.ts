import type { Db } from '../../../kernel/db/index.js';

export async function commentsOf(db: Db, periodId: string, studentIds: string[]) {
  if (studentIds.length === 0) return [];
  return db
    .selectFrom('reportComments')
    .select(['studentId', 'subjectCode', 'comment', 'authorId'])
    .where('periodId', '=', periodId)
    .where('studentId', 'in', studentIds)
    .execute();
}

/** Writes or clears (empty text) one comment. */
export async function saveComment(
  db: Db,
  row: { periodId: string; studentId: string; subjectCode: string; authorId: string; comment: string; updatedAt: string },
) {
  if (row.comment === '') {
    await db
      .deleteFrom('reportComments')
      .where('periodId', '=', row.periodId)
      .where('studentId', '=', row.studentId)
      .where('subjectCode', '=', row.subjectCode)
      .execute();
    return;
  }
  await db
    .insertInto('reportComments')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['periodId', 'studentId', 'subjectCode']).doUpdateSet({ comment: row.comment, authorId: row.authorId, updatedAt: row.updatedAt }),
    )
    .execute();
}
