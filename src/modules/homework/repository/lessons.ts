import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Actor } from '../../../kernel/authz/index.js';
import type { Database, Db } from '../../../kernel/db/index.js';
import { groupIdsOf } from '../../directory/index.js';
import type { AssignmentsTable, LessonsTable } from '../tables.js';
import '../tables.js';

type LessonEb = ExpressionBuilder<Database, 'lessons'>;

function managedIds(actor: Actor): string[] {
  return Object.entries(actor.roles)
    .filter(([, roles]) => roles.includes('director') || roles.includes('localAdmin'))
    .map(([id]) => id);
}

function closedTo(db: Db, column: 'openToStudents' | 'openToRelatives') {
  return db.selectFrom('homeworkSettings').select('homeworkSettings.structureId').where(column, '=', 0);
}

/**
 * `homework.lesson.read` as one SQL condition, for lists: the author sees theirs (drafts and past
 * years too); managers every published lesson of their structures; this year's teachers, pupils and
 * parents of the group the published, already visible lessons, families when the school opened it.
 */
export function readableLessons(db: Db, actor: Actor, year: string, now: string) {
  return (eb: LessonEb) => {
    const published = eb('lessons.status', '=', 'published');
    const visible = eb.and([published, eb('lessons.visibleFrom', '<=', now)]);
    const rules = [eb('lessons.teacherId', '=', actor.personId)];
    if (actor.isSuperAdmin) rules.push(published);
    const managed = managedIds(actor);
    if (managed.length > 0) rules.push(eb.and([published, eb('lessons.structureId', 'in', managed)]));
    if (actor.profile === 'teacher') rules.push(eb.and([visible, eb('lessons.groupId', 'in', groupIdsOf(db, actor.personId, year, { as: 'teacher' }))]));
    if (actor.profile === 'student') {
      rules.push(
        eb.and([
          visible,
          eb('lessons.groupId', 'in', groupIdsOf(db, actor.personId, year, { as: 'student' })),
          eb('lessons.structureId', 'not in', closedTo(db, 'openToStudents')),
        ]),
      );
    }
    if (actor.profile === 'relative') {
      rules.push(
        eb.and([
          visible,
          eb('lessons.groupId', 'in', groupIdsOf(db, actor.personId, year, { as: 'relative' })),
          eb('lessons.structureId', 'not in', closedTo(db, 'openToRelatives')),
        ]),
      );
    }
    return eb.or(rules);
  };
}

/** Lessons a family member may see for one pupil: that pupil's groups of the year, published, visible, open to the viewer's profile. */
export function familyLessons(db: Db, viewer: 'student' | 'relative', studentId: string, year: string, now: string) {
  return (eb: LessonEb) =>
    eb.and([
      eb('lessons.status', '=', 'published'),
      eb('lessons.visibleFrom', '<=', now),
      eb('lessons.groupId', 'in', groupIdsOf(db, studentId, year, { as: 'student' })),
      eb('lessons.structureId', 'not in', closedTo(db, viewer === 'student' ? 'openToStudents' : 'openToRelatives')),
    ]);
}

/** A lesson with its group's school year (for the past-year rule). */
export async function findLesson(db: Db, id: string) {
  return db
    .selectFrom('lessons')
    .innerJoin('groups', 'groups.id', 'lessons.groupId')
    .selectAll('lessons')
    .select('groups.schoolYear')
    .where('lessons.id', '=', id)
    .executeTakeFirst();
}
export type LessonRecord = NonNullable<Awaited<ReturnType<typeof findLesson>>>;

