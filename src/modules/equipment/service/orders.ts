// Step 3 of the yearly project, the décision d'acquisition: a budget per municipality and year,
// purchase orders drawn up from the approved needs and approved by an elected official.
import { authorize, can, type Actor } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { Problems } from '../../../kernel/http/errors.js';
import { compareFrench } from '../../../kernel/i18n/index.js';
import { displayName, schoolYearOf } from '../../directory/index.js';
import { t } from '../i18n/fr.js';
import type { EquipmentOrderLinesTable } from '../project-tables.js';
import * as installations from '../repository/installations.js';
import * as needs from '../repository/needs.js';
import * as orders from '../repository/orders.js';
import * as places from '../repository/places.js';
import * as review from '../repository/review.js';
import { budgetYear, toCents, toEuros } from '../rules.js';
import type { OrderInput } from '../schema-project.js';
import type { Deps } from './deps.js';
import { municipalityFacts } from './review.js';

const figures = async (deps: Deps, municipalityId: string, year: number) => {
  const [amount, committed] = await Promise.all([orders.budgetCents(deps.db, municipalityId, year), orders.committedCents(deps.db, municipalityId, year)]);
  const cents = amount ?? 0;
  return { year, amountCents: cents, committedCents: committed, leftCents: cents - committed };
};
const inEuros = (f: Awaited<ReturnType<typeof figures>>) => ({
  year: f.year,
  amount: toEuros(f.amountCents)!,
  committed: toEuros(f.committedCents)!,
  left: toEuros(f.leftCents)!,
});

/** A year's budget, what approved orders committed and what is left: the municipality's agents. */
export async function budgetOf(deps: Deps, actor: Actor, municipalityId: string, year = budgetYear(deps.clock.now())) {
  const facts = await municipalityFacts(deps, municipalityId);
  authorize(actor, 'equipment.budget.read', facts);
  return inEuros(await figures(deps, municipalityId, year));
}

/** The elected official sets the year's budget; never below what is already committed. */
export async function setBudget(deps: Deps, actor: Actor, municipalityId: string, year: number, amount: number) {
  const facts = await municipalityFacts(deps, municipalityId);
  authorize(actor, 'equipment.budget.set', facts);
  const f = await figures(deps, municipalityId, year);
  const cents = toCents(amount);
  const problems = new Problems();
  problems.check(Number.isFinite(amount) && cents >= 0, 'amount', t('equipment.error.amount'));
  problems.check(cents >= f.committedCents, 'amount', t('equipment.error.belowCommitted', toEuros(f.committedCents)!));
  problems.throwIfAny();
  await orders.setBudget(deps.db, municipalityId, year, cents, actor.personId, deps.clock.now().toISOString());
}

async function orderFacts(deps: Deps, orderId: string) {
  const order = await orders.findOrder(deps.db, orderId);
  if (!order) return null;
  const school = await places.schoolFacts(deps.db, order.structureId);
  return school ? { order, ...school, officialIds: await review.officialIds(deps.db, order.municipalityId) } : null;
}

/**
 * A purchase order from approved needs of the school's year (at most the granted quantity of
 * each), by the municipality's agents; refused by name when its total is more than the budget left.
 */
export async function createOrder(deps: Deps, actor: Actor, structureId: string, input: OrderInput) {
  const facts = await places.schoolFacts(deps.db, structureId);
  authorize(actor, 'equipment.order.create', facts);
  const now = deps.clock.now();
  const open = new Map((await needs.needsOf(deps.db, structureId, schoolYearOf(now))).map((n) => [n.id, n]));
  const problems = new Problems();
  problems.check(input.lines.length > 0, 'lines', t('equipment.error.lines'));
  const seen = new Set<string>();
  input.lines.forEach((l, i) => {
    const need = open.get(l.needId);
    if (!need || seen.has(l.needId) || (need.status !== 'approved' && need.status !== 'modified'))
      return problems.add(`lines.${i}.needId`, t('equipment.error.needNotApproved'));
    seen.add(l.needId);
    problems.check(
      Number.isInteger(l.quantity) && l.quantity >= 1 && l.quantity <= (need.grantedQuantity ?? 0),
      `lines.${i}.quantity`,
      t('equipment.error.lineQuantity', need.grantedQuantity ?? 0),
    );
    problems.check(Number.isFinite(l.unitPrice) && toCents(l.unitPrice) > 0, `lines.${i}.unitPrice`, t('equipment.error.unitPrice'));
    problems.check(l.supplier.trim().length > 0, `lines.${i}.supplier`, t('equipment.error.supplier'));
  });
  problems.throwIfAny();
  const municipalityId = facts.municipalityId!;
  const year = budgetYear(now);
  const total = input.lines.reduce((n, l) => n + l.quantity * toCents(l.unitPrice), 0);
  const budget = await figures(deps, municipalityId, year);
  if (total > budget.leftCents)
    new Problems().add('lines', t('equipment.error.overBudget', toEuros(total)!, toEuros(budget.leftCents)!)).throwIfAny('equipment.order.over_budget');
  const at = now.toISOString();
  const id = newId();
  const lines: EquipmentOrderLinesTable[] = input.lines.map((l) => {
    const need = open.get(l.needId)!;
    return {
      id: newId(),
      orderId: id,
      needId: need.id,
      category: need.category,
      quantity: l.quantity,
      unitPriceCents: toCents(l.unitPrice),
      supplier: l.supplier.trim(),
      placeId: need.placeId,
      deliveredAt: null,
      deliveredBy: null,
    };
  });
  const number = await orders.nextNumber(deps.db, municipalityId, year);
  await orders.insertOrder(
    deps.db,
    {
      id,
      municipalityId,
      structureId,
      year,
      number,
      status: 'draft',
      totalCents: total,
      createdBy: actor.personId,
      createdAt: at,
      approvedBy: null,
      approvedAt: null,
    },
    lines,
    lines.map((l) => ({
      id: newId(),
      needId: l.needId!,
      authorId: actor.personId,
      at,
      kind: 'ordered' as const,
      body: t('equipment.order.number', number),
      statusTo: 'ordered' as const,
    })),
  );
  return { id, number };
}

