import type { Actor } from '../../../kernel/authz/index.js';
import type { Db } from '../../../kernel/db/index.js';
import type { AssetsFilter } from '../schema.js';
import type { EquipmentAssetsTable, EquipmentEventsTable } from '../tables.js';
import { visibleSchoolIds } from './places.js';

const assetQuery = (db: Db) =>
  db
    .selectFrom('equipmentAssets')
    .innerJoin('structures', 'structures.id', 'equipmentAssets.structureId')
    .leftJoin('equipmentPlaces', 'equipmentPlaces.id', 'equipmentAssets.placeId')
    .selectAll('equipmentAssets')
    .select(['structures.name as schoolName', 'structures.parentId as municipalityId', 'equipmentPlaces.name as placeName']);

export type AssetRow = NonNullable<Awaited<ReturnType<typeof findAsset>>>;

export async function findAsset(db: Db, id: string) {
  return (await assetQuery(db).where('equipmentAssets.id', '=', id).executeTakeFirst()) ?? null;
}

export async function insertAsset(db: Db, row: EquipmentAssetsTable) {
  await db.insertInto('equipmentAssets').values(row).execute();
}

export async function updateAsset(db: Db, id: string, changes: Partial<EquipmentAssetsTable>) {
  await db.updateTable('equipmentAssets').set(changes).where('id', '=', id).execute();
}

/** The asset that already has this serial number, other than `exceptId`. */
export async function serialOwner(db: Db, serialNumber: string, exceptId: string | null = null) {
  let q = db.selectFrom('equipmentAssets').select('id').where('serialNumber', '=', serialNumber);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst())?.id ?? null;
}

/** Assets of one school, or of every school the person sees (`structureId` null), filtered in SQL. */
export async function listAssets(db: Db, actor: Actor, structureId: string | null, f: AssetsFilter) {
  let q = assetQuery(db);
  q = structureId ? q.where('equipmentAssets.structureId', '=', structureId) : q.where('equipmentAssets.structureId', 'in', visibleSchoolIds(db, actor));
  if (f.schoolId) q = q.where('equipmentAssets.structureId', '=', f.schoolId);
  if (f.category) q = q.where('equipmentAssets.category', '=', f.category);
  if (f.status) q = q.where('equipmentAssets.status', '=', f.status);
  if (f.placeId) q = q.where('equipmentAssets.placeId', '=', f.placeId);
  if (f.q) {
    // Wildcards typed by the person are dropped rather than escaped: the two engines escape differently.
    const like = `%${f.q.replace(/[%_\\]/g, '')}%`;
    q = q.where((eb) =>
      eb.or(
        (['brand', 'model', 'serialNumber', 'inventoryNumber'] as const).map((c) => eb(eb.fn('lower', [`equipmentAssets.${c}`]), 'like', like.toLowerCase())),
      ),
    );
  }
  const [items, total] = await Promise.all([
    q
      .orderBy('structures.name')
      .orderBy('equipmentAssets.category')
      .orderBy('equipmentAssets.inventoryNumber')
      .orderBy('equipmentAssets.id')
      .limit(f.limit ?? 50)
      .offset(f.offset ?? 0)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** The devices a cart holds. */
export async function childrenOf(db: Db, cartId: string) {
  return assetQuery(db).where('equipmentAssets.cartId', '=', cartId).orderBy('equipmentAssets.inventoryNumber').orderBy('equipmentAssets.id').execute();
}

export async function insertEvent(db: Db, row: EquipmentEventsTable) {
  await db.insertInto('equipmentEvents').values(row).execute();
}

/** The asset's history, newest first, with who did it. */
export async function historyOf(db: Db, assetId: string) {
  return db
    .selectFrom('equipmentEvents')
    .innerJoin('people', 'people.id', 'equipmentEvents.actorId')
    .select([
      'equipmentEvents.at',
      'equipmentEvents.kind',
      'equipmentEvents.changes',
      'equipmentEvents.ticketId',
      'people.firstName',
      'people.lastName',
      'people.usageName',
    ])
    .where('equipmentEvents.assetId', '=', assetId)
    .orderBy('equipmentEvents.at', 'desc')
    .orderBy('equipmentEvents.id', 'desc')
    .execute();
}

/** Which of these serial numbers the inventory already has. */
export async function serialsTaken(db: Db, serials: string[]) {
  if (serials.length === 0) return [];
  return (await db.selectFrom('equipmentAssets').select('serialNumber').where('serialNumber', 'in', serials).execute()).map((r) => r.serialNumber!);
}

/** Every asset of a school, for the export. */
export async function allOfSchool(db: Db, structureId: string) {
  return assetQuery(db)
    .where('equipmentAssets.structureId', '=', structureId)
    .orderBy('equipmentAssets.category')
    .orderBy('equipmentAssets.inventoryNumber')
    .orderBy('equipmentAssets.id')
    .execute();
}
