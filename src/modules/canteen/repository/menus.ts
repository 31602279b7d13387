import type { Db } from '../../../kernel/db/index.js';
import type { CanteenDishesTable, CanteenKitchensTable, CanteenMenuDaysTable } from '../tables.js';

export async function findKitchen(db: Db, id: string) {
  return (await db.selectFrom('canteenKitchens').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** A municipality's kitchens with the schools each cooks for, by name. */
export async function kitchensOf(db: Db, municipalityId: string) {
  const kitchens = await db.selectFrom('canteenKitchens').select(['id', 'name']).where('municipalityId', '=', municipalityId).orderBy('name').execute();
  const schools = await db
    .selectFrom('canteenKitchenSchools')
    .innerJoin('canteenKitchens', 'canteenKitchens.id', 'canteenKitchenSchools.kitchenId')
    .innerJoin('structures', 'structures.id', 'canteenKitchenSchools.structureId')
    .select(['canteenKitchenSchools.kitchenId', 'structures.id', 'structures.name'])
    .where('canteenKitchens.municipalityId', '=', municipalityId)
    .orderBy('structures.name')
    .execute();
  return kitchens.map((k) => ({ ...k, schools: schools.filter((s) => s.kitchenId === k.id).map((s) => ({ id: s.id, name: s.name })) }));
}

/** Creates a kitchen; the schools it cooks for leave their former kitchen. */
export async function insertKitchen(db: Db, row: CanteenKitchensTable, schoolIds: string[]) {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('canteenKitchens').values(row).execute();
    if (schoolIds.length === 0) return;
    await trx.deleteFrom('canteenKitchenSchools').where('structureId', 'in', schoolIds).execute();
    await trx
      .insertInto('canteenKitchenSchools')
      .values(schoolIds.map((structureId) => ({ structureId, kitchenId: row.id })))
      .execute();
  });
}

/** The kitchen that cooks for a school, with the school and its municipality. */
export async function kitchenOfSchool(db: Db, structureId: string) {
  return (
    (await db
      .selectFrom('canteenKitchenSchools')
      .innerJoin('canteenKitchens', 'canteenKitchens.id', 'canteenKitchenSchools.kitchenId')
      .innerJoin('structures', 'structures.id', 'canteenKitchenSchools.structureId')
      .select(['canteenKitchens.id as kitchenId', 'canteenKitchens.name as kitchenName', 'structures.id as structureId', 'structures.name as schoolName'])
      .select('structures.parentId as municipalityId')
      .where('canteenKitchenSchools.structureId', '=', structureId)
      .executeTakeFirst()) ?? null
  );
}

/**
 * The schools whose menus a person reads, with their kitchen: for a parent the schools of their
 * children, for anyone else the schools they are an active member of.
 */
export async function menuSchoolsOf(db: Db, personId: string, relative: boolean) {
  let q = db
    .selectFrom('canteenKitchenSchools')
    .innerJoin('canteenKitchens', 'canteenKitchens.id', 'canteenKitchenSchools.kitchenId')
    .innerJoin('structures', 'structures.id', 'canteenKitchenSchools.structureId')
    .select(['structures.id as structureId', 'structures.name as schoolName', 'canteenKitchens.id as kitchenId', 'canteenKitchens.name as kitchenName']);
  q = relative
    ? q.where('structures.id', 'in', (eb) =>
        eb
          .selectFrom('relativeLinks')
          .innerJoin('structureMembers', (j) => j.onRef('structureMembers.personId', '=', 'relativeLinks.studentId').on('structureMembers.active', '=', 1))
          .select('structureMembers.structureId')
          .where('relativeLinks.relativeId', '=', personId),
      )
    : q.where('structures.id', 'in', (eb) => eb.selectFrom('structureMembers').select('structureId').where('personId', '=', personId).where('active', '=', 1));
  return q.orderBy('structures.name').execute();
}

