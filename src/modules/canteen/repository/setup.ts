import type { Db } from '../../../kernel/db/index.js';
import type { CanteenClosuresTable, CanteenServicesTable, CanteenTermsTable } from '../tables.js';

/** A school and its owning municipality, or null when the id names no school. */
export async function schoolFacts(db: Db, structureId: string) {
  const row = await db
    .selectFrom('structures')
    .select(['id', 'name', 'parentId'])
    .where('id', '=', structureId)
    .where('kind', 'in', ['school', 'college', 'lycee'])
    .executeTakeFirst();
  return row ? { structureId: row.id, municipalityId: row.parentId, name: row.name } : null;
}

/** The schools of the municipalities an agent belongs to, by name. */
export async function schoolsOfMunicipalities(db: Db, municipalityIds: string[]) {
  if (municipalityIds.length === 0) return [];
  return db
    .selectFrom('structures')
    .select(['id', 'name', 'parentId as municipalityId'])
    .where('parentId', 'in', municipalityIds)
    .where('kind', 'in', ['school', 'college', 'lycee'])
    .orderBy('name')
    .execute();
}

/** The municipalities among a person's structures. */
export async function municipalitiesAmong(db: Db, structureIds: string[]) {
  if (structureIds.length === 0) return [];
  return db.selectFrom('structures').select(['id', 'name']).where('id', 'in', structureIds).where('kind', '=', 'municipality').orderBy('name').execute();
}

export async function insertService(db: Db, row: CanteenServicesTable) {
  await db.insertInto('canteenServices').values(row).execute();
}

export async function updateService(db: Db, id: string, row: Partial<CanteenServicesTable>) {
  await db.updateTable('canteenServices').set(row).where('id', '=', id).execute();
}

export async function findService(db: Db, id: string) {
  return (await db.selectFrom('canteenServices').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function servicesOfSchool(db: Db, structureId: string, schoolYear: string) {
  return db
    .selectFrom('canteenServices')
    .selectAll()
    .where('structureId', '=', structureId)
    .where('schoolYear', '=', schoolYear)
    .orderBy('kind')
    .orderBy('label')
    .execute();
}

export async function insertClosure(db: Db, row: CanteenClosuresTable) {
  await db.insertInto('canteenClosures').values(row).execute();
}

/** Closures touching [from, to] that apply to the school (its own, and the municipality's for all schools). */
export async function closuresFor(db: Db, municipalityId: string, structureId: string | null, from: string, to: string) {
  let q = db.selectFrom('canteenClosures').selectAll().where('municipalityId', '=', municipalityId).where('startsOn', '<=', to).where('endsOn', '>=', from);
  q = structureId ? q.where((eb) => eb.or([eb('structureId', 'is', null), eb('structureId', '=', structureId)])) : q;
  return q.orderBy('startsOn').execute();
}

export async function replaceTerms(db: Db, municipalityId: string, schoolYear: string, rows: CanteenTermsTable[]) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('canteenTerms').where('municipalityId', '=', municipalityId).where('schoolYear', '=', schoolYear).execute();
    if (rows.length > 0) await trx.insertInto('canteenTerms').values(rows).execute();
  });
}

export async function termsOf(db: Db, municipalityId: string, schoolYear: string) {
  return db
    .selectFrom('canteenTerms')
    .select(['id', 'label', 'startsOn', 'endsOn'])
    .where('municipalityId', '=', municipalityId)
    .where('schoolYear', '=', schoolYear)
    .orderBy('startsOn')
    .execute();
}
