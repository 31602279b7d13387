import type { Actor } from '../../../kernel/authz/index.js';
import { authorize } from '../../../kernel/authz/index.js';
import { isDate } from '../../../kernel/dates.js';
import { newId } from '../../../kernel/db/index.js';
import { BadRequest, Problems } from '../../../kernel/http/errors.js';
import { compareFrench } from '../../../kernel/i18n/index.js';
import { t } from '../i18n/fr.js';
import * as invoices from '../repository/invoices.js';
import * as usage from '../repository/usage.js';
import type { PaymentMethod } from '../tables.js';
import { creditNumber } from './charges.js';
import { displayName, today, type Deps } from './deps.js';
import { managedMunicipality } from './run.js';

/** What the desk records; `online` comes only from the provider's notification (service/online.ts). */
export const PAYMENT_METHODS: PaymentMethod[] = ['cash', 'cheque', 'cesu', 'card'];

type InvoiceRow = NonNullable<Awaited<ReturnType<typeof invoices.findInvoice>>>;
const summary = (r: InvoiceRow) => ({
  id: r.id,
  number: r.number,
  month: r.month,
  issuedOn: r.issuedOn,
  totalCents: r.totalCents,
  creditedCents: Number(r.creditedCents),
  family: displayName(r),
  payerId: r.payerId,
  municipalityId: r.municipalityId,
  municipalityName: r.municipalityName,
});
export type InvoiceSummary = ReturnType<typeof summary>;

/** The family's invoices and, per municipality, their balance. */
export async function familyAccount(deps: Deps, actor: Actor) {
  authorize(actor, 'billing.family.open', {});
  const rows = await invoices.invoicesOfPayer(deps.db, actor.personId);
  const towns = await usage.municipalitiesOfFamily(deps.db, actor.personId);
  const ids = [...new Set([...towns.map((m) => m.id), ...rows.map((r) => r.municipalityId)])];
  const names = new Map([...towns.map((m) => [m.id, m.name] as const), ...rows.map((r) => [r.municipalityId, r.municipalityName] as const)]);
  const balances = await Promise.all(
    ids.map(async (id) => ({ municipalityId: id, municipalityName: names.get(id)!, ...(await invoices.balanceOf(deps.db, actor.personId, id)) })),
  );
  return { invoices: rows.map(summary), balances: balances.sort((a, b) => compareFrench(a.municipalityName, b.municipalityName)) };
}

/** One invoice with its lines by child, service and day, and its credit notes. */
export async function readInvoice(deps: Deps, actor: Actor, id: string) {
  const row = await invoices.findInvoice(deps.db, id);
  authorize(actor, 'billing.account.read', row);
  const [lines, credits] = await Promise.all([invoices.linesOf(deps.db, id), invoices.creditNotesOf(deps.db, id)]);
  return {
    ...summary(row),
    lines: lines.map((l) => ({
      studentId: l.studentId,
      child: displayName(l),
      serviceId: l.serviceId,
      service: l.serviceLabel,
      day: l.day,
      kind: l.kind,
      quotient: l.quotient,
      unitCents: l.unitCents,
      surchargeCents: l.surchargeCents,
      amountCents: l.amountCents,
    })),
    creditNotes: credits.map((c) => ({ id: c.id, number: c.number, issuedOn: c.issuedOn, amountCents: c.amountCents, reason: c.reason })),
  };
}
export type InvoiceDetail = Awaited<ReturnType<typeof readInvoice>>;

/** The municipality's invoices of a month (or all), in number order. */
export async function municipalityInvoices(deps: Deps, actor: Actor, municipalityId: string, month: string | null) {
  await managedMunicipality(deps, actor, municipalityId);
  return (await invoices.invoicesOfMunicipality(deps.db, municipalityId, month)).map(summary);
}

/** The months already invoiced. */
export async function runsOf(deps: Deps, actor: Actor, municipalityId: string) {
  await managedMunicipality(deps, actor, municipalityId);
  return (await invoices.runsOf(deps.db, municipalityId)).map((r) => ({ month: r.month, runAt: r.runAt, invoiceCount: r.invoiceCount }));
}

/**
 * A credit note corrects an invoice, which is never edited: at most what is left of the invoice
 * after its earlier credit notes, with a gapless number of its own series taken in the transaction.
 */
export async function issueCreditNote(deps: Deps, actor: Actor, invoiceId: string, input: { amountCents: number; reason: string }) {
  const found = await invoices.findInvoice(deps.db, invoiceId);
  authorize(actor, 'billing.municipality.manage', found);
  const p = new Problems();
  p.check(Number.isInteger(input.amountCents) && input.amountCents > 0, 'amountCents', t('billing.error.amount'));
  p.check(input.reason.trim().length > 0, 'reason', t('billing.error.reason'));
  p.throwIfAny('billing.invalid_credit_note');
  const { day } = today(deps);
  const year = Number(day.slice(0, 4));
  return deps.db.transaction().execute(async (trx) => {
    const invoice = (await invoices.lockInvoice(trx, invoiceId, deps.dbKind === 'postgres'))!;
    const left = invoice.totalCents - (await invoices.creditedTotal(trx, invoiceId));
    if (input.amountCents > left)
      throw new BadRequest('billing.credit_exceeds_invoice', t('billing.error.creditExceeds'), { field: 'amountCents', leftCents: left });
    const n = await invoices.takeNumbers(trx, found.municipalityId, 'credit', year, 1);
    const row = {
      id: newId(),
      municipalityId: found.municipalityId,
      invoiceId,
      payerId: found.payerId,
      number: creditNumber(year, n),
      year,
      sequence: n,
      issuedOn: day,
      amountCents: input.amountCents,
      reason: input.reason.trim(),
      issuedBy: actor.personId,
      createdAt: deps.clock.now().toISOString(),
    };
    await invoices.insertCreditNote(trx, row);
    return { id: row.id, number: row.number, invoiceId, issuedOn: day, amountCents: row.amountCents, reason: row.reason };
  });
}

