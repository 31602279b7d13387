import { sql } from 'kysely';
import type { Db } from '../../../kernel/db/index.js';
import type { BillingCreditNotesTable, BillingInvoiceLinesTable, BillingInvoicesTable, BillingPaymentsTable, BillingRunsTable } from '../tables.js';

const CHUNK = 500;

/** Inserts the month's run, or nothing when the month already has one (the unique pair municipality × month). */
export async function claimRun(db: Db, row: BillingRunsTable): Promise<boolean> {
  const r = await db
    .insertInto('billingRuns')
    .values(row)
    .onConflict((oc) => oc.columns(['municipalityId', 'month']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findRun(db: Db, municipalityId: string, month: string) {
  return (await db.selectFrom('billingRuns').selectAll().where('municipalityId', '=', municipalityId).where('month', '=', month).executeTakeFirst()) ?? null;
}

export async function setRunCount(db: Db, id: string, invoiceCount: number) {
  await db.updateTable('billingRuns').set({ invoiceCount }).where('id', '=', id).execute();
}

export async function runsOf(db: Db, municipalityId: string) {
  return db.selectFrom('billingRuns').selectAll().where('municipalityId', '=', municipalityId).orderBy('month', 'desc').execute();
}

/**
 * Takes `n` numbers of a series, in the caller's transaction: the sequence row is locked by the
 * update until the transaction ends, so concurrent runs queue and a rollback gives the numbers back.
 * Returns the first number taken.
 */
export async function takeNumbers(db: Db, municipalityId: string, series: 'invoice' | 'credit', year: number, n: number): Promise<number> {
  await db
    .insertInto('billingSequences')
    .values({ municipalityId, series, year, lastNumber: 0 })
    .onConflict((oc) => oc.columns(['municipalityId', 'series', 'year']).doNothing())
    .execute();
  const row = await db
    .updateTable('billingSequences')
    .set((eb) => ({ lastNumber: eb('lastNumber', '+', n) }))
    .where('municipalityId', '=', municipalityId)
    .where('series', '=', series)
    .where('year', '=', year)
    .returning('lastNumber')
    .executeTakeFirstOrThrow();
  return row.lastNumber - n + 1;
}

export async function insertInvoices(db: Db, invoices: BillingInvoicesTable[], lines: BillingInvoiceLinesTable[]) {
  for (let i = 0; i < invoices.length; i += CHUNK)
    await db
      .insertInto('billingInvoices')
      .values(invoices.slice(i, i + CHUNK))
      .execute();
  for (let i = 0; i < lines.length; i += CHUNK)
    await db
      .insertInto('billingInvoiceLines')
      .values(lines.slice(i, i + CHUNK))
      .execute();
}

const invoiceColumns = [
  'billingInvoices.id',
  'billingInvoices.municipalityId',
  'billingInvoices.number',
  'billingInvoices.payerId',
  'billingInvoices.month',
  'billingInvoices.issuedOn',
  'billingInvoices.totalCents',
  'people.firstName',
  'people.lastName',
  'people.usageName',
  'structures.name as municipalityName',
] as const;

function invoicesQuery(db: Db) {
  return db
    .selectFrom('billingInvoices')
    .innerJoin('people', 'people.id', 'billingInvoices.payerId')
    .innerJoin('structures', 'structures.id', 'billingInvoices.municipalityId')
    .select(invoiceColumns)
    .select((eb) =>
      eb
        .selectFrom('billingCreditNotes')
        .select(sql<number>`coalesce(sum(billing_credit_notes.amount_cents), 0)`.as('c'))
        .whereRef('billingCreditNotes.invoiceId', '=', 'billingInvoices.id')
        .as('creditedCents'),
    );
}

/** The invoices addressed to a parent, newest first. */
export async function invoicesOfPayer(db: Db, payerId: string) {
  return invoicesQuery(db)
    .where('billingInvoices.payerId', '=', payerId)
    .orderBy('billingInvoices.issuedOn', 'desc')
    .orderBy('billingInvoices.sequence', 'desc')
    .execute();
}

/** A municipality's invoices (of a month, or all), in number order. */
export async function invoicesOfMunicipality(db: Db, municipalityId: string, month: string | null) {
  let q = invoicesQuery(db).where('billingInvoices.municipalityId', '=', municipalityId);
  if (month) q = q.where('billingInvoices.month', '=', month);
  return q.orderBy('billingInvoices.year').orderBy('billingInvoices.sequence').execute();
}

export async function findInvoice(db: Db, id: string) {
  return (await invoicesQuery(db).where('billingInvoices.id', '=', id).executeTakeFirst()) ?? null;
}

/** An invoice's lines with the child's and the service's names, by child, service and day. */
export async function linesOf(db: Db, invoiceId: string) {
  return db
    .selectFrom('billingInvoiceLines')
    .innerJoin('people', 'people.id', 'billingInvoiceLines.studentId')
    .innerJoin('canteenServices', 'canteenServices.id', 'billingInvoiceLines.serviceId')
    .select([
      'billingInvoiceLines.studentId',
      'billingInvoiceLines.serviceId',
      'billingInvoiceLines.day',
      'billingInvoiceLines.kind',
      'billingInvoiceLines.quotient',
      'billingInvoiceLines.unitCents',
      'billingInvoiceLines.surchargeCents',
      'billingInvoiceLines.amountCents',
      'people.firstName',
      'people.lastName',
      'people.usageName',
      'people.searchKey',
      'canteenServices.label as serviceLabel',
    ])
    .where('billingInvoiceLines.invoiceId', '=', invoiceId)
    .orderBy('people.searchKey')
    .orderBy('canteenServices.label')
    .orderBy('billingInvoiceLines.day')
    .execute();
}

export async function insertCreditNote(db: Db, row: BillingCreditNotesTable) {
  await db.insertInto('billingCreditNotes').values(row).execute();
}

export async function creditNotesOf(db: Db, invoiceId: string) {
  return db.selectFrom('billingCreditNotes').selectAll().where('invoiceId', '=', invoiceId).orderBy('sequence').execute();
}

/** Locks the invoice row (PostgreSQL) so that two credit notes cannot together exceed it. */
export async function lockInvoice(db: Db, id: string, postgres: boolean) {
  let q = db.selectFrom('billingInvoices').select(['id', 'totalCents']).where('id', '=', id);
  if (postgres) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function creditedTotal(db: Db, invoiceId: string): Promise<number> {
  const row = await db
    .selectFrom('billingCreditNotes')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amountCents'), sql<number>`0`).as('c'))
    .where('invoiceId', '=', invoiceId)
    .executeTakeFirstOrThrow();
  return Number(row.c);
}

export async function insertPayment(db: Db, row: BillingPaymentsTable) {
  await db.insertInto('billingPayments').values(row).execute();
}

export async function paymentsOfPayer(db: Db, payerId: string, municipalityId: string | null) {
  let q = db.selectFrom('billingPayments').selectAll().where('payerId', '=', payerId);
  if (municipalityId) q = q.where('municipalityId', '=', municipalityId);
  return q.orderBy('receivedOn', 'desc').orderBy('recordedAt', 'desc').execute();
}

/** Whether the parent has an invoice from the municipality (payments are recorded for invoiced families only). */
export async function isPayerOf(db: Db, payerId: string, municipalityId: string): Promise<boolean> {
  return !!(await db.selectFrom('billingInvoices').select('id').where('payerId', '=', payerId).where('municipalityId', '=', municipalityId).executeTakeFirst());
}

const sumOf = async (
  db: Db,
  table: 'billingInvoices' | 'billingCreditNotes' | 'billingPayments',
  column: 'totalCents' | 'amountCents',
  payerId: string,
  municipalityId: string,
) => {
  const row = await db
    .selectFrom(table)
    .select(sql<number>`coalesce(sum(${sql.ref(column)}), 0)`.as('s'))
    .where('payerId', '=', payerId)
    .where('municipalityId', '=', municipalityId)
    .executeTakeFirstOrThrow();
  return Number(row.s);
};

/** Invoices − credit notes − payments of a family towards a municipality, in cents (positive: owed). */
export async function balanceOf(db: Db, payerId: string, municipalityId: string) {
  const [invoiced, credited, paid] = await Promise.all([
    sumOf(db, 'billingInvoices', 'totalCents', payerId, municipalityId),
    sumOf(db, 'billingCreditNotes', 'amountCents', payerId, municipalityId),
    sumOf(db, 'billingPayments', 'amountCents', payerId, municipalityId),
  ]);
  return { invoicedCents: invoiced, creditedCents: credited, paidCents: paid, balanceCents: invoiced - credited - paid };
}

/** Every invoice, credit note and payment of a municipality in [from, to], for the accountant's export. */
export async function ledger(db: Db, municipalityId: string, from: string, to: string) {
  const person = ['people.firstName', 'people.lastName', 'people.usageName'] as const;
  const invoices = await db
    .selectFrom('billingInvoices')
    .innerJoin('people', 'people.id', 'billingInvoices.payerId')
    .select([
      'billingInvoices.number',
      'billingInvoices.issuedOn as on',
      'billingInvoices.payerId',
      'billingInvoices.totalCents as cents',
      'billingInvoices.month',
      ...person,
    ])
    .where('billingInvoices.municipalityId', '=', municipalityId)
    .where('billingInvoices.issuedOn', '>=', from)
    .where('billingInvoices.issuedOn', '<=', to)
    .execute();
  const credits = await db
    .selectFrom('billingCreditNotes')
    .innerJoin('people', 'people.id', 'billingCreditNotes.payerId')
    .innerJoin('billingInvoices', 'billingInvoices.id', 'billingCreditNotes.invoiceId')
    .select([
      'billingCreditNotes.number',
      'billingCreditNotes.issuedOn as on',
      'billingCreditNotes.payerId',
      'billingCreditNotes.amountCents as cents',
      'billingCreditNotes.reason',
      'billingInvoices.number as invoiceNumber',
      ...person,
    ])
    .where('billingCreditNotes.municipalityId', '=', municipalityId)
    .where('billingCreditNotes.issuedOn', '>=', from)
    .where('billingCreditNotes.issuedOn', '<=', to)
    .execute();
  const payments = await db
    .selectFrom('billingPayments')
    .innerJoin('people', 'people.id', 'billingPayments.payerId')
    .leftJoin('billingInvoices', 'billingInvoices.id', 'billingPayments.invoiceId')
    .select([
      'billingPayments.id',
      'billingPayments.receivedOn as on',
      'billingPayments.payerId',
      'billingPayments.amountCents as cents',
      'billingPayments.method',
      'billingPayments.reference',
      'billingInvoices.number as invoiceNumber',
      ...person,
    ])
    .where('billingPayments.municipalityId', '=', municipalityId)
    .where('billingPayments.receivedOn', '>=', from)
    .where('billingPayments.receivedOn', '<=', to)
    .execute();
  return { invoices, credits, payments };
}
