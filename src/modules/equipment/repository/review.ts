import { sql } from 'kysely';
import type { Db } from '../../../kernel/db/index.js';
import type { Kit } from '../project-tables.js';
import type { AssetCategory } from '../tables.js';

/** The municipality's kit setting, or null when it keeps the académie's default. */
export async function kitOf(db: Db, municipalityId: string): Promise<Kit | null> {
  const row = await db.selectFrom('equipmentSettings').select('kit').where('municipalityId', '=', municipalityId).executeTakeFirst();
  return row ? (JSON.parse(row.kit) as Kit) : null;
}

export async function saveKit(db: Db, municipalityId: string, kit: Kit, personId: string, at: string) {
  const values = { kit: JSON.stringify(kit), updatedBy: personId, updatedAt: at };
  await db
    .insertInto('equipmentSettings')
    .values({ municipalityId, ...values })
    .onConflict((oc) => oc.column('municipalityId').doUpdateSet(values))
    .execute();
}

export async function officialIds(db: Db, municipalityId: string): Promise<string[]> {
  const rows = await db.selectFrom('equipmentOfficials').select('personId').where('municipalityId', '=', municipalityId).execute();
  return rows.map((r) => r.personId);
}

export async function setOfficials(db: Db, municipalityId: string, personIds: string[], at: string) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('equipmentOfficials').where('municipalityId', '=', municipalityId).execute();
    if (personIds.length > 0)
      await trx
        .insertInto('equipmentOfficials')
        .values(personIds.map((personId) => ({ municipalityId, personId, createdAt: at })))
        .execute();
  });
}

/** The school's classrooms: rooms used by a class of the year, with the class and the sockets counted. */
export async function classroomsOf(db: Db, structureId: string, schoolYear: string) {
  return db
    .selectFrom('equipmentPlaces')
    .innerJoin('groups', 'groups.id', 'equipmentPlaces.groupId')
    .select(['equipmentPlaces.id', 'equipmentPlaces.name', 'equipmentPlaces.networkSockets', 'groups.id as groupId', 'groups.name as className'])
    .where('equipmentPlaces.structureId', '=', structureId)
    .where('equipmentPlaces.kind', '=', 'room')
    .where('groups.schoolYear', '=', schoolYear)
    .execute();
}

/** The school's assets in service (not retired, not inside a cart), counted per room and category, with those out of warranty. */
export async function countsByPlace(db: Db, structureId: string, today: string) {
  const rows = await db
    .selectFrom('equipmentAssets')
    .select([
      'placeId',
      'category',
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<number>`sum(case when warranty_end is not null and warranty_end < ${today} then 1 else 0 end)`.as('expired'),
    ])
    .where('structureId', '=', structureId)
    .where('status', '!=', 'retired')
    .where('cartId', 'is', null)
    .groupBy(['placeId', 'category'])
    .execute();
  return rows.map((r) => ({ placeId: r.placeId, category: r.category as AssetCategory, n: Number(r.n), expired: Number(r.expired) }));
}

/** The school's carts in service and how many devices in service each holds. */
export async function cartsOf(db: Db, structureId: string) {
  const rows = await db
    .selectFrom('equipmentAssets as cart')
    .leftJoin('equipmentAssets as device', (j) => j.onRef('device.cartId', '=', 'cart.id').on('device.status', '!=', 'retired'))
    .select(['cart.id', (eb) => eb.fn.count<number>('device.id').as('devices')])
    .where('cart.structureId', '=', structureId)
    .where('cart.category', '=', 'cart')
    .where('cart.status', '!=', 'retired')
    .groupBy('cart.id')
    .execute();
  return rows.map((r) => ({ id: r.id, devices: Number(r.devices) }));
}

/** Devices pupils work on, in service, carts' devices included. */
export async function pupilDeviceCount(db: Db, structureId: string, categories: readonly AssetCategory[]) {
  const row = await db
    .selectFrom('equipmentAssets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('structureId', '=', structureId)
    .where('status', '!=', 'retired')
    .where('category', 'in', categories)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Pupils of the school's classes of the year, from the directory. */
export async function pupilCount(db: Db, structureId: string, schoolYear: string) {
  const row = await db
    .selectFrom('groupMembers')
    .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
    .innerJoin('people', 'people.id', 'groupMembers.personId')
    .select((eb) => eb.fn.count<number>('groupMembers.personId').distinct().as('n'))
    .where('groups.structureId', '=', structureId)
    .where('groups.schoolYear', '=', schoolYear)
    .where('groups.kind', '=', 'class')
    .where('groupMembers.role', '=', 'student')
    .where('people.status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
