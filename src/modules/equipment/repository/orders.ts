import { sql } from 'kysely';
import type { Db } from '../../../kernel/db/index.js';
import type { EquipmentNeedNotesTable, EquipmentOrderLinesTable, EquipmentOrdersTable } from '../project-tables.js';
import type { EquipmentAssetsTable, EquipmentEventsTable } from '../tables.js';

export async function budgetCents(db: Db, municipalityId: string, year: number) {
  const row = await db
    .selectFrom('equipmentBudgets')
    .select('amountCents')
    .where('municipalityId', '=', municipalityId)
    .where('year', '=', year)
    .executeTakeFirst();
  return row?.amountCents ?? null;
}

export async function setBudget(db: Db, municipalityId: string, year: number, amountCents: number, personId: string, at: string) {
  const values = { amountCents, updatedBy: personId, updatedAt: at };
  await db
    .insertInto('equipmentBudgets')
    .values({ municipalityId, year, ...values })
    .onConflict((oc) => oc.columns(['municipalityId', 'year']).doUpdateSet(values))
    .execute();
}

/** Euro cents committed on the year's budget: the approved orders, delivered or not. */
export async function committedCents(db: Db, municipalityId: string, year: number) {
  const row = await db
    .selectFrom('equipmentOrders')
    .select(sql<number>`coalesce(sum(total_cents), 0)`.as('n'))
    .where('municipalityId', '=', municipalityId)
    .where('year', '=', year)
    .where('status', 'in', ['approved', 'delivered'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The next order number of the municipality's year: 2027-001, 2027-002… */
export async function nextNumber(db: Db, municipalityId: string, year: number) {
  const row = await db
    .selectFrom('equipmentOrders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('municipalityId', '=', municipalityId)
    .where('year', '=', year)
    .executeTakeFirstOrThrow();
  return `${year}-${String(Number(row.n) + 1).padStart(3, '0')}`;
}

/** The order, its lines, and its needs marked ordered, in one transaction. */
export async function insertOrder(db: Db, order: EquipmentOrdersTable, lines: EquipmentOrderLinesTable[], notes: EquipmentNeedNotesTable[]) {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('equipmentOrders').values(order).execute();
    await trx.insertInto('equipmentOrderLines').values(lines).execute();
    const needIds = lines.map((l) => l.needId).filter((id): id is string => !!id);
    if (needIds.length > 0) await trx.updateTable('equipmentNeeds').set({ status: 'ordered', updatedAt: order.createdAt }).where('id', 'in', needIds).execute();
    if (notes.length > 0) await trx.insertInto('equipmentNeedNotes').values(notes).execute();
  });
}

/** An order with its school's municipality, or null. */
export async function findOrder(db: Db, id: string) {
  return (await db.selectFrom('equipmentOrders').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/**
 * Approves a draft when the budget still covers it, the check and the change in one transaction.
 * False when it no longer fits or is no longer a draft.
 */
export async function approve(db: Db, order: EquipmentOrdersTable, budget: number, personId: string, at: string) {
  return db.transaction().execute(async (trx) => {
    const committed = await committedCents(trx, order.municipalityId, order.year);
    if (committed + order.totalCents > budget) return false;
    const res = await trx
      .updateTable('equipmentOrders')
      .set({ status: 'approved', approvedBy: personId, approvedAt: at })
      .where('id', '=', order.id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  });
}

export async function linesOf(db: Db, orderIds: string[]) {
  if (orderIds.length === 0) return [];
  return db
    .selectFrom('equipmentOrderLines')
    .leftJoin('equipmentPlaces', 'equipmentPlaces.id', 'equipmentOrderLines.placeId')
    .selectAll('equipmentOrderLines')
    .select('equipmentPlaces.name as placeName')
    .where('orderId', 'in', orderIds)
    .orderBy('equipmentOrderLines.id')
    .execute();
}

export async function ordersOf(db: Db, structureId: string) {
  return db
    .selectFrom('equipmentOrders')
    .leftJoin('people', 'people.id', 'equipmentOrders.approvedBy')
    .selectAll('equipmentOrders')
    .select(['people.firstName', 'people.lastName', 'people.usageName'])
    .where('structureId', '=', structureId)
    .orderBy('equipmentOrders.createdAt', 'desc')
    .execute();
}

/** A line delivered: its devices enter the inventory with their history, the order is delivered with its last line. */
export async function deliver(
  db: Db,
  line: EquipmentOrderLinesTable,
  assets: EquipmentAssetsTable[],
  events: EquipmentEventsTable[],
  personId: string,
  at: string,
) {
  return db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('equipmentOrderLines')
      .set({ deliveredAt: at, deliveredBy: personId })
      .where('id', '=', line.id)
      .where('deliveredAt', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    await trx.insertInto('equipmentAssets').values(assets).execute();
    await trx.insertInto('equipmentEvents').values(events).execute();
    const left = await trx
      .selectFrom('equipmentOrderLines')
      .select('id')
      .where('orderId', '=', line.orderId)
      .where('deliveredAt', 'is', null)
      .executeTakeFirst();
    if (!left) await trx.updateTable('equipmentOrders').set({ status: 'delivered' }).where('id', '=', line.orderId).execute();
    return true;
  });
}
