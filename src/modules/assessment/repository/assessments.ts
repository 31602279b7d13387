import type { Db } from '../../../kernel/db/index.js';
import { groupIdsOf } from '../../directory/index.js';
import type { AssessmentsTable, SpecialMark } from '../tables.js';
import { publishedToFamilies } from './publication.js';

export type AssessmentRow = AssessmentsTable & { schoolYear: string; periodName: string };

const assessmentColumns = [
  'assessments.id',
  'assessments.structureId',
  'assessments.groupId',
  'assessments.periodId',
  'assessments.teacherId',
  'assessments.kind',
  'assessments.subjectCode',
  'assessments.subjectLabel',
  'assessments.title',
  'assessments.assessedOn',
  'assessments.scale',
  'assessments.coefficientCenti',
  'assessments.publishAt',
  'assessments.heldAt',
  'assessments.heldReason',
  'assessments.familiesNotifiedAt',
  'assessments.createdAt',
  'assessments.updatedAt',
  'groups.schoolYear',
  'assessmentPeriods.name as periodName',
] as const;

function baseQuery(db: Db) {
  return db
    .selectFrom('assessments')
    .innerJoin('groups', 'groups.id', 'assessments.groupId')
    .innerJoin('assessmentPeriods', 'assessmentPeriods.id', 'assessments.periodId')
    .select(assessmentColumns);
}

export async function assessmentById(db: Db, id: string): Promise<AssessmentRow | undefined> {
  return baseQuery(db).where('assessments.id', '=', id).executeTakeFirst();
}

export async function skillsOf(db: Db, assessmentIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (assessmentIds.length === 0) return map;
  const rows = await db
    .selectFrom('assessmentSkills')
    .select(['assessmentId', 'skillCode'])
    .where('assessmentId', 'in', assessmentIds)
    .orderBy('assessmentId')
    .orderBy('position')
    .execute();
  for (const r of rows) map.set(r.assessmentId, [...(map.get(r.assessmentId) ?? []), r.skillCode]);
  return map;
}

/** Inserts an assessment and its skills; `within` runs in the same transaction (the notice's job). */
export async function insertAssessment(db: Db, row: AssessmentsTable, skills: string[], within?: (trx: Db) => Promise<void>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await within?.(trx);
    await trx.insertInto('assessments').values(row).execute();
    if (skills.length > 0)
      await trx
        .insertInto('assessmentSkills')
        .values(skills.map((skillCode, position) => ({ assessmentId: row.id, skillCode, position })))
        .execute();
  });
}

/** Updates an assessment's fields and, when given, replaces its skills, in one transaction with `within`. */
export async function updateAssessment(
  db: Db,
  id: string,
  changes: Partial<AssessmentsTable>,
  skills?: string[],
  within?: (trx: Db) => Promise<void>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('assessments').set(changes).where('id', '=', id).execute();
    await within?.(trx);
    if (!skills) return;
    await trx.deleteFrom('assessmentSkills').where('assessmentId', '=', id).execute();
    if (skills.length > 0)
      await trx
        .insertInto('assessmentSkills')
        .values(skills.map((skillCode, position) => ({ assessmentId: id, skillCode, position })))
        .execute();
  });
}

export async function deleteAssessment(db: Db, id: string): Promise<void> {
  await db.deleteFrom('assessments').where('id', '=', id).execute();
}

/** A group's pupils, for rosters (sorted by the caller as displayed). */
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

export interface MarkRow {
  assessmentId: string;
  studentId: string;
  pointsCenti: number | null;
  special: SpecialMark | null;
}

export async function marksOf(db: Db, assessmentIds: string[], studentId?: string): Promise<MarkRow[]> {
  if (assessmentIds.length === 0) return [];
  let q = db.selectFrom('assessmentMarks').select(['assessmentId', 'studentId', 'pointsCenti', 'special']).where('assessmentId', 'in', assessmentIds);
  if (studentId) q = q.where('studentId', '=', studentId);
  return q.execute();
}

export interface LevelRow {
  assessmentId: string;
  studentId: string;
  skillCode: string;
  level: number;
}

export async function levelsOf(db: Db, assessmentIds: string[], studentId?: string): Promise<LevelRow[]> {
  if (assessmentIds.length === 0) return [];
  let q = db.selectFrom('assessmentLevels').select(['assessmentId', 'studentId', 'skillCode', 'level']).where('assessmentId', 'in', assessmentIds);
  if (studentId) q = q.where('studentId', '=', studentId);
  return q.execute();
}