export async function findAssignment(db: Db, id: string) {
  return db.selectFrom('assignments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function assignmentIdsOf(db: Db, lessonId: string): Promise<string[]> {
  return (await db.selectFrom('assignments').select('id').where('lessonId', '=', lessonId).execute()).map((a) => a.id);
}

export async function findGroup(db: Db, id: string) {
  return db.selectFrom('groups').select(['id', 'name', 'level', 'structureId', 'schoolYear']).where('id', '=', id).executeTakeFirst();
}

/** The groups a teacher teaches in a school year (the service puts them in school order). */
export async function teacherGroups(db: Db, teacherId: string, year: string) {
  return db
    .selectFrom('groups')
    .select(['groups.id', 'groups.name', 'groups.level', 'groups.kind', 'groups.structureId'])
    .where('groups.id', 'in', groupIdsOf(db, teacherId, year, { as: 'teacher' }))
    .orderBy('groups.name')
    .execute();
}

export async function subjectLabel(db: Db, subjectId: string): Promise<string> {
  return (await db.selectFrom('subjects').select('label').where('id', '=', subjectId).executeTakeFirstOrThrow()).label;
}

export async function subjectCode(db: Db, subjectId: string): Promise<string | undefined> {
  return (await db.selectFrom('subjects').select('code').where('id', '=', subjectId).executeTakeFirst())?.code;
}

export async function personName(db: Db, id: string) {
  return db.selectFrom('people').select(['id', 'firstName', 'lastName', 'usageName']).where('id', '=', id).executeTakeFirst();
}

/** Everything shown of a lesson: subject, teacher and group names joined in. */
export function lessonRows(db: Db) {
  return db
    .selectFrom('lessons')
    .innerJoin('subjects', 'subjects.id', 'lessons.subjectId')
    .innerJoin('people as teacher', 'teacher.id', 'lessons.teacherId')
    .innerJoin('groups', 'groups.id', 'lessons.groupId')
    .select([
      'lessons.id',
      'lessons.structureId',
      'lessons.groupId',
      'groups.name as groupName',
      'groups.schoolYear',
      'lessons.subjectId',
      'subjects.label as subjectLabel',
      'lessons.teacherId',
      'teacher.firstName as teacherFirstName',
      'teacher.lastName as teacherLastName',
      'teacher.usageName as teacherUsageName',
      'lessons.lessonDate',
      'lessons.startTime',
      'lessons.endTime',
      'lessons.content',
      'lessons.status',
      'lessons.visibleFrom',
      'lessons.publishedAt',
      'lessons.editedAt',
    ]);
}
export type LessonRow = Awaited<ReturnType<ReturnType<typeof lessonRows>['execute']>>[number];

export interface LessonListFilter {
  lessonId?: string;
  groupId?: string;
  subjectId?: string;
  studentId?: string;
  from?: string;
  to?: string;
  mine?: boolean;
  limit: number;
}

/** Lessons the actor may read under the filter, newest first. */
export async function listReadableLessons(db: Db, actor: Actor, year: string, now: string, filter: LessonListFilter): Promise<LessonRow[]> {
  let q = lessonRows(db).where(readableLessons(db, actor, year, now));
  if (filter.lessonId) q = q.where('lessons.id', '=', filter.lessonId);
  if (filter.groupId) q = q.where('lessons.groupId', '=', filter.groupId);
  if (filter.subjectId) q = q.where('lessons.subjectId', '=', filter.subjectId);
  if (filter.from) q = q.where('lessons.lessonDate', '>=', filter.from);
  if (filter.to) q = q.where('lessons.lessonDate', '<=', filter.to);
  if (filter.mine) q = q.where('lessons.teacherId', '=', actor.personId);
  if (filter.studentId) q = q.where('lessons.groupId', 'in', groupIdsOf(db, filter.studentId, year, { as: 'student' }));
  return q.orderBy('lessons.lessonDate', 'desc').orderBy('lessons.startTime', 'desc').orderBy('lessons.id').limit(filter.limit).execute();
}

/** Work due per day for a group between two dates, among the lessons the actor may read. */
export async function dueCounts(db: Db, actor: Actor, groupId: string, from: string, to: string, year: string, now: string) {
  const rows = await db
    .selectFrom('assignments')
    .innerJoin('lessons', 'lessons.id', 'assignments.lessonId')
    .select(['assignments.dueOn', (eb) => eb.fn.countAll<number>().as('n')])
    .where('assignments.groupId', '=', groupId)
    .where('assignments.dueOn', '>=', from)
    .where('assignments.dueOn', '<=', to)
    .where(readableLessons(db, actor, year, now))
    .groupBy('assignments.dueOn')
    .orderBy('assignments.dueOn')
    .execute();
  return rows.map((r) => ({ dueOn: r.dueOn, count: Number(r.n) }));
}

export async function assignmentsOf(db: Db, lessonIds: string[]) {
  if (lessonIds.length === 0) return [];
  return db.selectFrom('assignments').selectAll().where('lessonId', 'in', lessonIds).orderBy('lessonId').orderBy('position').execute();
}

export async function attachmentsOf(db: Db, lessonIds: string[]) {
  if (lessonIds.length === 0) return [];
  return db
    .selectFrom('homeworkAttachments')
    .select(['id', 'lessonId', 'assignmentId', 'fileName', 'contentType', 'size'])
    .where('lessonId', 'in', lessonIds)
    .orderBy('createdAt')
    .execute();
}

type LessonValues = Omit<LessonsTable, 'id' | 'teacherId' | 'createdAt'>;
type WorkRow = Pick<AssignmentsTable, 'instructions' | 'givenOn' | 'dueOn' | 'estimatedMinutes' | 'toHandIn' | 'position'> & {
  id: string | null;
  /** The id a new piece of work is inserted with, when the caller needs it (else a fresh one). */
  insertId?: string;
};

/** Inserts or updates a lesson and replaces its work in one transaction: work absent from the list is deleted. */
export async function writeLesson(
  db: Db,
  lesson: { id: string; exists: boolean; teacherId: string; values: LessonValues; createdAt: string; newId: () => string },
  work: WorkRow[],
  /** More writes of the same change (the outbox of its notices), committed with it or not at all. */
  alongside?: (trx: Db) => Promise<unknown>,
) {
  const { id, values } = lesson;
  await db.transaction().execute(async (trx) => {
    const before = lesson.exists ? await trx.selectFrom('lessons').select(['subjectId', 'groupId']).where('id', '=', id).executeTakeFirst() : undefined;
    // A new subject or group changes how every piece of work reads in a calendar.
    const lessonChanged = !!before && (before.subjectId !== values.subjectId || before.groupId !== values.groupId);
    if (lesson.exists) await trx.updateTable('lessons').set(values).where('id', '=', id).execute();
    else
      await trx
        .insertInto('lessons')
        .values({ ...values, id, teacherId: lesson.teacherId, createdAt: lesson.createdAt })
        .execute();
    const kept = work.filter((a) => a.id).map((a) => a.id!);
    let removal = trx.deleteFrom('assignments').where('lessonId', '=', id);
    if (kept.length > 0) removal = removal.where('id', 'not in', kept);
    await removal.execute();
    const current = new Map(kept.length > 0 ? (await trx.selectFrom('assignments').selectAll().where('id', 'in', kept).execute()).map((a) => [a.id, a]) : []);
    for (const a of work) {
      const row = {
        instructions: a.instructions,
        givenOn: a.givenOn,
        dueOn: a.dueOn,
        estimatedMinutes: a.estimatedMinutes,
        toHandIn: a.toHandIn,
        position: a.position,
        groupId: values.groupId,
      };
      const was = a.id ? current.get(a.id) : undefined;
      if (was) {
        const changed =
          lessonChanged ||
          was.instructions !== row.instructions ||
          was.givenOn !== row.givenOn ||
          was.dueOn !== row.dueOn ||
          was.estimatedMinutes !== row.estimatedMinutes ||
          Number(was.toHandIn) !== Number(row.toHandIn);
        const update = changed ? { ...row, updatedAt: values.updatedAt, sequence: Number(was.sequence) + 1 } : { position: row.position };
        await trx.updateTable('assignments').set(update).where('id', '=', was.id).execute();
      } else
        await trx
          .insertInto('assignments')
          .values({ ...row, id: a.insertId ?? lesson.newId(), lessonId: id, createdAt: values.updatedAt, updatedAt: values.updatedAt })
          .execute();
    }
    if (alongside) await alongside(trx);
  });
}

/** Deletes a lesson, its work, ticks and attachment rows; returns the blob keys to delete. */
export async function deleteLesson(db: Db, id: string): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const blobs = await trx.selectFrom('homeworkAttachments').select('blobKey').where('lessonId', '=', id).execute();
    await trx.deleteFrom('homeworkAttachments').where('lessonId', '=', id).execute();
    const work = trx.selectFrom('assignments').select('id').where('lessonId', '=', id);
    await trx.deleteFrom('assignmentDone').where('assignmentId', 'in', work).execute();
    await trx.deleteFrom('assignments').where('lessonId', '=', id).execute();
    await trx.deleteFrom('lessons').where('id', '=', id).execute();
    return blobs.map((b) => b.blobKey);
  });
}

