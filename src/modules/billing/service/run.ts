import type { Actor } from '../../../kernel/authz/index.js';
import { authorize } from '../../../kernel/authz/index.js';
import { MONTH } from '../../../kernel/dates.js';
import { newId } from '../../../kernel/db/index.js';
import { BadRequest } from '../../../kernel/http/errors.js';
import { t } from '../i18n/fr.js';
import * as invoices from '../repository/invoices.js';
import * as tariffs from '../repository/tariffs.js';
import * as usage from '../repository/usage.js';
import type { Bracket, BillingInvoiceLinesTable, BillingInvoicesTable } from '../tables.js';
import { billableDays, invoiceNumber, payerOf, priceFor, quotientOn } from './charges.js';
import { monthBounds, today, type Deps } from './deps.js';

export interface RunResult {
  month: string;
  /** False when the month had already been invoiced: nothing was changed. */
  created: boolean;
  invoiceCount: number;
  /** First and last numbers given by this run, when it gave any. */
  firstNumber: string | null;
  lastNumber: string | null;
}

/** The municipality an agent acts on, authorized. */
export async function managedMunicipality(deps: Deps, actor: Actor, municipalityId: string) {
  const m = await usage.findMunicipality(deps.db, municipalityId);
  authorize(actor, 'billing.municipality.manage', m ? { municipalityId: m.id } : null);
  return m!;
}

/**
 * Invoices a finished month for every family of the municipality, in one transaction: the run's
 * row (unique per municipality and month) makes a second run a no-op, the numbers are taken from
 * the locked sequence row, so they have no gap and no duplicate even when two runs race.
 * Synchronous: a municipality's month is a few thousand lines, computed in well under a second.
 */
export async function runMonth(deps: Deps, actor: Actor, municipalityId: string, month: string): Promise<RunResult> {
  await managedMunicipality(deps, actor, municipalityId);
  if (!MONTH.test(month)) throw new BadRequest('billing.invalid_month', t('billing.error.month'), { field: 'month' });
  const { day: issuedOn } = today(deps);
  const { first, last } = monthBounds(month);
  if (last >= issuedOn) throw new BadRequest('billing.month_not_over', t('billing.error.monthNotOver'), { field: 'month' });
  const year = Number(issuedOn.slice(0, 4));
  const now = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const runId = newId();
    const claimed = await invoices.claimRun(trx, { id: runId, municipalityId, month, runBy: actor.personId, runAt: now, invoiceCount: 0 });
    if (!claimed) {
      const run = (await invoices.findRun(trx, municipalityId, month))!;
      return { month, created: false, invoiceCount: run.invoiceCount, firstNumber: null, lastNumber: null };
    }
    const [booked, attendance, justified, closures, tariffRows, validated] = await Promise.all([
      usage.bookedDays(trx, municipalityId, first, last),
      usage.attendanceDays(trx, municipalityId, first, last),
      tariffs.justificationsIn(trx, municipalityId, first, last),
      usage.closures(trx, municipalityId, first, last),
      tariffs.tariffsOf(trx, municipalityId),
      tariffs.validatedQuotients(trx, municipalityId, last),
    ]);
    const charges = billableDays({ booked, attendance, justified, closures });
    const tariffOf = new Map(tariffRows.map((r) => [r.serviceId, { brackets: JSON.parse(r.brackets) as Bracket[], surcharge: r.walkInSurchargeCents }]));
    const untariffed = [...new Set(charges.map((c) => c.serviceId).filter((id) => !tariffOf.has(id)))];
    if (untariffed.length > 0) throw new BadRequest('billing.missing_tariff', t('billing.error.missingTariff', untariffed.length), { services: untariffed });

    const parents = await usage.parentsOf(trx, [...new Set(charges.map((c) => c.studentId))]);
    const byChild = new Map<string, typeof parents>();
    for (const p of parents) byChild.set(p.studentId, [...(byChild.get(p.studentId) ?? []), p]);
    const quotientsOf = new Map<string, { quotient: number; validFrom: string | null }[]>();
    for (const v of validated) quotientsOf.set(v.relativeId, [...(quotientsOf.get(v.relativeId) ?? []), v]);

    const families = new Map<string, BillingInvoiceLinesTable[]>();
    for (const c of charges) {
      const payerId = payerOf(byChild.get(c.studentId) ?? []);
      // A child without any parent on file has nobody to invoice; the agent sees them on the run page.
      if (!payerId) continue;
      const tariff = tariffOf.get(c.serviceId)!;
      const quotient = quotientOn(quotientsOf.get(payerId) ?? [], c.day);
      const unit = priceFor(tariff.brackets, quotient);
      const surcharge = c.kind === 'walkIn' ? tariff.surcharge : 0;
      const line = { id: newId(), invoiceId: '', ...c, quotient, unitCents: unit, surchargeCents: surcharge, amountCents: unit + surcharge };
      families.set(payerId, [...(families.get(payerId) ?? []), line]);
    }
    // Numbers follow the families' order by id so that a run is reproducible.
    const payers = [...families.keys()].sort();
    if (payers.length === 0) return { month, created: true, invoiceCount: 0, firstNumber: null, lastNumber: null };
    const start = await invoices.takeNumbers(trx, municipalityId, 'invoice', year, payers.length);
    const rows: BillingInvoicesTable[] = [];
    const lines: BillingInvoiceLinesTable[] = [];
    payers.forEach((payerId, i) => {
      const id = newId();
      const own = families.get(payerId)!;
      rows.push({
        id,
        municipalityId,
        runId,
        number: invoiceNumber(year, start + i),
        year,
        sequence: start + i,
        payerId,
        month,
        issuedOn,
        totalCents: own.reduce((s, l) => s + l.amountCents, 0),
        createdAt: now,
      });
      for (const l of own) lines.push({ ...l, invoiceId: id });
    });
    await invoices.insertInvoices(trx, rows, lines);
    await invoices.setRunCount(trx, runId, rows.length);
    return { month, created: true, invoiceCount: rows.length, firstNumber: rows[0]!.number, lastNumber: rows[rows.length - 1]!.number };
  });
}
