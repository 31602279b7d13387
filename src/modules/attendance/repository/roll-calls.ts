import { sql } from 'kysely';
import type { Db } from '../../../kernel/db/index.js';
import type { AttendanceMarksTable, AttendanceRollCallsTable, HalfDay, RollCallMode } from '../tables.js';

/** The morning roll call's deadline when a school has not set its own. */
export const DEFAULT_DEADLINE = '09:30';

/** A school's settings, or the defaults of its kind (primary: half-days, no Wednesday; secondary: lessons). */
export async function settingsOf(db: Db, structureId: string) {
  const [row, structure] = await Promise.all([
    db.selectFrom('attendanceSettings').selectAll().where('structureId', '=', structureId).executeTakeFirst(),
    db.selectFrom('structures').select('kind').where('id', '=', structureId).executeTakeFirst(),
  ]);
  const primary = (structure?.kind ?? 'school') === 'school';
  return {
    mode: row?.mode ?? ((primary ? 'halfDay' : 'lesson') as RollCallMode),
    noticesInQuietHours: row ? row.noticesInQuietHours === 1 : true,
    wednesday: row ? row.wednesday === 1 : !primary,
    rollCallDeadline: row?.rollCallDeadline ?? DEFAULT_DEADLINE,
  };
}

export async function saveSettings(
  db: Db,
  structureId: string,
  values: { mode: RollCallMode; noticesInQuietHours: boolean; wednesday: boolean; rollCallDeadline: string },
  by: string,
  at: string,
) {
  const row = {
    mode: values.mode,
    noticesInQuietHours: values.noticesInQuietHours ? 1 : 0,
    wednesday: values.wednesday ? 1 : 0,
    rollCallDeadline: values.rollCallDeadline,
    updatedAt: at,
    updatedBy: by,
  };
  await db
    .insertInto('attendanceSettings')
    .values({ structureId, ...row })
    .onConflict((oc) => oc.column('structureId').doUpdateSet(row))
    .execute();
}

export async function findGroup(db: Db, groupId: string) {
  return db.selectFrom('groups').select(['id', 'name', 'level', 'kind', 'structureId', 'schoolYear']).where('id', '=', groupId).executeTakeFirst();
}

/** A group's pupils with their names, as the directory shows them. */
export async function groupPupils(db: Db, groupId: string) {
  return db
    .selectFrom('groupMembers')
    .innerJoin('people', 'people.id', 'groupMembers.personId')
    .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName'])
    .where('groupMembers.groupId', '=', groupId)
    .where('groupMembers.role', '=', 'student')
    .where('people.status', '=', 'active')
    .execute();
}

export async function findRollCall(db: Db, groupId: string, date: string, slotKey: string) {
  return db
    .selectFrom('attendanceRollCalls')
    .selectAll()
    .where('groupId', '=', groupId)
    .where('date', '=', date)
    .where('slotKey', '=', slotKey)
    .executeTakeFirst();
}