/** A new draft lesson with copies of the given work. */
export async function insertCopy(
  db: Db,
  lesson: LessonsTable,
  work: Selectable<AssignmentsTable>[],
  ids: { lessonId: string; newId: () => string; now: string },
) {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('lessons').values(lesson).execute();
    if (work.length > 0) {
      await trx
        .insertInto('assignments')
        .values(
          work.map((a, i) => ({
            ...a,
            id: ids.newId(),
            lessonId: ids.lessonId,
            groupId: lesson.groupId,
            position: i,
            sequence: 0,
            createdAt: ids.now,
            updatedAt: ids.now,
          })),
        )
        .execute();
    }
  });
}

/** Pupils of a group and their parents, for notifications; each side only when the school opened the cahier to them. */
export async function familiesOf(db: Db, groupId: string, open: { students: boolean; relatives: boolean }): Promise<string[]> {
  const pupils = db
    .selectFrom('groupMembers')
    .select('groupMembers.personId')
    .where('groupMembers.groupId', '=', groupId)
    .where('groupMembers.role', '=', 'student');
  const ids: string[] = [];
  if (open.students) ids.push(...(await pupils.execute()).map((r) => r.personId));
  if (open.relatives) {
    const parents = await db.selectFrom('relativeLinks').select('relativeId').where('studentId', 'in', pupils).execute();
    ids.push(...parents.map((r) => r.relativeId));
  }
  return [...new Set(ids)];
}

