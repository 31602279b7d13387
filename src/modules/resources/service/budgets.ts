import { authorize, can, type Actor } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { Conflict, InvalidInput } from '../../../kernel/http/errors.js';
import { schoolYearOf } from '../../directory/index.js';
import * as repo from '../budgets-repository.js';
import * as catalogue from '../catalogue-repository.js';
import { t } from '../i18n/fr.js';
import type { Basket, BasketLine, BasketLineBody, Budget } from '../schema.js';
import type { Deps } from './deps.js';

const yearOf = (deps: Deps) => schoolYearOf(deps.clock.now());

/** The school's facts for the rule, or null (→ 404) when it is not a school. */
export const schoolOf = (deps: Deps, structureId: string) => repo.schoolFacts(deps.db, structureId);

type SchoolAction =
  | 'resources.budget.set'
  | 'resources.basket.read'
  | 'resources.basket.propose'
  | 'resources.basket.decide'
  | 'resources.basket.export'
  | 'resources.licence.manage';

/** The rule of an action on a school, for forms that come back with their errors only to those who may send them. */
export async function authorizeSchool(deps: Deps, actor: Actor, action: SchoolAction, structureId: string) {
  const school = await schoolOf(deps, structureId);
  authorize(actor, action, school);
  return school;
}

/** Whether the person may do it (views: show a form or a button). */
export async function canOnSchool(deps: Deps, actor: Actor, action: SchoolAction, structureId: string): Promise<boolean> {
  const school = await schoolOf(deps, structureId);
  return !!school && can(actor, action, school);
}

/** The school of a basket line (null: no such line). */
export async function lineSchool(deps: Deps, lineId: string): Promise<string | null> {
  return (await repo.findLine(deps.db, lineId))?.structureId ?? null;
}

/** The school's classes of the year, for the forms. */
export const classesOf = (deps: Deps, structureId: string) => repo.schoolClasses(deps.db, structureId, yearOf(deps));

/** Resources of the school's validated lines, for the licence form. */
export async function validatedResources(deps: Deps, structureId: string) {
  const lines = await repo.basketLines(deps.db, structureId, yearOf(deps), true);
  return [...new Map(lines.map((l) => [l.resourceId, { id: l.resourceId, title: l.title }])).values()];
}

/** Schools whose budget the person sets, with this year's amount (null: not set yet). */
export async function listFundedSchools(deps: Deps, actor: Actor) {
  authorize(actor, 'resources.budgets.open', {});
  const rows = await repo.fundedSchools(deps.db, actor, yearOf(deps));
  return rows.map((r) => ({ structureId: r.structureId, name: r.name, amountCents: r.amountCents === null ? null : Number(r.amountCents) }));
}

async function budgetOf(deps: Deps, structureId: string, schoolYear: string): Promise<Budget> {
  const [amountCents, totals] = await Promise.all([repo.budgetAmount(deps.db, structureId, schoolYear), repo.basketTotals(deps.db, structureId, schoolYear)]);
  const validatedCents = totals.validated ?? 0;
  return { structureId, schoolYear, amountCents, validatedCents, proposedCents: totals.proposed ?? 0, remainingCents: amountCents - validatedCents };
}

/** Sets the school's budget for the current school year (the académie or the school's municipality). */
export async function setBudget(deps: Deps, actor: Actor, structureId: string, amountCents: number): Promise<Budget> {
  authorize(actor, 'resources.budget.set', await schoolOf(deps, structureId));
  const schoolYear = yearOf(deps);
  const validated = (await repo.basketTotals(deps.db, structureId, schoolYear)).validated ?? 0;
  if (amountCents < validated)
    throw new Conflict('resources.budget.below_validated', t('resources.error.budgetBelow', validated), { field: 'amountCents', validatedCents: validated });
  await repo.setBudget(deps.db, { structureId, schoolYear, amountCents, setBy: actor.personId, updatedAt: deps.clock.now().toISOString() });
  return budgetOf(deps, structureId, schoolYear);
}

type LineRow = Awaited<ReturnType<typeof repo.basketLines>>[number];
const toLine = (r: LineRow): BasketLine => ({
  id: r.id,
  resourceId: r.resourceId,
  title: r.title,
  publisher: r.publisher,
  proposedBy: r.proposedBy,
  group: r.groupId && r.groupName ? { id: r.groupId, name: r.groupName } : null,
  level: r.level,
  quantity: Number(r.quantity),
  unitPriceCents: Number(r.unitPriceCents),
  totalCents: Number(r.quantity) * Number(r.unitPriceCents),
  status: r.status === 'validated' ? 'validated' : r.status === 'refused' ? 'refused' : 'proposed',
});

