import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../../kernel/db/index.js';
import type { AttendanceAnnouncedTable, AttendanceJustificationsTable, JustificationStatus } from '../tables.js';

/** Is a justification of this status covering the mark `attendanceMarks` (same pupil, its date in the range)? */
function covered(status: JustificationStatus) {
  return sql<SqlBool>`exists (select 1 from attendance_justifications j where j.student_id = attendance_marks.student_id
    and j.from_date <= attendance_marks.date and j.to_date >= attendance_marks.date and j.status = ${status})`;
}

/** A mark is justified when the school announced it or validated a justification covering its date. */
const justified = sql<SqlBool>`(attendance_marks.announced_id is not null or ${covered('accepted')})`;

/** The school a pupil belongs to, whether the person asking is their parent, or teaches them this year. */
export async function pupilStanding(db: Db, personId: string, studentId: string, year: string) {
  const pupil = await db
    .selectFrom('people')
    .innerJoin('structureMembers', 'structureMembers.personId', 'people.id')
    .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName', 'structureMembers.structureId'])
    .where('people.id', '=', studentId)
    .where('people.profile', '=', 'student')
    .where('structureMembers.active', '=', 1)
    .executeTakeFirst();
  if (!pupil) return null;
  const [link, taught] = await Promise.all([
    db.selectFrom('relativeLinks').select('studentId').where('relativeId', '=', personId).where('studentId', '=', studentId).executeTakeFirst(),
    db
      .selectFrom('groupMembers as t')
      .innerJoin('groupMembers as s', 's.groupId', 't.groupId')
      .innerJoin('groups', 'groups.id', 't.groupId')
      .select('t.groupId')
      .where('t.personId', '=', personId)
      .where('t.role', '=', 'teacher')
      .where('s.personId', '=', studentId)
      .where('s.role', '=', 'student')
      .where('groups.schoolYear', '=', year)
      .executeTakeFirst(),
  ]);
  return { pupil, childOfActor: !!link, teachesPupil: !!taught };
}

/** A pupil's absences and lateness between two dates, with their justification state. */
export async function pupilMarks(db: Db, studentId: string, from: string, to: string) {
  return db
    .selectFrom('attendanceMarks')
    .innerJoin('attendanceRollCalls', 'attendanceRollCalls.id', 'attendanceMarks.rollCallId')
    .select([
      'attendanceMarks.id',
      'attendanceMarks.date',
      'attendanceMarks.halfDay',
      'attendanceMarks.status',
      'attendanceMarks.lateMinutes',
      'attendanceMarks.announcedId',
      'attendanceRollCalls.startTime',
      'attendanceRollCalls.endTime',
    ])
    .select([justified.as('justified'), covered('pending').as('pending'), covered('refused').as('refused')])
    .where('attendanceMarks.studentId', '=', studentId)
    .where('attendanceMarks.date', '>=', from)
    .where('attendanceMarks.date', '<=', to)
    .orderBy('attendanceMarks.date', 'desc')
    .orderBy('attendanceRollCalls.slotKey', 'desc')
    .execute();
}

/**
 * Per pupil over a date range: distinct half-days absent, justified, lateness count and minutes.
 * A pupil absent at three lessons of one morning has missed one half-day.
 */
export async function figures(db: Db, studentIds: string[], from: string, to: string) {
  if (studentIds.length === 0) return [];
  const halfDay = sql<string>`(attendance_marks.date || attendance_marks.half_day)`;
  return db
    .selectFrom('attendanceMarks')
    .select('attendanceMarks.studentId')
    .select([
      sql<number>`count(distinct case when attendance_marks.status = 'absent' then ${halfDay} end)`.as('halfDays'),
      sql<number>`count(distinct case when attendance_marks.status = 'absent' and ${justified} then ${halfDay} end)`.as('justifiedHalfDays'),
      sql<number>`sum(case when attendance_marks.status = 'late' then 1 else 0 end)`.as('lates'),
      sql<number>`coalesce(sum(case when attendance_marks.status = 'late' then attendance_marks.late_minutes else 0 end), 0)`.as('lateMinutes'),
    ])
    .where('attendanceMarks.studentId', 'in', studentIds)
    .where('attendanceMarks.date', '>=', from)
    .where('attendanceMarks.date', '<=', to)
    .groupBy('attendanceMarks.studentId')
    .execute();
}

