import { sql } from 'kysely';
import type { Db } from '../../../kernel/db/index.js';
import type { AssetCategory } from '../tables.js';

/**
 * The assets in service of some schools, counted per school, category and year of purchase,
 * with their known prices: the renewal plan is computed from these few rows, never per asset.
 */
export async function purchaseYears(db: Db, schoolIds: string[]) {
  if (schoolIds.length === 0) return [];
  const rows = await db
    .selectFrom('equipmentAssets')
    .select([
      'structureId',
      'category',
      sql<string | null>`substr(purchase_date, 1, 4)`.as('year'),
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.count<number>('priceCents').as('priced'),
      (eb) => eb.fn.sum<number>('priceCents').as('cents'),
    ])
    .where('structureId', 'in', schoolIds)
    .where('status', '!=', 'retired')
    // A cart's devices are renewed with their own ages; the cart itself is furniture.
    .where('category', '!=', 'cart')
    .groupBy(['structureId', 'category', sql`substr(purchase_date, 1, 4)`])
    .execute();
  return rows.map((r) => ({
    structureId: r.structureId,
    category: r.category as AssetCategory,
    year: r.year === null ? null : Number(r.year),
    n: Number(r.n),
    priced: Number(r.priced),
    cents: Number(r.cents ?? 0),
  }));
}

/** Assets of these schools with at least `min` faults reported since `since` (rejected reports aside). */
export async function repeatedFaults(db: Db, schoolIds: string[], since: string, min: number) {
  if (schoolIds.length === 0) return [];
  return db
    .selectFrom('equipmentTickets')
    .innerJoin('equipmentAssets', 'equipmentAssets.id', 'equipmentTickets.assetId')
    .select([
      'equipmentAssets.id',
      'equipmentAssets.structureId',
      'equipmentAssets.category',
      'equipmentAssets.brand',
      'equipmentAssets.model',
      'equipmentAssets.inventoryNumber',
      'equipmentAssets.priceCents',
      (eb) => eb.fn.countAll<number>().as('faults'),
    ])
    .where('equipmentAssets.structureId', 'in', schoolIds)
    .where('equipmentAssets.status', '!=', 'retired')
    .where('equipmentTickets.createdAt', '>=', since)
    .where('equipmentTickets.status', '!=', 'rejected')
    .groupBy([
      'equipmentAssets.id',
      'equipmentAssets.structureId',
      'equipmentAssets.category',
      'equipmentAssets.brand',
      'equipmentAssets.model',
      'equipmentAssets.inventoryNumber',
      'equipmentAssets.priceCents',
    ])
    .having((eb) => eb.fn.countAll(), '>=', min)
    .orderBy('faults', 'desc')
    .orderBy('equipmentAssets.inventoryNumber')
    .orderBy('equipmentAssets.id')
    .execute();
}

/** Faults reported on one asset since a date. */
export async function faultsSince(db: Db, assetId: string, since: string) {
  const row = await db
    .selectFrom('equipmentTickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('assetId', '=', assetId)
    .where('createdAt', '>=', since)
    .where('status', '!=', 'rejected')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Assets whose warranty ends between `from` and `to` and of which the municipality's technician
 * has not yet been told for this end date, with the municipality owning their school.
 */
export async function warrantiesEnding(db: Db, from: string, to: string) {
  return db
    .selectFrom('equipmentAssets')
    .innerJoin('structures', 'structures.id', 'equipmentAssets.structureId')
    .select(['equipmentAssets.id', 'equipmentAssets.warrantyEnd', 'structures.parentId as municipalityId'])
    .where('equipmentAssets.status', '!=', 'retired')
    .where('equipmentAssets.warrantyEnd', '>=', from)
    .where('equipmentAssets.warrantyEnd', '<=', to)
    .where('structures.parentId', 'is not', null)
    .where((eb) =>
      eb.or([eb('equipmentAssets.warrantyAlertedFor', 'is', null), eb('equipmentAssets.warrantyAlertedFor', '!=', eb.ref('equipmentAssets.warrantyEnd'))]),
    )
    .execute();
}

export async function markWarrantyAlerted(db: Db, ids: string[]) {
  for (let i = 0; i < ids.length; i += 500)
    await db
      .updateTable('equipmentAssets')
      .set((eb) => ({ warrantyAlertedFor: eb.ref('warrantyEnd') }))
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
}