/** The school's basket of the year and where it stands against the budget. */
export async function readBasket(deps: Deps, actor: Actor, structureId: string): Promise<Basket> {
  authorize(actor, 'resources.basket.read', await schoolOf(deps, structureId));
  const schoolYear = yearOf(deps);
  const [budget, lines] = await Promise.all([budgetOf(deps, structureId, schoolYear), repo.basketLines(deps.db, structureId, schoolYear)]);
  return { budget, lines: lines.map(toLine) };
}

/** Checks that exactly one of a class of the school (this year) and a level is named. */
export async function checkTarget(deps: Deps, structureId: string, schoolYear: string, input: { groupId?: string; level?: string }) {
  if (!!input.groupId === !!input.level) throw new InvalidInput([{ field: 'groupId', message: t('resources.error.target') }], 'resources.target');
  if (input.groupId && !(await repo.schoolClass(deps.db, input.groupId, structureId, schoolYear)))
    throw new InvalidInput([{ field: 'groupId', message: t('resources.error.group') }], 'resources.target');
  return { groupId: input.groupId ?? null, level: input.level ?? null };
}

/** A teacher of the school proposes a catalogue resource into its basket. */
export async function proposeLine(deps: Deps, actor: Actor, structureId: string, body: BasketLineBody): Promise<{ id: string }> {
  authorize(actor, 'resources.basket.propose', await schoolOf(deps, structureId));
  const schoolYear = yearOf(deps);
  const target = await checkTarget(deps, structureId, schoolYear, body);
  if (!(await catalogue.findResource(deps.db, body.resourceId)))
    throw new InvalidInput([{ field: 'resourceId', message: t('resources.error.resource') }], 'resources.unknown_resource');
  const id = newId();
  await repo.insertLine(deps.db, {
    id,
    structureId,
    schoolYear,
    resourceId: body.resourceId,
    proposedBy: actor.personId,
    ...target,
    quantity: body.quantity,
    unitPriceCents: body.unitPriceCents,
    status: 'proposed',
    decidedBy: null,
    decidedAt: null,
    createdAt: deps.clock.now().toISOString(),
  });
  return { id };
}

/** The director validates a line within the budget (409 and nothing written beyond it) or refuses it. */
export async function decideLine(deps: Deps, actor: Actor, lineId: string, decision: 'validated' | 'refused'): Promise<Basket> {
  const line = await repo.findLine(deps.db, lineId);
  const school = line ? await schoolOf(deps, line.structureId) : null;
  authorize(actor, 'resources.basket.decide', school);
  if (line!.schoolYear !== yearOf(deps)) throw new Conflict('resources.basket.past_year', t('resources.error.pastYear'));
  const at = deps.clock.now().toISOString();
  if (decision === 'refused') await repo.refuseLine(deps.db, lineId, actor.personId, at);
  else if (!(await repo.validateWithinBudget(deps.db, lineId, actor.personId, at))) {
    const budget = await budgetOf(deps, school.structureId, line!.schoolYear);
    const totalCents = Number(line!.quantity) * Number(line!.unitPriceCents);
    throw new Conflict('resources.basket.over_budget', t('resources.error.overBudget', totalCents, Math.max(0, budget.remainingCents)), {
      field: 'decision',
      totalCents,
      remainingCents: budget.remainingCents,
    });
  }
  return readBasket(deps, actor, school.structureId);
}

const cell = (v: string | number) => {
  // A text that a spreadsheet would read as a formula is kept as text.
  const text = typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
  return /[;"\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const euros = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

/** The validated lines as an order: CSV, `;` between cells, UTF-8 with a byte-order mark for spreadsheets. */
export async function orderCsv(deps: Deps, actor: Actor, structureId: string): Promise<{ name: string; csv: string }> {
  const school = await schoolOf(deps, structureId);
  authorize(actor, 'resources.basket.export', school);
  const schoolYear = yearOf(deps);
  const lines = await repo.basketLines(deps.db, structureId, schoolYear, true);
  const header = ['identifiant', 'ressource', 'editeur', 'classe', 'niveau', 'quantite', 'prix_unitaire_eur', 'total_eur'];
  const rows = lines.map((l) => [
    l.identifier,
    l.title,
    l.publisher,
    l.groupName ?? '',
    l.level ?? '',
    Number(l.quantity),
    euros(Number(l.unitPriceCents)),
    euros(Number(l.quantity) * Number(l.unitPriceCents)),
  ]);
  const total = lines.reduce((sum, l) => sum + Number(l.quantity) * Number(l.unitPriceCents), 0);
  rows.push(['', t('resources.basket.orderTotal'), '', '', '', '', '', euros(total)]);
  const csv = `\ufeff${[header, ...rows].map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
  return { name: `commande-ressources-${school.name}-${schoolYear}`, csv };
}