/** A school's absences and lateness on a date, with the pupil's name. */
export async function dayMarks(db: Db, structureId: string, date: string) {
  return db
    .selectFrom('attendanceMarks')
    .innerJoin('attendanceRollCalls', 'attendanceRollCalls.id', 'attendanceMarks.rollCallId')
    .innerJoin('people', 'people.id', 'attendanceMarks.studentId')
    .select([
      'attendanceMarks.id',
      'attendanceMarks.groupId',
      'attendanceMarks.studentId',
      'attendanceMarks.halfDay',
      'attendanceMarks.status',
      'attendanceMarks.lateMinutes',
      'attendanceRollCalls.startTime',
      'attendanceRollCalls.endTime',
      'people.firstName',
      'people.lastName',
      'people.usageName',
    ])
    .select(justified.as('justified'))
    .where('attendanceMarks.structureId', '=', structureId)
    .where('attendanceMarks.date', '=', date)
    .orderBy('attendanceRollCalls.slotKey')
    .execute();
}

/** Pupils' legal guardians with their phone and e-mail, from the directory. */
export async function guardiansOf(db: Db, studentIds: string[]) {
  if (studentIds.length === 0) return [];
  return db
    .selectFrom('relativeLinks')
    .innerJoin('people', 'people.id', 'relativeLinks.relativeId')
    .select(['relativeLinks.studentId', 'people.id', 'people.firstName', 'people.lastName', 'people.usageName', 'people.email', 'people.phone'])
    .where('relativeLinks.studentId', 'in', studentIds)
    .where('relativeLinks.legalGuardian', '=', 1)
    .where('people.status', '=', 'active')
    .execute();
}

/** The class (kind `class`) of each pupil in a year. */
export async function classOfPupils(db: Db, studentIds: string[], year: string) {
  if (studentIds.length === 0) return [];
  return db
    .selectFrom('groupMembers')
    .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
    .select(['groupMembers.personId as studentId', 'groups.id as groupId', 'groups.name', 'groups.level'])
    .where('groupMembers.personId', 'in', studentIds)
    .where('groupMembers.role', '=', 'student')
    .where('groups.kind', '=', 'class')
    .where('groups.schoolYear', '=', year)
    .execute();
}

export async function insertAnnounced(db: Db, row: AttendanceAnnouncedTable) {
  await db.insertInto('attendanceAnnounced').values(row).execute();
}

/** A school's announced absences covering a date, with the pupil's name. */
export async function announcedCovering(db: Db, structureId: string, date: string) {
  return db
    .selectFrom('attendanceAnnounced')
    .innerJoin('people', 'people.id', 'attendanceAnnounced.studentId')
    .select([
      'attendanceAnnounced.id',
      'attendanceAnnounced.studentId',
      'attendanceAnnounced.fromDate',
      'attendanceAnnounced.toDate',
      'attendanceAnnounced.halfDay',
      'attendanceAnnounced.reason',
      'attendanceAnnounced.comment',
      'people.firstName',
      'people.lastName',
      'people.usageName',
    ])
    .where('attendanceAnnounced.structureId', '=', structureId)
    .where('attendanceAnnounced.fromDate', '<=', date)
    .where('attendanceAnnounced.toDate', '>=', date)
    .execute();
}

export async function insertJustification(db: Db, row: AttendanceJustificationsTable) {
  await db.insertInto('attendanceJustifications').values(row).execute();
}

export async function findJustification(db: Db, id: string) {
  return db.selectFrom('attendanceJustifications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function justificationsOf(db: Db, studentId: string, from: string) {
  return db
    .selectFrom('attendanceJustifications')
    .selectAll()
    .where('studentId', '=', studentId)
    .where('toDate', '>=', from)
    .orderBy('createdAt', 'desc')
    .execute();
}

/** A school's justifications waiting for review, with the pupil's name. */
export async function pendingJustifications(db: Db, structureId: string) {
  return db
    .selectFrom('attendanceJustifications')
    .innerJoin('people', 'people.id', 'attendanceJustifications.studentId')
    .selectAll('attendanceJustifications')
    .select(['people.firstName', 'people.lastName', 'people.usageName'])
    .where('attendanceJustifications.structureId', '=', structureId)
    .where('attendanceJustifications.status', '=', 'pending')
    .orderBy('attendanceJustifications.createdAt')
    .limit(200)
    .execute();
}

/** Records the school's decision, once: a second review of the same justification changes nothing. */
export async function reviewJustification(
  db: Db,
  id: string,
  values: { status: JustificationStatus; reviewedBy: string; reviewedAt: string; reviewComment: string | null },
) {
  const result = await db.updateTable('attendanceJustifications').set(values).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Of these blob keys, the ones a justification still holds (for the blob sweep). */
export async function referencedBlobKeys(db: Db, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('attendanceJustifications')
    .select('blobKey')
    .where('blobKey', 'in', [...keys])
    .execute();
  return rows.map((r) => r.blobKey!);
}

/** A person's names, e-mail address and status (notices). */
export async function findPerson(db: Db, id: string) {
  return db.selectFrom('people').select(['firstName', 'lastName', 'usageName', 'email', 'status']).where('id', '=', id).executeTakeFirst();
}
