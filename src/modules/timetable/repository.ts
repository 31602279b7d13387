import type { Db } from '../../kernel/db/index.js';
import type { groupIdsOf } from '../directory/index.js';
import type { TimetableChangesTable, TimetableRoomsTable, TimetableSlotsTable, WeekPattern } from './tables.js';

export type SlotRow = TimetableSlotsTable;
export type ChangeRow = TimetableChangesTable;

// ------------------------------------------------------------------------------ school facts

export const findGroup = (db: Db, id: string) =>
  db.selectFrom('groups').select(['id', 'structureId', 'schoolYear', 'name', 'kind']).where('id', '=', id).executeTakeFirst();

export const groupsOfSchool = (db: Db, structureId: string, year: string) =>
  db.selectFrom('groups').select(['id', 'name', 'kind', 'level']).where('structureId', '=', structureId).where('schoolYear', '=', year).execute();

/** Active teachers of a school (directors who teach included). */
export const teachersOfSchool = (db: Db, structureId: string) =>
  db
    .selectFrom('people')
    .innerJoin('structureMembers', 'structureMembers.personId', 'people.id')
    .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName', 'people.login'])
    .where('structureMembers.structureId', '=', structureId)
    .where('structureMembers.active', '=', 1)
    .where('people.profile', '=', 'teacher')
    .where('people.status', '=', 'active')
    .execute();

export const findTeacherInSchool = (db: Db, structureId: string, personId: string) =>
  db
    .selectFrom('people')
    .innerJoin('structureMembers', 'structureMembers.personId', 'people.id')
    .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName'])
    .where('structureMembers.structureId', '=', structureId)
    .where('structureMembers.active', '=', 1)
    .where('people.profile', '=', 'teacher')
    .where('people.id', '=', personId)
    .executeTakeFirst();

/** The schools a teacher teaches in (active memberships). */
export const schoolsOfPerson = (db: Db, personId: string) =>
  db.selectFrom('structureMembers').select('structureId').where('personId', '=', personId).where('active', '=', 1).execute();

export const directorySubject = (db: Db, structureId: string, code: string) =>
  db.selectFrom('directorySubjects').select(['code', 'label']).where('structureId', '=', structureId).where('code', '=', code).executeTakeFirst();

export const subjectsOfSchool = (db: Db, structureId: string) =>
  db.selectFrom('directorySubjects').select(['code', 'label']).where('structureId', '=', structureId).orderBy('label').execute();

export const isChildOf = async (db: Db, relativeId: string, studentId: string) =>
  !!(await db.selectFrom('relativeLinks').select('studentId').where('relativeId', '=', relativeId).where('studentId', '=', studentId).executeTakeFirst());

export const personById = (db: Db, id: string) =>
  db.selectFrom('people').select(['id', 'profile', 'firstName', 'lastName', 'usageName']).where('id', '=', id).executeTakeFirst();

// ------------------------------------------------------------------------------ rooms, settings

export const roomsOf = (db: Db, structureId: string) =>
  db.selectFrom('timetableRooms').select(['id', 'name']).where('structureId', '=', structureId).orderBy('name').execute();

export const findRoom = (db: Db, id: string) => db.selectFrom('timetableRooms').selectAll().where('id', '=', id).executeTakeFirst();

export const insertRoom = (db: Db, room: TimetableRoomsTable) =>
  db
    .insertInto('timetableRooms')
    .values(room)
    .onConflict((oc) => oc.columns(['structureId', 'name']).doNothing())
    .execute();

export const roomByName = (db: Db, structureId: string, name: string) =>
  db.selectFrom('timetableRooms').select(['id', 'name']).where('structureId', '=', structureId).where('name', '=', name).executeTakeFirst();

export async function roomInUse(db: Db, roomId: string): Promise<boolean> {
  const slot = await db.selectFrom('timetableSlots').select('id').where('roomId', '=', roomId).executeTakeFirst();
  const change = await db.selectFrom('timetableChanges').select('id').where('newRoomId', '=', roomId).executeTakeFirst();
  return !!slot || !!change;
}

export const deleteRoom = (db: Db, id: string) => db.deleteFrom('timetableRooms').where('id', '=', id).execute();