/** Whether a parent has a child who is an active member of the school. */
export async function hasChildIn(db: Db, relativeId: string, structureId: string) {
  const row = await db
    .selectFrom('relativeLinks')
    .innerJoin('structureMembers', (j) => j.onRef('structureMembers.personId', '=', 'relativeLinks.studentId').on('structureMembers.active', '=', 1))
    .select('relativeLinks.studentId')
    .where('relativeLinks.relativeId', '=', relativeId)
    .where('structureMembers.structureId', '=', structureId)
    .executeTakeFirst();
  return !!row;
}

/** The children of a school whose flags a person sees: a parent's own children, or the pupil themself; with this year's diet and PAI. */
export async function flaggedChildren(db: Db, personId: string, relative: boolean, structureId: string, schoolYear: string) {
  let q = db
    .selectFrom('canteenRegistrations')
    .innerJoin('people', 'people.id', 'canteenRegistrations.studentId')
    .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName', 'canteenRegistrations.diet', 'canteenRegistrations.careplan'])
    .where('canteenRegistrations.structureId', '=', structureId)
    .where('canteenRegistrations.schoolYear', '=', schoolYear);
  q = relative
    ? q.where('people.id', 'in', (eb) => eb.selectFrom('relativeLinks').select('studentId').where('relativeId', '=', personId))
    : q.where('people.id', '=', personId);
  return q.execute();
}

/** A kitchen's days between two dates with their dishes; `published` leaves drafts out. */
export async function menuDays(db: Db, kitchenId: string, from: string, to: string, published: boolean) {
  let q = db.selectFrom('canteenMenuDays').selectAll().where('kitchenId', '=', kitchenId).where('day', '>=', from).where('day', '<=', to);
  if (published) q = q.where('status', '=', 'published');
  const days = await q.orderBy('day').execute();
  if (days.length === 0) return [];
  const dishes = await db
    .selectFrom('canteenDishes')
    .selectAll()
    .where(
      'menuDayId',
      'in',
      days.map((d) => d.id),
    )
    .orderBy('position')
    .execute();
  return days.map((d) => ({ ...d, dishes: dishes.filter((x) => x.menuDayId === d.id) }));
}

export async function findMenuDay(db: Db, kitchenId: string, day: string) {
  return (await db.selectFrom('canteenMenuDays').selectAll().where('kitchenId', '=', kitchenId).where('day', '=', day).executeTakeFirst()) ?? null;
}

/** Writes a day's dishes in place of the former ones, in one transaction. */
export async function saveMenuDay(db: Db, day: CanteenMenuDaysTable, dishes: CanteenDishesTable[]) {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('canteenMenuDays')
      .values(day)
      .onConflict((oc) =>
        oc.columns(['kitchenId', 'day']).doUpdateSet({ status: day.status, publishedAt: day.publishedAt, updatedBy: day.updatedBy, updatedAt: day.updatedAt }),
      )
      .execute();
    const saved = await trx
      .selectFrom('canteenMenuDays')
      .select('id')
      .where('kitchenId', '=', day.kitchenId)
      .where('day', '=', day.day)
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('canteenDishes').where('menuDayId', '=', saved.id).execute();
    if (dishes.length > 0)
      await trx
        .insertInto('canteenDishes')
        .values(dishes.map((d) => ({ ...d, menuDayId: saved.id })))
        .execute();
  });
}

export async function publishDays(db: Db, ids: string[], at: string, by: string) {
  if (ids.length === 0) return;
  await db.updateTable('canteenMenuDays').set({ status: 'published', publishedAt: at, updatedBy: by, updatedAt: at }).where('id', 'in', ids).execute();
}

/** The published dishes of a kitchen's month, for the EGalim shares. */
export async function publishedDishes(db: Db, kitchenId: string, from: string, to: string) {
  return db
    .selectFrom('canteenDishes')
    .innerJoin('canteenMenuDays', 'canteenMenuDays.id', 'canteenDishes.menuDayId')
    .select(['canteenDishes.labels', 'canteenDishes.purchaseCents'])
    .where('canteenMenuDays.kitchenId', '=', kitchenId)
    .where('canteenMenuDays.status', '=', 'published')
    .where('canteenMenuDays.day', '>=', from)
    .where('canteenMenuDays.day', '<=', to)
    .execute();
}