/** The elected official approves a draft, if the budget left still covers it. */
export async function approveOrder(deps: Deps, actor: Actor, orderId: string) {
  const facts = await orderFacts(deps, orderId);
  authorize(actor, 'equipment.order.approve', facts);
  const { order } = facts;
  const problems = new Problems();
  problems.check(order.status === 'draft', 'status', t('equipment.error.orderState'));
  problems.throwIfAny();
  const budget = await figures(deps, order.municipalityId, order.year);
  const over = () =>
    new Problems()
      .add('total', t('equipment.error.overBudget', toEuros(order.totalCents)!, toEuros(budget.leftCents)!))
      .throwIfAny('equipment.order.over_budget');
  if (order.totalCents > budget.leftCents) over();
  if (!(await orders.approve(deps.db, order, budget.amountCents, actor.personId, deps.clock.now().toISOString()))) over();
}

/** The school's orders with their lines and installation: whoever reads the project. */
export async function listOrders(deps: Deps, actor: Actor, structureId: string) {
  const facts = await places.schoolFacts(deps.db, structureId);
  authorize(actor, 'equipment.project.read', facts);
  const rows = await orders.ordersOf(deps.db, structureId);
  const ids = rows.map((r) => r.id);
  const [lines, inst] = await Promise.all([orders.linesOf(deps.db, ids), installations.installationsOf(deps.db, ids)]);
  const name = (p: { firstName: string | null; lastName: string | null; usageName: string | null }) =>
    p.firstName === null || p.lastName === null ? null : displayName({ firstName: p.firstName, lastName: p.lastName, usageName: p.usageName });
  const items = rows.map((o) => {
    const i = inst.rows.find((r) => r.orderId === o.id);
    return {
      id: o.id,
      number: o.number,
      year: o.year,
      status: o.status,
      total: toEuros(o.totalCents)!,
      createdAt: o.createdAt,
      approvedAt: o.approvedAt,
      approvedBy: name(o),
      lines: lines
        .filter((l) => l.orderId === o.id)
        .map((l) => ({
          id: l.id,
          needId: l.needId,
          category: l.category,
          quantity: l.quantity,
          unitPrice: toEuros(l.unitPriceCents)!,
          supplier: l.supplier,
          placeId: l.placeId,
          placeName: l.placeName,
          deliveredAt: l.deliveredAt,
        })),
      installation: i
        ? {
            id: i.id,
            scheduledFor: i.scheduledFor,
            note: i.note,
            confirmedAt: i.confirmedAt,
            confirmedBy: name(i),
            trainingOn: i.trainingOn,
            trainingNotes: i.trainingNotes,
            attendees: inst.attendees
              .filter((a) => a.installationId === i.id)
              .map((a) => displayName(a))
              .sort(compareFrench),
          }
        : null,
    };
  });
  return { school: facts, items };
}
export type OrderView = Awaited<ReturnType<typeof listOrders>>['items'][number];
export { orderFacts };

/** The school of an order, for the pages to come back to (null when there is none). */
export async function schoolOfOrder(deps: Deps, orderId: string) {
  return (await orders.findOrder(deps.db, orderId))?.structureId ?? null;
}

/** What the project page's steps 3 and 4 show the person: the budget to agents, the forms each may use. */
export async function ordersPageData(deps: Deps, actor: Actor, structureId: string) {
  const { school, items } = await listOrders(deps, actor, structureId);
  const town = school.municipalityId ? await municipalityFacts(deps, school.municipalityId) : null;
  const budgetReadable = !!town && can(actor, 'equipment.budget.read', town);
  const [budget, staff] = await Promise.all([budgetReadable ? budgetOf(deps, actor, town!.municipalityId) : null, places.staffOf(deps.db, structureId)]);
  const withOfficials = { ...school, officialIds: town?.officialIds ?? [] };
  return {
    budget,
    orders: items,
    canSetBudget: !!town && can(actor, 'equipment.budget.set', town),
    canOrder: can(actor, 'equipment.order.create', school),
    canApprove: can(actor, 'equipment.order.approve', withOfficials),
    canDeliver: can(actor, 'equipment.order.deliver', school),
    canConfirm: can(actor, 'equipment.installation.confirm', school),
    canTrain: can(actor, 'equipment.installation.training', school),
    staff: staff.map((p) => ({ id: p.id, name: displayName(p) })).sort((a, b) => compareFrench(a.name, b.name)),
  };
}

/** The budget form of a school's project page: the year's budget of the school's municipality. */
export async function setSchoolBudget(deps: Deps, actor: Actor, structureId: string, amount: number) {
  const school = await places.schoolFacts(deps.db, structureId);
  const town = school?.municipalityId ? await municipalityFacts(deps, school.municipalityId) : null;
  authorize(actor, 'equipment.budget.set', town);
  await setBudget(deps, actor, town.municipalityId, budgetYear(deps.clock.now()), amount);
}