/** Replaces the results of the listed pupils, all or nothing. */
export async function saveResults(
  db: Db,
  assessmentId: string,
  marks: { studentId: string; pointsCenti: number | null; special: SpecialMark | null }[],
  levels: { studentId: string; skillCode: string; level: number | null }[],
  by: string,
  at: string,
): Promise<void> {
  // Upserts, not delete-then-insert: two saves of the same marks at once (a double submit, two
  // teachers of a team) must both succeed; on PostgreSQL the second insert would hit the key.
  await db.transaction().execute(async (trx) => {
    const cleared = marks.filter((m) => m.pointsCenti === null && m.special === null).map((m) => m.studentId);
    if (cleared.length > 0) await trx.deleteFrom('assessmentMarks').where('assessmentId', '=', assessmentId).where('studentId', 'in', cleared).execute();
    const kept = marks.filter((m) => m.pointsCenti !== null || m.special !== null);
    if (kept.length > 0)
      await trx
        .insertInto('assessmentMarks')
        .values(kept.map((m) => ({ assessmentId, ...m, updatedAt: at, updatedBy: by })))
        .onConflict((oc) =>
          oc.columns(['assessmentId', 'studentId']).doUpdateSet((eb) => ({
            pointsCenti: eb.ref('excluded.pointsCenti'),
            special: eb.ref('excluded.special'),
            updatedAt: eb.ref('excluded.updatedAt'),
            updatedBy: eb.ref('excluded.updatedBy'),
          })),
        )
        .execute();
    for (const l of levels.filter((x) => x.level === null)) {
      await trx
        .deleteFrom('assessmentLevels')
        .where('assessmentId', '=', assessmentId)
        .where('studentId', '=', l.studentId)
        .where('skillCode', '=', l.skillCode)
        .execute();
    }
    const placed = levels.filter((l): l is typeof l & { level: number } => l.level !== null);
    if (placed.length > 0)
      await trx
        .insertInto('assessmentLevels')
        .values(placed.map((l) => ({ assessmentId, ...l, updatedAt: at, updatedBy: by })))
        .onConflict((oc) =>
          oc.columns(['assessmentId', 'studentId', 'skillCode']).doUpdateSet((eb) => ({
            level: eb.ref('excluded.level'),
            updatedAt: eb.ref('excluded.updatedAt'),
            updatedBy: eb.ref('excluded.updatedBy'),
          })),
        )
        .execute();
  });
}

/** A group's assessments of a period, by date; `familyAt` keeps only what is published to families at that moment. */
export async function groupAssessments(db: Db, groupId: string, periodId: string, options: { familyAt?: Date; subjectCode?: string } = {}) {
  let q = baseQuery(db).where('assessments.groupId', '=', groupId).where('assessments.periodId', '=', periodId);
  if (options.subjectCode) q = q.where('assessments.subjectCode', '=', options.subjectCode);
  if (options.familyAt) q = q.where(publishedToFamilies(options.familyAt));
  return q.orderBy('assessments.assessedOn').orderBy('assessments.createdAt').execute();
}

/** The assessments of a pupil's groups in a period; `familyAt` keeps only what families may see at that moment. */
export async function pupilAssessments(db: Db, studentId: string, schoolYear: string, periodIds: string[], familyAt?: Date) {
  if (periodIds.length === 0) return [];
  let q = baseQuery(db)
    .where('assessments.groupId', 'in', groupIdsOf(db, studentId, schoolYear, { as: 'student' }))
    .where('assessments.periodId', 'in', periodIds);
  if (familyAt) q = q.where(publishedToFamilies(familyAt));
  return q.orderBy('assessments.subjectLabel').orderBy('assessments.assessedOn').execute();
}

/** What teachers hold back from families in a school's year, with their reasons. */
export async function heldAssessments(db: Db, structureId: string, schoolYear: string) {
  return baseQuery(db)
    .innerJoin('people', 'people.id', 'assessments.teacherId')
    .select(['groups.name as groupName', 'people.firstName as teacherFirstName', 'people.lastName as teacherLastName', 'people.usageName as teacherUsageName'])
    .where('assessments.structureId', '=', structureId)
    .where('groups.schoolYear', '=', schoolYear)
    .where('assessments.heldAt', 'is not', null)
    .orderBy('assessments.heldAt', 'desc')
    .execute();
}

/** A teacher's assessments of the year, newest first. */
export async function teacherAssessments(db: Db, teacherId: string, schoolYear: string, limit: number) {
  return baseQuery(db)
    .select(['groups.name as groupName'])
    .where('assessments.teacherId', '=', teacherId)
    .where('groups.schoolYear', '=', schoolYear)
    .orderBy('assessments.assessedOn', 'desc')
    .orderBy('assessments.createdAt', 'desc')
    .limit(limit)
    .execute();
}

/** Whether families see this assessment now: the publication rule, asked of the database. */
export async function isPublished(db: Db, id: string, now: Date): Promise<boolean> {
  const row = await db.selectFrom('assessments').select('id').where('id', '=', id).where(publishedToFamilies(now)).executeTakeFirst();
  return !!row;
}
