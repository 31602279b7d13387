import type { ExpressionBuilder } from 'kysely';
import type { Actor } from '../../kernel/authz/index.js';
import type { Database, Db } from '../../kernel/db/index.js';
import './tables.js';

type LessonEb = ExpressionBuilder<Database, 'lessons'>;

function managedIds(actor: Actor): string[] {
  return Object.entries(actor.roles)
    .filter(([, roles]) => roles.includes('director') || roles.includes('localAdmin'))
    .map(([id]) => id);
}

/** Groups of the year a person belongs to in a role. */
export function groupIdsOf(db: Db, personId: string, role: 'student' | 'teacher', year: string) {
  return db
    .selectFrom('groupMembers')
    .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
    .select('groups.id')
    .where('groupMembers.personId', '=', personId)
    .where('groupMembers.role', '=', role)
    .where('groups.schoolYear', '=', year);
}

/** Groups of the year of a parent's children (or of one child). */
export function childGroupIds(db: Db, relativeId: string, year: string, studentId?: string) {
  let children = db.selectFrom('relativeLinks').select('relativeLinks.studentId').where('relativeLinks.relativeId', '=', relativeId);
  if (studentId) children = children.where('relativeLinks.studentId', '=', studentId);
  return db
    .selectFrom('groupMembers')
    .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
    .select('groups.id')
    .where('groupMembers.personId', 'in', children)
    .where('groupMembers.role', '=', 'student')
    .where('groups.schoolYear', '=', year);
}

function closedTo(db: Db, column: 'openToStudents' | 'openToRelatives') {
  return db.selectFrom('homeworkSettings').select('homeworkSettings.structureId').where(column, '=', 0);
}

/**
 * Which lessons the actor may read, as one SQL condition: the author sees theirs (drafts too);
 * managers every published lesson of their structures; teachers the published lessons of the
 * groups they teach; pupils and parents the published, already visible lessons of their (children's)
 * groups, when the school has opened the cahier de textes to them.
 */
export function readableLessons(db: Db, actor: Actor, year: string, now: string) {
  return (eb: LessonEb) => {
    const published = eb('lessons.status', '=', 'published');
    const visible = eb.and([published, eb('lessons.visibleFrom', '<=', now)]);
    const rules = [eb('lessons.teacherId', '=', actor.personId)];
    if (actor.isSuperAdmin) rules.push(published);
    const managed = managedIds(actor);
    if (managed.length > 0) rules.push(eb.and([published, eb('lessons.structureId', 'in', managed)]));
    if (actor.profile === 'teacher') rules.push(eb.and([visible, eb('lessons.groupId', 'in', groupIdsOf(db, actor.personId, 'teacher', year))]));
    if (actor.profile === 'student') {
      rules.push(
        eb.and([
          visible,
          eb('lessons.groupId', 'in', groupIdsOf(db, actor.personId, 'student', year)),
          eb('lessons.structureId', 'not in', closedTo(db, 'openToStudents')),
        ]),
      );
    }
    if (actor.profile === 'relative') {
      rules.push(
        eb.and([
          visible,
          eb('lessons.groupId', 'in', childGroupIds(db, actor.personId, year)),
          eb('lessons.structureId', 'not in', closedTo(db, 'openToRelatives')),
        ]),
      );
    }
    return eb.or(rules);
  };
}

/** Lessons a family member may see for one pupil: that pupil's groups, published, visible, open to the viewer's profile. */
export function familyLessons(db: Db, viewer: 'student' | 'relative', studentId: string, year: string, now: string) {
  return (eb: LessonEb) =>
    eb.and([
      eb('lessons.status', '=', 'published'),
      eb('lessons.visibleFrom', '<=', now),
      eb('lessons.groupId', 'in', groupIdsOf(db, studentId, 'student', year)),
      eb('lessons.structureId', 'not in', closedTo(db, viewer === 'student' ? 'openToStudents' : 'openToRelatives')),
    ]);
}

export async function isRelativeOf(db: Db, relativeId: string, studentId: string): Promise<boolean> {
  const row = await db
    .selectFrom('relativeLinks')
    .select('studentId')
    .where('relativeId', '=', relativeId)
    .where('studentId', '=', studentId)
    .executeTakeFirst();
  return !!row;
}

export async function findLesson(db: Db, id: string) {
  return db.selectFrom('lessons').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function teachesGroup(db: Db, teacherId: string, groupId: string) {
  return db
    .selectFrom('groupMembers')
    .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
    .select(['groups.id', 'groups.name', 'groups.structureId', 'groups.schoolYear'])
    .where('groupMembers.groupId', '=', groupId)
    .where('groupMembers.personId', '=', teacherId)
    .where('groupMembers.role', '=', 'teacher')
    .executeTakeFirst();
}

export async function teacherGroups(db: Db, teacherId: string, year: string) {
  return db
    .selectFrom('groupMembers')
    .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
    .select(['groups.id', 'groups.name', 'groups.kind', 'groups.structureId'])
    .where('groupMembers.personId', '=', teacherId)
    .where('groupMembers.role', '=', 'teacher')
    .where('groups.schoolYear', '=', year)
    .orderBy('groups.name')
    .execute();
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

export async function settingsOf(db: Db, structureId: string) {
  const row = await db.selectFrom('homeworkSettings').select(['openToStudents', 'openToRelatives']).where('structureId', '=', structureId).executeTakeFirst();
  // Open to families unless the school closed it: see docs/decisions on the defaults.
  return { openToStudents: row ? row.openToStudents === 1 : true, openToRelatives: row ? row.openToRelatives === 1 : true };
}
