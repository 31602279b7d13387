import type { Db } from '../../../kernel/db/index.js';
import type { BillingOnlineAttemptsTable, BillingOnlineSettingsTable, BillingPaymentsTable } from '../tables.js';

export async function settingsOf(db: Db, municipalityId: string) {
  return (await db.selectFrom('billingOnlineSettings').selectAll().where('municipalityId', '=', municipalityId).executeTakeFirst()) ?? null;
}

export async function saveSettings(db: Db, row: BillingOnlineSettingsTable) {
  const { municipalityId: _, ...changes } = row;
  await db
    .insertInto('billingOnlineSettings')
    .values(row)
    .onConflict((oc) => oc.column('municipalityId').doUpdateSet(changes))
    .execute();
}

/** What is left to pay on an invoice: its total less its credit notes and the payments said to settle it. */
export async function leftOn(db: Db, invoiceId: string): Promise<number> {
  const row = await db
    .selectFrom('billingInvoices')
    .select((eb) => [
      'totalCents',
      eb
        .selectFrom('billingCreditNotes')
        .select((e) => e.fn.coalesce(e.fn.sum<number>('amountCents'), e.val(0)).as('s'))
        .whereRef('billingCreditNotes.invoiceId', '=', 'billingInvoices.id')
        .as('credited'),
      eb
        .selectFrom('billingPayments')
        .select((e) => e.fn.coalesce(e.fn.sum<number>('amountCents'), e.val(0)).as('s'))
        .whereRef('billingPayments.invoiceId', '=', 'billingInvoices.id')
        .as('paid'),
    ])
    .where('id', '=', invoiceId)
    .executeTakeFirstOrThrow();
  return row.totalCents - Number(row.credited ?? 0) - Number(row.paid ?? 0);
}

export async function pendingAttempt(db: Db, invoiceId: string) {
  return (
    (await db.selectFrom('billingOnlineAttempts').selectAll().where('invoiceId', '=', invoiceId).where('status', '=', 'pending').executeTakeFirst()) ?? null
  );
}

export async function findAttempt(db: Db, id: string) {
  return (
    (await db
      .selectFrom('billingOnlineAttempts')
      .innerJoin('billingInvoices', 'billingInvoices.id', 'billingOnlineAttempts.invoiceId')
      .selectAll('billingOnlineAttempts')
      .select('billingInvoices.number as invoiceNumber')
      .where('billingOnlineAttempts.id', '=', id)
      .executeTakeFirst()) ?? null
  );
}

export async function insertAttempt(db: Db, row: BillingOnlineAttemptsTable) {
  await db.insertInto('billingOnlineAttempts').values(row).execute();
}

/** Closes a pending attempt (refused, or replaced by a newer one); false when it was no longer pending. */
export async function closeAttempt(db: Db, id: string, status: 'refused' | 'cancelled', at: string, transaction: string | null) {
  const r = await db
    .updateTable('billingOnlineAttempts')
    .set({ status, settledAt: at, transaction })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Records the provider's confirmed payment and marks the attempt paid, in one transaction: the
 * update only matches an attempt not yet paid, so a second notification (even concurrent) changes
 * nothing and its payment row is rolled back. Returns whether this call recorded the payment.
 */
export async function settlePaid(db: Db, attemptId: string, payment: BillingPaymentsTable, transaction: string): Promise<boolean> {
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('billingPayments').values(payment).execute();
      const r = await trx
        .updateTable('billingOnlineAttempts')
        .set({ status: 'paid', paymentId: payment.id, transaction, settledAt: payment.recordedAt })
        .where('id', '=', attemptId)
        .where('status', 'in', ['pending', 'cancelled'])
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new AlreadySettled();
    });
    return true;
  } catch (error) {
    if (error instanceof AlreadySettled) return false;
    throw error;
  }
}

class AlreadySettled extends Error {}