export const aWeeksOf = async (db: Db, structureId: string) =>
  (await db.selectFrom('timetableSettings').select('aWeeks').where('structureId', '=', structureId).executeTakeFirst())?.aWeeks ?? 'odd';

export const saveAWeeks = (db: Db, structureId: string, aWeeks: string, by: string, at: string) =>
  db
    .insertInto('timetableSettings')
    .values({ structureId, aWeeks, updatedAt: at, updatedBy: by })
    .onConflict((oc) => oc.column('structureId').doUpdateSet({ aWeeks, updatedAt: at, updatedBy: by }))
    .execute();

// ------------------------------------------------------------------------------ slots

export const findSlot = (db: Db, id: string) => db.selectFrom('timetableSlots').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertSlots(db: Db, rows: SlotRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('timetableSlots')
      .values(rows.slice(i, i + 200))
      .execute();
}

export const deleteSlot = (db: Db, id: string) => db.deleteFrom('timetableSlots').where('id', '=', id).execute();

/**
 * Rewrites a slot's fields and drops the day changes that no longer match one of its occurrences
 * (another weekday, outside its new dates), in one transaction; answers how many were dropped.
 */
export async function updateSlot(
  db: Db,
  id: string,
  fields: Omit<SlotRow, 'id' | 'createdAt' | 'source'>,
  keepChange: (date: string) => boolean,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('timetableSlots').set(fields).where('id', '=', id).execute();
    const changes = await trx.selectFrom('timetableChanges').select(['id', 'date']).where('slotId', '=', id).execute();
    const stale = changes.filter((c) => !keepChange(c.date)).map((c) => c.id);
    if (stale.length > 0) await trx.deleteFrom('timetableChanges').where('id', 'in', stale).execute();
    return stale.length;
  });
}

/** The ids of a school's slots of these groups, or of one teacher: what an import replaces. */
export async function slotIdsOf(db: Db, structureId: string, by: { groupIds?: string[]; teacherId?: string }): Promise<string[]> {
  if (!by.teacherId && (by.groupIds ?? []).length === 0) return [];
  let q = db.selectFrom('timetableSlots').select('id').where('structureId', '=', structureId);
  q = by.teacherId ? q.where('teacherId', '=', by.teacherId) : q.where('groupId', 'in', by.groupIds!);
  return (await q.execute()).map((r) => r.id);
}

/** Removes slots (and, by cascade, their changes). */
export async function deleteSlots(db: Db, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 200)
    await db
      .deleteFrom('timetableSlots')
      .where('id', 'in', ids.slice(i, i + 200))
      .execute();
}

export interface SlotShape {
  structureId: string;
  groupId: string;
  teacherId: string;
  roomId: string | null;
  dayOfWeek: number;
  startTime: string;
  endTime: string;
  weeks: WeekPattern;
  validFrom: string;
  validTo: string;
}

/** Slots that would run at the same time as `s` for its group, its teacher or its room (overlapping times, weeks and validity). */
export function overlapping(db: Db, s: SlotShape, exceptSlotIds: string[] = []) {
  let q = db
    .selectFrom('timetableSlots')
    .select(['id', 'groupId', 'teacherId', 'roomId', 'startTime', 'endTime', 'subject'])
    .where('structureId', '=', s.structureId)
    .where('dayOfWeek', '=', s.dayOfWeek)
    .where('startTime', '<', s.endTime)
    .where('endTime', '>', s.startTime)
    .where('validFrom', '<=', s.validTo)
    .where('validTo', '>=', s.validFrom)
    .where((eb) => {
      const same = [eb('groupId', '=', s.groupId), eb('teacherId', '=', s.teacherId)];
      if (s.roomId) same.push(eb('roomId', '=', s.roomId));
      return eb.or(same);
    });
  if (s.weeks !== 'all') q = q.where('weeks', 'in', ['all', s.weeks]);
  if (exceptSlotIds.length > 0) q = q.where('id', 'not in', exceptSlotIds);
  return q.execute();
}

/** Whose slots a week shows: the slots of groups (a subquery), of one teacher, or of one room. */
export type SlotScope = { groupIds: ReturnType<typeof groupIdsOf> } | { groupId: string } | { teacherId: string } | { roomId: string };