export async function insertAttachments(db: Db, rows: Database['homeworkAttachments'][]) {
  if (rows.length > 0) await db.insertInto('homeworkAttachments').values(rows).execute();
}

export async function findAttachment(db: Db, id: string) {
  return db.selectFrom('homeworkAttachments').select(['id', 'lessonId', 'blobKey', 'fileName', 'contentType', 'size']).where('id', '=', id).executeTakeFirst();
}

/** Removes one attachment row of a lesson; returns its blob key, or null when the lesson has no such file. */
export async function deleteAttachment(db: Db, lessonId: string, attachmentId: string): Promise<string | null> {
  const row = await db.selectFrom('homeworkAttachments').select('blobKey').where('id', '=', attachmentId).where('lessonId', '=', lessonId).executeTakeFirst();
  if (!row) return null;
  await db.deleteFrom('homeworkAttachments').where('id', '=', attachmentId).execute();
  return row.blobKey;
}

/** A teacher's work marked "to hand in": the given ids, or what is due from a date on. */
export async function handInRows(db: Db, teacherId: string, select: { ids: string[] } | { dueFrom: string }) {
  let q = db
    .selectFrom('assignments')
    .innerJoin('lessons', 'lessons.id', 'assignments.lessonId')
    .innerJoin('groups', 'groups.id', 'lessons.groupId')
    .innerJoin('subjects', 'subjects.id', 'lessons.subjectId')
    .select(['assignments.id', 'lessons.groupId', 'groups.name as groupName', 'subjects.label as subject', 'assignments.dueOn', 'assignments.instructions'])
    .where('lessons.teacherId', '=', teacherId)
    .where('assignments.toHandIn', '=', 1);
  q = 'ids' in select ? q.where('assignments.id', 'in', select.ids.length > 0 ? select.ids : ['']) : q.where('assignments.dueOn', '>=', select.dueFrom);
  return q.orderBy('assignments.dueOn').orderBy('groups.name').limit(100).execute();
}
