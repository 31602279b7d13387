import type { Db } from '../../../kernel/db/index.js';
import type { CanteenRegistrationsTable } from '../tables.js';

/** A pupil's school (an active membership in a school that has a municipality), and whether `askerId` is their parent. */
export async function childFacts(db: Db, askerId: string, studentId: string) {
  const row = await db
    .selectFrom('people')
    .innerJoin('structureMembers', 'structureMembers.personId', 'people.id')
    .innerJoin('structures', 'structures.id', 'structureMembers.structureId')
    .select([
      'people.id',
      'people.firstName',
      'people.lastName',
      'people.usageName',
      'structures.id as structureId',
      'structures.name as schoolName',
      'structures.parentId as municipalityId',
    ])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('relativeLinks').select('relativeId').where('relativeId', '=', askerId).whereRef('studentId', '=', 'people.id'))
        .as('childOfActor'),
    )
    .where('people.id', '=', studentId)
    .where('people.profile', '=', 'student')
    .where('structureMembers.active', '=', 1)
    .where('structures.kind', 'in', ['school', 'college', 'lycee'])
    .orderBy('structures.name')
    .executeTakeFirst();
  if (!row) return null;
  return {
    studentId: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    usageName: row.usageName,
    structureId: row.structureId,
    schoolName: row.schoolName,
    municipalityId: row.municipalityId,
    childOfActor: !!row.childOfActor,
  };
}

/** A parent's children with their school, for the family's page. */
export async function childrenWithSchool(db: Db, relativeId: string, schoolYear: string) {
  return db
    .selectFrom('relativeLinks')
    .innerJoin('people', 'people.id', 'relativeLinks.studentId')
    .innerJoin('structureMembers', (j) => j.onRef('structureMembers.personId', '=', 'people.id').on('structureMembers.active', '=', 1))
    .innerJoin('structures', 'structures.id', 'structureMembers.structureId')
    .leftJoin('canteenRegistrations', (j) => j.onRef('canteenRegistrations.studentId', '=', 'people.id').on('canteenRegistrations.schoolYear', '=', schoolYear))
    .select([
      'people.id',
      'people.firstName',
      'people.lastName',
      'people.usageName',
      'structures.id as structureId',
      'structures.name as schoolName',
      'canteenRegistrations.id as registrationId',
      'canteenRegistrations.diet',
    ])
    .where('relativeLinks.relativeId', '=', relativeId)
    .where('structures.kind', 'in', ['school', 'college', 'lycee'])
    .where('structures.parentId', 'is not', null)
    .orderBy('people.searchKey')
    .execute();
}

export async function findRegistration(db: Db, studentId: string, schoolYear: string) {
  return (
    (await db.selectFrom('canteenRegistrations').selectAll().where('studentId', '=', studentId).where('schoolYear', '=', schoolYear).executeTakeFirst()) ?? null
  );
}

/** Registers a child for the year, or updates the registration (the unique pair student × year holds one). */
export async function upsertRegistration(db: Db, row: CanteenRegistrationsTable) {
  await db
    .insertInto('canteenRegistrations')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['studentId', 'schoolYear']).doUpdateSet({
        structureId: row.structureId,
        diet: row.diet,
        careplan: row.careplan,
        emergencyContacts: row.emergencyContacts,
        pickupPeople: row.pickupPeople,
        consentAt: row.consentAt,
        registeredBy: row.registeredBy,
        updatedAt: row.updatedAt,
      }),
    )
    .execute();
}

/** Registered children of a school this year, with their names and diet. */
export async function registeredPupils(db: Db, structureId: string, schoolYear: string) {
  return db
    .selectFrom('canteenRegistrations')
    .innerJoin('people', 'people.id', 'canteenRegistrations.studentId')
    .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName', 'canteenRegistrations.diet', 'canteenRegistrations.careplan'])
    .where('canteenRegistrations.structureId', '=', structureId)
    .where('canteenRegistrations.schoolYear', '=', schoolYear)
    .execute();
}
