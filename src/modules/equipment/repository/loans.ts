import type { Db } from '../../../kernel/db/index.js';
import type { EquipmentLoansTable } from '../loan-tables.js';

const loanQuery = (db: Db) =>
  db
    .selectFrom('equipmentLoans')
    .innerJoin('structures', 'structures.id', 'equipmentLoans.structureId')
    .innerJoin('equipmentAssets', 'equipmentAssets.id', 'equipmentLoans.assetId')
    .innerJoin('people as pupil', 'pupil.id', 'equipmentLoans.pupilId')
    .innerJoin('people as lender', 'lender.id', 'equipmentLoans.lenderId')
    .leftJoin('people as acknowledger', 'acknowledger.id', 'equipmentLoans.acknowledgedBy')
    .selectAll('equipmentLoans')
    .select([
      'structures.name as schoolName',
      'structures.parentId as municipalityId',
      'equipmentAssets.category as assetCategory',
      'equipmentAssets.brand as assetBrand',
      'equipmentAssets.model as assetModel',
      'equipmentAssets.inventoryNumber as assetInventoryNumber',
      'pupil.firstName as pupilFirstName',
      'pupil.lastName as pupilLastName',
      'pupil.usageName as pupilUsageName',
      'lender.firstName as lenderFirstName',
      'lender.lastName as lenderLastName',
      'lender.usageName as lenderUsageName',
      'acknowledger.firstName as ackFirstName',
      'acknowledger.lastName as ackLastName',
      'acknowledger.usageName as ackUsageName',
    ]);

export type LoanRow = NonNullable<Awaited<ReturnType<typeof findLoan>>>;

export async function findLoan(db: Db, id: string) {
  return (await loanQuery(db).where('equipmentLoans.id', '=', id).executeTakeFirst()) ?? null;
}

/** The parents linked to a pupil: they read and acknowledge the pupil's loans. */
export async function relativeIdsOf(db: Db, pupilId: string) {
  const rows = await db.selectFrom('relativeLinks').select('relativeId').where('studentId', '=', pupilId).execute();
  return rows.map((r) => r.relativeId);
}

export async function insertLoan(db: Db, row: EquipmentLoansTable) {
  await db.insertInto('equipmentLoans').values(row).execute();
}

/** Changes a loan still open (not returned); the number of rows changed says whether it was. */
export async function updateOpenLoan(db: Db, id: string, changes: Partial<EquipmentLoansTable>) {
  const res = await db.updateTable('equipmentLoans').set(changes).where('id', '=', id).where('returnedAt', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** A school's loans, open ones first by due date; `open` keeps the open ones, `overdue` those past their due date. */
export async function loansOfSchool(db: Db, structureId: string, f: { state?: 'open' | 'returned' | 'overdue'; limit: number; offset: number }, today: string) {
  let q = loanQuery(db).where('equipmentLoans.structureId', '=', structureId);
  if (f.state === 'open') q = q.where('equipmentLoans.returnedAt', 'is', null);
  if (f.state === 'returned') q = q.where('equipmentLoans.returnedAt', 'is not', null);
  if (f.state === 'overdue') q = q.where('equipmentLoans.returnedAt', 'is', null).where('equipmentLoans.dueOn', '<', today);
  const [items, total] = await Promise.all([
    q
      .orderBy((eb) => eb.case().when('equipmentLoans.returnedAt', 'is', null).then(0).else(1).end())
      .orderBy('equipmentLoans.dueOn')
      .orderBy('equipmentLoans.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** The loans of a parent's children, in SQL by the same rule as `equipment.loan.read`. */
export async function loansOfRelative(db: Db, relativeId: string) {
  return loanQuery(db)
    .where('equipmentLoans.pupilId', 'in', db.selectFrom('relativeLinks').select('studentId').where('relativeId', '=', relativeId))
    .orderBy((eb) => eb.case().when('equipmentLoans.returnedAt', 'is', null).then(0).else(1).end())
    .orderBy('equipmentLoans.dueOn', 'desc')
    .orderBy('equipmentLoans.id')
    .limit(100)
    .execute();
}

/** The school's active pupils, whom a device may be lent to. */
export async function pupilsOf(db: Db, structureId: string) {
  return db
    .selectFrom('structureMembers')
    .innerJoin('people', 'people.id', 'structureMembers.personId')
    .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName'])
    .where('structureMembers.structureId', '=', structureId)
    .where('structureMembers.active', '=', 1)
    .where('people.profile', '=', 'student')
    .orderBy('people.searchKey')
    .execute();
}

export async function isPupilOf(db: Db, structureId: string, personId: string) {
  const row = await db
    .selectFrom('structureMembers')
    .innerJoin('people', 'people.id', 'structureMembers.personId')
    .select('people.id')
    .where('structureMembers.structureId', '=', structureId)
    .where('structureMembers.personId', '=', personId)
    .where('structureMembers.active', '=', 1)
    .where('people.profile', '=', 'student')
    .executeTakeFirst();
  return !!row;
}

/** The school's devices in service that can be lent (not carts), by category. */
export async function lendableAssets(db: Db, structureId: string) {
  return db
    .selectFrom('equipmentAssets')
    .select(['id', 'category', 'brand', 'model', 'inventoryNumber'])
    .where('structureId', '=', structureId)
    .where('status', '=', 'inService')
    .where('category', '!=', 'cart')
    .orderBy('category')
    .orderBy('inventoryNumber')
    .orderBy('id')
    .limit(500)
    .execute();
}

/** Open loans due between two dates (included) whose family was not yet reminded of this due date. */
export async function loansDueSoon(db: Db, from: string, to: string) {
  return loanQuery(db)
    .where('equipmentLoans.returnedAt', 'is', null)
    .where('equipmentLoans.dueOn', '>=', from)
    .where('equipmentLoans.dueOn', '<=', to)
    .where((eb) => eb.or([eb('equipmentLoans.remindedSoonFor', 'is', null), eb('equipmentLoans.remindedSoonFor', '!=', eb.ref('equipmentLoans.dueOn'))]))
    .orderBy('equipmentLoans.id')
    .execute();
}

/** Open loans past their due date whose family and lender were not yet told for this due date. */
export async function loansOverdue(db: Db, today: string) {
  return loanQuery(db)
    .where('equipmentLoans.returnedAt', 'is', null)
    .where('equipmentLoans.dueOn', '<', today)
    .where((eb) => eb.or([eb('equipmentLoans.remindedOverdueFor', 'is', null), eb('equipmentLoans.remindedOverdueFor', '!=', eb.ref('equipmentLoans.dueOn'))]))
    .orderBy('equipmentLoans.id')
    .execute();
}

export async function markReminded(db: Db, id: string, changes: Pick<Partial<EquipmentLoansTable>, 'remindedSoonFor' | 'remindedOverdueFor'>) {
  await db.updateTable('equipmentLoans').set(changes).where('id', '=', id).execute();
}

/** The loans of an asset, newest first (its page lists them to the lenders). */
export async function loansOfAsset(db: Db, assetId: string) {
  return loanQuery(db).where('equipmentLoans.assetId', '=', assetId).orderBy('equipmentLoans.createdAt', 'desc').execute();
}
