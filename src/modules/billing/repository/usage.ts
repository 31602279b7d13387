/** Read-only reads of the canteen's tables: what each child booked, attended, and who pays for them. */
import type { Db } from '../../../kernel/db/index.js';

/** Whether the id names a municipality. */
export async function findMunicipality(db: Db, id: string) {
  return (await db.selectFrom('structures').select(['id', 'name']).where('id', '=', id).where('kind', '=', 'municipality').executeTakeFirst()) ?? null;
}

/** Whether a parent has a child in a school of the municipality. */
export async function hasChildIn(db: Db, relativeId: string, municipalityId: string): Promise<boolean> {
  const row = await db
    .selectFrom('relativeLinks')
    .innerJoin('structureMembers', (j) => j.onRef('structureMembers.personId', '=', 'relativeLinks.studentId').on('structureMembers.active', '=', 1))
    .innerJoin('structures', 'structures.id', 'structureMembers.structureId')
    .select('relativeLinks.studentId')
    .where('relativeLinks.relativeId', '=', relativeId)
    .where('structures.parentId', '=', municipalityId)
    .executeTakeFirst();
  return !!row;
}

/** The municipalities where a parent has a child at school, by name. */
export async function municipalitiesOfFamily(db: Db, relativeId: string) {
  return db
    .selectFrom('relativeLinks')
    .innerJoin('structureMembers', (j) => j.onRef('structureMembers.personId', '=', 'relativeLinks.studentId').on('structureMembers.active', '=', 1))
    .innerJoin('structures as school', 'school.id', 'structureMembers.structureId')
    .innerJoin('structures as town', (j) => j.onRef('town.id', '=', 'school.parentId').on('town.kind', '=', 'municipality'))
    .select(['town.id', 'town.name'])
    .distinct()
    .where('relativeLinks.relativeId', '=', relativeId)
    .orderBy('town.name')
    .execute();
}

/** The municipality's services whose days fall in [first, last], with their school. */
export async function servicesOfMunicipality(db: Db, municipalityId: string, schoolYears: string[]) {
  return db
    .selectFrom('canteenServices')
    .innerJoin('structures', 'structures.id', 'canteenServices.structureId')
    .select([
      'canteenServices.id',
      'canteenServices.label',
      'canteenServices.kind',
      'canteenServices.structureId',
      'canteenServices.schoolYear',
      'structures.name as schoolName',
    ])
    .where('canteenServices.municipalityId', '=', municipalityId)
    .where('canteenServices.schoolYear', 'in', schoolYears)
    .orderBy('structures.name')
    .orderBy('canteenServices.label')
    .execute();
}

/** Current bookings (status booked) of the municipality's services in [first, last]. */
export async function bookedDays(db: Db, municipalityId: string, first: string, last: string) {
  return db
    .selectFrom('canteenBookings')
    .innerJoin('canteenServices', 'canteenServices.id', 'canteenBookings.serviceId')
    .select(['canteenBookings.serviceId', 'canteenBookings.studentId', 'canteenBookings.day', 'canteenServices.structureId'])
    .where('canteenServices.municipalityId', '=', municipalityId)
    .where('canteenBookings.status', '=', 'booked')
    .where('canteenBookings.day', '>=', first)
    .where('canteenBookings.day', '<=', last)
    .execute();
}

/** The roll calls of the municipality's services in [first, last]. */
export async function attendanceDays(db: Db, municipalityId: string, first: string, last: string) {
  return db
    .selectFrom('canteenAttendance')
    .innerJoin('canteenServices', 'canteenServices.id', 'canteenAttendance.serviceId')
    .select(['canteenAttendance.serviceId', 'canteenAttendance.studentId', 'canteenAttendance.day', 'canteenAttendance.present', 'canteenServices.structureId'])
    .where('canteenServices.municipalityId', '=', municipalityId)
    .where('canteenAttendance.day', '>=', first)
    .where('canteenAttendance.day', '<=', last)
    .execute();
}

/** The municipality's closed days touching [first, last] (its own and its schools'). */
export async function closures(db: Db, municipalityId: string, first: string, last: string) {
  return db
    .selectFrom('canteenClosures')
    .select(['structureId', 'startsOn', 'endsOn'])
    .where('municipalityId', '=', municipalityId)
    .where('startsOn', '<=', last)
    .where('endsOn', '>=', first)
    .execute();
}

/** For each child, their parents: who registered them for the year, the legal guardians, by name. */
export async function parentsOf(db: Db, studentIds: string[]) {
  if (studentIds.length === 0) return [];
  return db
    .selectFrom('relativeLinks')
    .innerJoin('people', 'people.id', 'relativeLinks.relativeId')
    .leftJoin('canteenRegistrations', (j) =>
      j.onRef('canteenRegistrations.studentId', '=', 'relativeLinks.studentId').onRef('canteenRegistrations.registeredBy', '=', 'relativeLinks.relativeId'),
    )
    .select(['relativeLinks.studentId', 'relativeLinks.relativeId', 'relativeLinks.legalGuardian', 'people.searchKey', 'canteenRegistrations.id as registered'])
    .where('relativeLinks.studentId', 'in', studentIds)
    .execute();
}

/** The municipalities among a person's structures, by name. */
export async function municipalitiesAmong(db: Db, structureIds: string[]) {
  if (structureIds.length === 0) return [];
  return db.selectFrom('structures').select(['id', 'name']).where('id', 'in', structureIds).where('kind', '=', 'municipality').orderBy('name').execute();
}
