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

/** The subjects of a period in which this teacher assessed one of the pupil's groups: those they comment on the report. */
export async function subjectsAssessedBy(db: Db, teacherId: string, studentId: string, periodId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('assessments')
    .innerJoin('groupMembers', (j) => j.onRef('groupMembers.groupId', '=', 'assessments.groupId').on('groupMembers.role', '=', 'student'))
    .select('assessments.subjectCode')
    .distinct()
    .where('assessments.teacherId', '=', teacherId)
    .where('assessments.periodId', '=', periodId)
    .where('groupMembers.personId', '=', studentId)
    .execute();
  return new Set(rows.map((r) => r.subjectCode));
}