/** The slots of a scope valid some day between `from` and `to`, with names; replacements and room changes bring a teacher or a room the slots they join. */
export function slotsInScope(db: Db, scope: SlotScope, from: string, to: string) {
  let q = db
    .selectFrom('timetableSlots as s')
    .innerJoin('groups as g', 'g.id', 's.groupId')
    .innerJoin('people as p', 'p.id', 's.teacherId')
    .leftJoin('timetableRooms as r', 'r.id', 's.roomId')
    .selectAll('s')
    .select(['g.name as groupName', 'p.firstName', 'p.lastName', 'p.usageName', 'r.name as roomName'])
    .where('s.validFrom', '<=', to)
    .where('s.validTo', '>=', from);
  const changedIn = (column: 'newTeacherId' | 'newRoomId', id: string) =>
    db
      .selectFrom('timetableChanges')
      .select('slotId')
      .where(column, '=', id)
      .where((eb) => eb.or([eb.between('date', from, to), eb.between('newDate', from, to)]));
  if ('groupIds' in scope) q = q.where('s.groupId', 'in', scope.groupIds);
  else if ('groupId' in scope) q = q.where('s.groupId', '=', scope.groupId);
  else if ('teacherId' in scope)
    q = q.where((eb) => eb.or([eb('s.teacherId', '=', scope.teacherId), eb('s.id', 'in', changedIn('newTeacherId', scope.teacherId))]));
  else q = q.where((eb) => eb.or([eb('s.roomId', '=', scope.roomId), eb('s.id', 'in', changedIn('newRoomId', scope.roomId))]));
  return q.orderBy('s.startTime').execute();
}

export type ScopedSlot = Awaited<ReturnType<typeof slotsInScope>>[number];

/** Changes of these slots whose occurrence, or whose new date, falls between `from` and `to`, with the replacing teacher's and room's names. */
export async function changesOf(db: Db, slotIds: string[], from: string, to: string) {
  if (slotIds.length === 0) return [];
  return db
    .selectFrom('timetableChanges as c')
    .leftJoin('people as p', 'p.id', 'c.newTeacherId')
    .leftJoin('timetableRooms as r', 'r.id', 'c.newRoomId')
    .selectAll('c')
    .select(['p.firstName', 'p.lastName', 'p.usageName', 'r.name as roomName'])
    .where('c.slotId', 'in', slotIds)
    .where((eb) => eb.or([eb.between('c.date', from, to), eb.between('c.newDate', from, to)]))
    .execute();
}

export type ScopedChange = Awaited<ReturnType<typeof changesOf>>[number];

// ------------------------------------------------------------------------------ changes

export const findChange = (db: Db, id: string) =>
  db
    .selectFrom('timetableChanges as c')
    .innerJoin('timetableSlots as s', 's.id', 'c.slotId')
    .selectAll('c')
    .select(['s.structureId'])
    .where('c.id', '=', id)
    .executeTakeFirst();

/** One change per occurrence: a new one replaces what was said before. */
export async function upsertChange(db: Db, change: ChangeRow): Promise<void> {
  await db.deleteFrom('timetableChanges').where('slotId', '=', change.slotId).where('date', '=', change.date).execute();
  await db.insertInto('timetableChanges').values(change).execute();
}

export const deleteChange = (db: Db, id: string) => db.deleteFrom('timetableChanges').where('id', '=', id).execute();

/** Who is told about a change to a slot: the group's pupils and their parents, its teacher and the replacing one. */
export async function peopleConcerned(db: Db, slot: { groupId: string; teacherId: string }, newTeacherId: string | null): Promise<string[]> {
  const pupils = await db.selectFrom('groupMembers').select('personId').where('groupId', '=', slot.groupId).where('role', '=', 'student').execute();
  const ids = pupils.map((p) => p.personId);
  const parents = ids.length === 0 ? [] : await db.selectFrom('relativeLinks').select('relativeId').where('studentId', 'in', ids).execute();
  return [...ids, ...parents.map((p) => p.relativeId), slot.teacherId, ...(newTeacherId ? [newTeacherId] : [])];
}