export async function findRollCallById(db: Db, id: string) {
  return db.selectFrom('attendanceRollCalls').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function marksOf(db: Db, rollCallId: string) {
  return db.selectFrom('attendanceMarks').selectAll().where('rollCallId', '=', rollCallId).execute();
}

/**
 * Creates the roll call of a slot, or marks the existing one as called again; returns its id.
 * One statement, so two saves at once cannot both create it; on PostgreSQL the row stays locked
 * until the transaction ends, so the marks of two saves are replaced one after the other.
 */
export async function upsertRollCall(db: Db, row: AttendanceRollCallsTable): Promise<string> {
  const saved = await db
    .insertInto('attendanceRollCalls')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['groupId', 'date', 'slotKey']).doUpdateSet((eb) => ({ calledBy: eb.ref('excluded.calledBy'), updatedAt: eb.ref('excluded.updatedAt') })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return saved.id;
}

export async function replaceMarks(db: Db, rollCallId: string, rows: AttendanceMarksTable[]) {
  await db.deleteFrom('attendanceMarks').where('rollCallId', '=', rollCallId).execute();
  if (rows.length > 0) await db.insertInto('attendanceMarks').values(rows).execute();
}

/** Absences announced for these pupils on this date and half-day. */
export async function announcedOn(db: Db, studentIds: string[], date: string, halfDay: HalfDay) {
  if (studentIds.length === 0) return [];
  return db
    .selectFrom('attendanceAnnounced')
    .select(['id', 'studentId', 'reason'])
    .where('studentId', 'in', studentIds)
    .where('fromDate', '<=', date)
    .where('toDate', '>=', date)
    .where((eb) => eb.or([eb('halfDay', 'is', null), eb('halfDay', '=', halfDay)]))
    .execute();
}

/** The roll calls of a person's groups or of a school on a date, with who called. */
export async function rollCallsOn(db: Db, groupIds: string[], date: string) {
  if (groupIds.length === 0) return [];
  return db
    .selectFrom('attendanceRollCalls')
    .innerJoin('people', 'people.id', 'attendanceRollCalls.calledBy')
    .select([
      'attendanceRollCalls.id',
      'attendanceRollCalls.groupId',
      'attendanceRollCalls.slotKey',
      'attendanceRollCalls.halfDay',
      'attendanceRollCalls.startTime',
      'attendanceRollCalls.endTime',
      'attendanceRollCalls.calledAt',
      'people.firstName',
      'people.lastName',
      'people.usageName',
    ])
    .where('attendanceRollCalls.groupId', 'in', groupIds)
    .where('attendanceRollCalls.date', '=', date)
    .orderBy('attendanceRollCalls.slotKey')
    .execute();
}

/** A school's classes of a year. */
export async function classesOf(db: Db, structureId: string, year: string) {
  return db
    .selectFrom('groups')
    .select(['id', 'name', 'level', 'kind'])
    .where('structureId', '=', structureId)
    .where('schoolYear', '=', year)
    .where('kind', '=', 'class')
    .execute();
}

/** Schools with classes this year whose morning of `date` has a class without a roll call, with those classes. */
export async function uncalledMornings(db: Db, year: string, date: string) {
  return db
    .selectFrom('groups')
    .select(['groups.id', 'groups.name', 'groups.level', 'groups.structureId'])
    .where('groups.schoolYear', '=', year)
    .where('groups.kind', '=', 'class')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('attendanceRollCalls')
            .select(sql.lit(1).as('one'))
            .whereRef('attendanceRollCalls.groupId', '=', 'groups.id')
            .where('attendanceRollCalls.date', '=', date)
            .where('attendanceRollCalls.halfDay', '=', 'am'),
        ),
      ),
    )
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('groupMembers')
          .select(sql.lit(1).as('one'))
          .whereRef('groupMembers.groupId', '=', 'groups.id')
          .where('groupMembers.role', '=', 'student'),
      ),
    )
    .execute();
}

/** The director(s), the local administrators and the staff of a school: who the office alerts go to. */
export async function schoolOffice(db: Db, structureId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('structureMembers')
    .innerJoin('people', 'people.id', 'structureMembers.personId')
    .select('people.id')
    .where('structureMembers.structureId', '=', structureId)
    .where('structureMembers.active', '=', 1)
    .where('people.status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb('people.profile', '=', 'personnel'),
        eb.exists(
          eb
            .selectFrom('structureRoles')
            .select(sql.lit(1).as('one'))
            .whereRef('structureRoles.personId', '=', 'people.id')
            .where('structureRoles.structureId', '=', structureId)
            .where('structureRoles.role', '=', 'director'),
        ),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}

/** The directors of a school (the absenteeism alert). */
export async function directorsOf(db: Db, structureId: string): Promise<string[]> {
  const rows = await db.selectFrom('structureRoles').select('personId').where('structureId', '=', structureId).where('role', '=', 'director').execute();
  return rows.map((r) => r.personId);
}
