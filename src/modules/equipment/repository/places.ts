import type { Actor } from '../../../kernel/authz/index.js';
import type { Db } from '../../../kernel/db/index.js';
import type { EquipmentPlacesTable } from '../tables.js';

const SCHOOL_KINDS = ['school', 'college', 'lycee'] as const;

/** A school and its owning municipality, or null when the id names no school. */
export async function schoolFacts(db: Db, structureId: string) {
  const row = await db
    .selectFrom('structures')
    .select(['id', 'name', 'parentId'])
    .where('id', '=', structureId)
    .where('kind', 'in', SCHOOL_KINDS)
    .executeTakeFirst();
  return row ? { structureId: row.id, municipalityId: row.parentId, name: row.name } : null;
}

/** The municipalities a municipal agent belongs to, as a subquery. */
export const municipalitiesOf = (db: Db, personId: string) =>
  db
    .selectFrom('structureMembers')
    .innerJoin('structures', 'structures.id', 'structureMembers.structureId')
    .select('structures.id')
    .where('structureMembers.personId', '=', personId)
    .where('structureMembers.active', '=', 1)
    .where('structures.kind', '=', 'municipality');

/** The schools whose equipment the person sees: their municipality's for an agent, their own for a school's adult; in SQL. */
export function visibleSchoolIds(db: Db, actor: Actor) {
  if (actor.profile === 'municipal')
    return db.selectFrom('structures').select('id').where('parentId', 'in', municipalitiesOf(db, actor.personId)).where('kind', 'in', SCHOOL_KINDS);
  return db
    .selectFrom('structureMembers')
    .innerJoin('structures', 'structures.id', 'structureMembers.structureId')
    .select('structures.id')
    .where('structureMembers.personId', '=', actor.personId)
    .where('structureMembers.active', '=', 1)
    .where('structures.kind', 'in', SCHOOL_KINDS);
}

export async function visibleSchools(db: Db, actor: Actor) {
  return db.selectFrom('structures').select(['id', 'name']).where('id', 'in', visibleSchoolIds(db, actor)).orderBy('name').execute();
}

export async function insertPlace(db: Db, row: EquipmentPlacesTable) {
  await db.insertInto('equipmentPlaces').values(row).execute();
}

export async function findPlace(db: Db, id: string) {
  return (await db.selectFrom('equipmentPlaces').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** The school's buildings and rooms, with the class that uses each classroom. */
export async function placesOf(db: Db, structureId: string) {
  return db
    .selectFrom('equipmentPlaces')
    .leftJoin('groups', 'groups.id', 'equipmentPlaces.groupId')
    .select([
      'equipmentPlaces.id',
      'equipmentPlaces.kind',
      'equipmentPlaces.name',
      'equipmentPlaces.buildingId',
      'equipmentPlaces.groupId',
      'groups.name as className',
    ])
    .where('equipmentPlaces.structureId', '=', structureId)
    .execute();
}

export async function findGroup(db: Db, id: string) {
  return (await db.selectFrom('groups').select(['id', 'structureId', 'schoolYear', 'kind']).where('id', '=', id).executeTakeFirst()) ?? null;
}

/** Whether a person is an active member of the structure (an asset's holder is someone of the school). */
export async function isMember(db: Db, personId: string, structureId: string) {
  const row = await db
    .selectFrom('structureMembers')
    .select('personId')
    .where('personId', '=', personId)
    .where('structureId', '=', structureId)
    .where('active', '=', 1)
    .executeTakeFirst();
  return !!row;
}

/** The municipal agents of a municipality, by name: who a ticket can be assigned to. */
export async function agentsOf(db: Db, municipalityId: string) {
  return db
    .selectFrom('structureMembers')
    .innerJoin('people', 'people.id', 'structureMembers.personId')
    .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName'])
    .where('structureMembers.structureId', '=', municipalityId)
    .where('structureMembers.active', '=', 1)
    .where('people.profile', '=', 'municipal')
    .where('people.status', '=', 'active')
    .execute();
}

/** The school's classes of a year (what a classroom can be linked to). */
export async function classesOf(db: Db, structureId: string, schoolYear: string) {
  return db
    .selectFrom('groups')
    .select(['id', 'name'])
    .where('structureId', '=', structureId)
    .where('schoolYear', '=', schoolYear)
    .where('kind', '=', 'class')
    .execute();
}

/** An adult of the school (teacher or staff), active: who attends a hand-over training. */
export async function isStaffMember(db: Db, personId: string, structureId: string) {
  const row = await db
    .selectFrom('structureMembers')
    .innerJoin('people', 'people.id', 'structureMembers.personId')
    .select('people.id')
    .where('structureMembers.personId', '=', personId)
    .where('structureMembers.structureId', '=', structureId)
    .where('structureMembers.active', '=', 1)
    .where('people.profile', 'in', ['teacher', 'personnel'])
    .where('people.status', '=', 'active')
    .executeTakeFirst();
  return !!row;
}

/** The school's adults, for the training's attendance list. */
export async function staffOf(db: Db, structureId: string) {
  return db
    .selectFrom('structureMembers')
    .innerJoin('people', 'people.id', 'structureMembers.personId')
    .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName'])
    .where('structureMembers.structureId', '=', structureId)
    .where('structureMembers.active', '=', 1)
    .where('people.profile', 'in', ['teacher', 'personnel'])
    .where('people.status', '=', 'active')
    .execute();
}