export interface PaymentInput {
  payerId: string;
  amountCents: number;
  method: string;
  reference?: string;
  receivedOn?: string;
  invoiceId?: string;
}

/** A payment received at the desk, for a family the municipality has invoiced. */
export async function recordPayment(deps: Deps, actor: Actor, municipalityId: string, input: PaymentInput) {
  await managedMunicipality(deps, actor, municipalityId);
  const { day } = today(deps);
  const receivedOn = input.receivedOn || day;
  const p = new Problems();
  p.check(Number.isInteger(input.amountCents) && input.amountCents > 0 && input.amountCents <= 10_000_000, 'amountCents', t('billing.error.amount'));
  p.check(PAYMENT_METHODS.includes(input.method as PaymentMethod), 'method', t('billing.error.method'));
  p.check(isDate(receivedOn) && receivedOn <= day, 'receivedOn', t('billing.error.date'));
  p.check(input.method !== 'cheque' || !!input.reference?.trim(), 'reference', t('billing.error.chequeNumber'));
  p.throwIfAny('billing.invalid_payment');
  if (!(await invoices.isPayerOf(deps.db, input.payerId, municipalityId)))
    throw new BadRequest('billing.unknown_family', t('billing.error.family'), { field: 'payerId' });
  if (input.invoiceId) {
    const inv = await invoices.findInvoice(deps.db, input.invoiceId);
    if (!inv || inv.payerId !== input.payerId || inv.municipalityId !== municipalityId)
      throw new BadRequest('billing.unknown_invoice', t('billing.error.invoice'), { field: 'invoiceId' });
  }
  const row = {
    id: newId(),
    municipalityId,
    payerId: input.payerId,
    invoiceId: input.invoiceId || null,
    amountCents: input.amountCents,
    method: input.method as PaymentMethod,
    reference: input.reference?.trim() ?? '',
    receivedOn,
    recordedBy: actor.personId,
    recordedAt: deps.clock.now().toISOString(),
  };
  await invoices.insertPayment(deps.db, row);
  return {
    id: row.id,
    payerId: row.payerId,
    invoiceId: row.invoiceId,
    amountCents: row.amountCents,
    method: row.method,
    reference: row.reference,
    receivedOn,
    balance: await invoices.balanceOf(deps.db, input.payerId, municipalityId),
  };
}

/** A family's balance towards the municipality, for its agents. */
export async function familyBalance(deps: Deps, actor: Actor, municipalityId: string, payerId: string) {
  await managedMunicipality(deps, actor, municipalityId);
  if (!(await invoices.isPayerOf(deps.db, payerId, municipalityId)))
    throw new BadRequest('billing.unknown_family', t('billing.error.family'), { field: 'payerId' });
  return invoices.balanceOf(deps.db, payerId, municipalityId);
}

/** The columns of the accountant's export, in order (docs/billing.md describes each). */
export const LEDGER_COLUMNS = [
  'type',
  'numero',
  'date',
  'famille',
  'identifiant_famille',
  'montant',
  'mode_paiement',
  'reference',
  'facture_liee',
  'periode',
  'motif',
];

/** Payment methods as the export writes them. */
const METHOD_CODES: Record<PaymentMethod, string> = { cash: 'especes', cheque: 'cheque', cesu: 'cesu', card: 'carte_bancaire', online: 'paiement_en_ligne' };

const euros = (cents: number) => `${Math.trunc(cents / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`;

/** Every invoice, credit note and payment of [from, to], by date then number, as rows of the export. */
export async function ledgerRows(deps: Deps, actor: Actor, municipalityId: string, from: string, to: string) {
  await managedMunicipality(deps, actor, municipalityId);
  if (!isDate(from) || !isDate(to) || to < from) throw new BadRequest('billing.invalid_period', t('billing.error.period'));
  const l = await invoices.ledger(deps.db, municipalityId, from, to);
  const rows: { on: string; order: string; cells: string[] }[] = [
    ...l.invoices.map((r) => ({
      on: r.on,
      order: `1${r.number}`,
      cells: ['facture', r.number, r.on, displayName(r), r.payerId, euros(r.cents), '', '', '', r.month, ''],
    })),
    ...l.credits.map((r) => ({
      on: r.on,
      order: `2${r.number}`,
      cells: ['avoir', r.number, r.on, displayName(r), r.payerId, euros(r.cents), '', '', r.invoiceNumber, '', r.reason],
    })),
    ...l.payments.map((r) => ({
      on: r.on,
      order: `3${r.id}`,
      cells: ['paiement', r.id, r.on, displayName(r), r.payerId, euros(r.cents), METHOD_CODES[r.method], r.reference, r.invoiceNumber ?? '', '', ''],
    })),
  ];
  rows.sort((a, b) => a.on.localeCompare(b.on) || a.order.localeCompare(b.order));
  return [LEDGER_COLUMNS, ...rows.map((r) => r.cells)];
}
