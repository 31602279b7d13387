import type { Db } from '../../../kernel/db/index.js';
import { groupIdsOf } from '../../directory/index.js';
import { familyLessons } from './lessons.js';

export type Viewer = 'student' | 'relative';

export async function isRelativeOf(db: Db, relativeId: string, studentId: string): Promise<boolean> {
  const row = await db
    .selectFrom('relativeLinks')
    .select('studentId')
    .where('relativeId', '=', relativeId)
    .where('studentId', '=', studentId)
    .executeTakeFirst();
  return !!row;
}

/** A parent's children, by first name. */
export async function childrenOf(db: Db, relativeId: string) {
  return db
    .selectFrom('relativeLinks')
    .innerJoin('people', 'people.id', 'relativeLinks.studentId')
    .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName'])
    .where('relativeLinks.relativeId', '=', relativeId)
    .orderBy('people.firstName')
    .execute();
}

/** The structures a pupil is an active member of (their settings decide whether the agenda is open). */
export async function activeStructuresOf(db: Db, personId: string): Promise<string[]> {
  const rows = await db.selectFrom('structureMembers').select('structureId').where('personId', '=', personId).where('active', '=', 1).execute();
  return rows.map((r) => r.structureId);
}

/** A pupil's work due in a window, with their "fait" ticks, as the viewer may see it. */
export async function agendaRows(db: Db, viewer: Viewer, studentId: string, window: { from: string; to?: string; year: string; now: string }) {
  let q = db
    .selectFrom('assignments')
    .innerJoin('lessons', 'lessons.id', 'assignments.lessonId')
    .innerJoin('subjects', 'subjects.id', 'lessons.subjectId')
    .innerJoin('people as teacher', 'teacher.id', 'lessons.teacherId')
    .innerJoin('groups', 'groups.id', 'lessons.groupId')
    .leftJoin('assignmentDone', (join) => join.onRef('assignmentDone.assignmentId', '=', 'assignments.id').on('assignmentDone.studentId', '=', studentId))
    .select([
      'assignments.id',
      'assignments.lessonId',
      'assignments.instructions',
      'assignments.givenOn',
      'assignments.dueOn',
      'assignments.estimatedMinutes',
      'assignments.toHandIn',
      'subjects.label as subject',
      'groups.name as groupName',
      'teacher.firstName',
      'teacher.lastName',
      'teacher.usageName',
      'assignmentDone.doneAt',
    ])
    .where('assignments.dueOn', '>=', window.from)
    // Same groups as the lesson filter, on the assignments' own (group, due date) index.
    .where('assignments.groupId', 'in', groupIdsOf(db, studentId, window.year, { as: 'student' }))
    .where(familyLessons(db, viewer, studentId, window.year, window.now));
  if (window.to) q = q.where('assignments.dueOn', '<=', window.to);
  return q.orderBy('assignments.dueOn').orderBy('subjects.label').orderBy('assignments.id').limit(500).execute();
}

/** Whether a piece of work is in the pupil's agenda as the viewer sees it. */
export async function inAgenda(db: Db, viewer: Viewer, studentId: string, assignmentId: string, year: string, now: string): Promise<boolean> {
  const row = await db
    .selectFrom('assignments')
    .innerJoin('lessons', 'lessons.id', 'assignments.lessonId')
    .select('assignments.id')
    .where('assignments.id', '=', assignmentId)
    .where(familyLessons(db, viewer, studentId, year, now))
    .executeTakeFirst();
  return !!row;
}

export async function setTick(db: Db, tick: { assignmentId: string; studentId: string; done: boolean; at: string; by: string }) {
  if (tick.done) {
    await db
      .insertInto('assignmentDone')
      .values({ assignmentId: tick.assignmentId, studentId: tick.studentId, doneAt: tick.at, doneBy: tick.by })
      .onConflict((oc) => oc.columns(['studentId', 'assignmentId']).doNothing())
      .execute();
  } else {
    await db.deleteFrom('assignmentDone').where('assignmentId', '=', tick.assignmentId).where('studentId', '=', tick.studentId).execute();
  }
}
