import type { Db } from '../../../kernel/db/index.js';
import { groupIdsOf } from '../../directory/index.js';

/** A pupil as the rules see them from who asks: their school this year, and the asker's links to them. */
export async function pupilStanding(db: Db, actorId: string, studentId: string, schoolYear: string) {
  const pupil = await db.selectFrom('people').select(['id', 'profile', 'firstName', 'lastName', 'usageName']).where('id', '=', studentId).executeTakeFirst();
  if (!pupil || pupil.profile !== 'student') return undefined;
  const [group, link, taught] = await Promise.all([
    db
      .selectFrom('groupMembers')
      .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
      .select(['groups.structureId'])
      .where('groupMembers.personId', '=', studentId)
      .where('groupMembers.role', '=', 'student')
      .where('groups.schoolYear', '=', schoolYear)
      .orderBy('groups.kind')
      .executeTakeFirst(),
    db.selectFrom('relativeLinks').select('studentId').where('relativeId', '=', actorId).where('studentId', '=', studentId).executeTakeFirst(),
    db
      .selectFrom('groupMembers')
      .select('groupId')
      .where('personId', '=', studentId)
      .where('role', '=', 'student')
      .where('groupId', 'in', groupIdsOf(db, actorId, schoolYear, { as: 'teacher' }))
      .executeTakeFirst(),
  ]);
  const structureId =
    group?.structureId ??
    (await db.selectFrom('structureMembers').select('structureId').where('personId', '=', studentId).where('active', '=', 1).executeTakeFirst())?.structureId;
  if (!structureId) return undefined;
  return { pupil, structureId, childOfActor: !!link, teachesPupil: !!taught };
}

/** The pupil's class of the year (kind `class`), for their report. */
export async function classOf(db: Db, studentId: string, schoolYear: string) {
  return db
    .selectFrom('groupMembers')
    .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
    .select(['groups.id', 'groups.name', 'groups.level', 'groups.structureId'])
    .where('groupMembers.personId', '=', studentId)
    .where('groupMembers.role', '=', 'student')
    .where('groups.schoolYear', '=', schoolYear)
    .where('groups.kind', '=', 'class')
    .executeTakeFirst();
}

/** Whether the person is the class teacher: its professeur principal, or one of its teachers when the class has none. */
export async function isClassTeacher(db: Db, personId: string, groupId: string): Promise<boolean> {
  const mains = await db.selectFrom('groupRoles').select('personId').where('groupId', '=', groupId).where('role', '=', 'mainTeacher').execute();
  if (mains.length > 0) return mains.some((m) => m.personId === personId);
  const member = await db
    .selectFrom('groupMembers')
    .select('personId')
    .where('groupId', '=', groupId)
    .where('personId', '=', personId)
    .where('role', '=', 'teacher')
    .executeTakeFirst();
  return !!member;
}

export async function structureOf(db: Db, id: string) {
  return db.selectFrom('structures').select(['id', 'name', 'kind']).where('id', '=', id).executeTakeFirst();
}

export async function groupById(db: Db, id: string) {
  return db.selectFrom('groups').select(['id', 'name', 'level', 'structureId', 'schoolYear', 'kind']).where('id', '=', id).executeTakeFirst();
}

/** The groups a teacher teaches this year, with their names. */
export async function taughtGroups(db: Db, teacherId: string, schoolYear: string) {
  return db
    .selectFrom('groups')
    .select(['id', 'name', 'level', 'structureId', 'kind'])
    .where('id', 'in', groupIdsOf(db, teacherId, schoolYear, { as: 'teacher' }))
    .execute();
}

/** A school's groups of a year, for its managers. */
export async function schoolGroups(db: Db, structureId: string, schoolYear: string) {
  return db
    .selectFrom('groups')
    .select(['id', 'name', 'level', 'structureId', 'kind'])
    .where('structureId', '=', structureId)
    .where('schoolYear', '=', schoolYear)
    .where('kind', '!=', 'manual')
    .execute();
}
