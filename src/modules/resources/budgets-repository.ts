// Budgets, baskets and licences: Kysely only; lists filter by who asks in SQL.
import { sql } from 'kysely';
import type { Actor } from '../../kernel/authz/index.js';
import type { Db } from '../../kernel/db/index.js';
import { displayName, groupsOf } from '../directory/index.js';
import type { SchoolFacts } from './policy.js';
import type { ResourceBasketLinesTable, ResourceLicencesTable } from './tables.js';

/** A school and its municipality (null: no such school). */
export async function schoolFacts(db: Db, structureId: string): Promise<(SchoolFacts & { name: string }) | null> {
  const row = await db
    .selectFrom('structures')
    .select(['id', 'name', 'parentId'])
    .where('id', '=', structureId)
    .where('kind', '=', 'school')
    .executeTakeFirst();
  return row ? { structureId: row.id, municipalityId: row.parentId, name: row.name } : null;
}

/** Schools whose budget the person sets: every school for the académie, the municipality's schools for its agents. */
export async function fundedSchools(db: Db, actor: Actor, schoolYear: string) {
  let q = db
    .selectFrom('structures')
    .leftJoin('resourceBudgets as b', (j) => j.onRef('b.structureId', '=', 'structures.id').on('b.schoolYear', '=', schoolYear))
    .select(['structures.id as structureId', 'structures.name', 'b.amountCents'])
    .where('structures.kind', '=', 'school');
  if (!actor.isSuperAdmin) {
    const municipalities = actor.profile === 'municipal' ? actor.structures.map((s) => s.id) : [];
    if (municipalities.length === 0) return [];
    q = q.where('structures.parentId', 'in', municipalities);
  }
  return q.orderBy('structures.name').orderBy('structures.id').execute();
}

export async function budgetAmount(db: Db, structureId: string, schoolYear: string): Promise<number> {
  const row = await db
    .selectFrom('resourceBudgets')
    .select('amountCents')
    .where('structureId', '=', structureId)
    .where('schoolYear', '=', schoolYear)
    .executeTakeFirst();
  return row ? Number(row.amountCents) : 0;
}

export async function setBudget(db: Db, row: { structureId: string; schoolYear: string; amountCents: number; setBy: string; updatedAt: string }) {
  await db
    .insertInto('resourceBudgets')
    .values(row)
    .onConflict((oc) => oc.columns(['structureId', 'schoolYear']).doUpdateSet({ amountCents: row.amountCents, setBy: row.setBy, updatedAt: row.updatedAt }))
    .execute();
}

/** Totals of the year's lines by status, in cents. */
export async function basketTotals(db: Db, structureId: string, schoolYear: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('resourceBasketLines')
    .select(['status', sql<number>`sum(quantity * unit_price_cents)`.as('total')])
    .where('structureId', '=', structureId)
    .where('schoolYear', '=', schoolYear)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.total)]));
}

export function insertLine(db: Db, row: ResourceBasketLinesTable) {
  return db.insertInto('resourceBasketLines').values(row).execute();
}

export function findLine(db: Db, id: string) {
  return db.selectFrom('resourceBasketLines').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Validates a line only if the year's validated lines, with it, stay within the budget: one
 * statement, so two validations at once cannot both pass. Answers whether it was written.
 */
export async function validateWithinBudget(db: Db, id: string, by: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('resourceBasketLines as l')
    .set({ status: 'validated', decidedBy: by, decidedAt: at })
    .where('l.id', '=', id)
    .where(
      sql<boolean>`(
        select coalesce(sum(o.quantity * o.unit_price_cents), 0) from resource_basket_lines o
        where o.structure_id = l.structure_id and o.school_year = l.school_year and o.status = 'validated' and o.id <> l.id
      ) + l.quantity * l.unit_price_cents <= coalesce((
        select b.amount_cents from resource_budgets b where b.structure_id = l.structure_id and b.school_year = l.school_year
      ), 0)`,
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function refuseLine(db: Db, id: string, by: string, at: string) {
  await db.updateTable('resourceBasketLines').set({ status: 'refused', decidedBy: by, decidedAt: at }).where('id', '=', id).execute();
}

/** A school's lines of the year with their resource and class, oldest first; `validated` only for the order. */
export async function basketLines(db: Db, structureId: string, schoolYear: string, onlyValidated = false) {
  let q = db
    .selectFrom('resourceBasketLines as l')
    .innerJoin('catalogueResources as r', 'r.id', 'l.resourceId')
    .innerJoin('people as p', 'p.id', 'l.proposedBy')
    .leftJoin('groups as g', 'g.id', 'l.groupId')
    .select([
      'l.id',
      'l.resourceId',
      'l.groupId',
      'l.level',
      'l.quantity',
      'l.unitPriceCents',
      'l.status',
      'l.createdAt',
      'r.title',
      'r.publisher',
      'r.identifier',
      'g.name as groupName',
      'p.firstName',
      'p.lastName',
      'p.usageName',
    ])
    .where('l.structureId', '=', structureId)
    .where('l.schoolYear', '=', schoolYear);
  if (onlyValidated) q = q.where('l.status', '=', 'validated');
  const rows = await q.orderBy('l.createdAt').orderBy('l.id').execute();
  return rows.map((r) => ({ ...r, proposedBy: displayName(r) }));
}

/** A class of the school in the given year (null: not one). */
export function schoolClass(db: Db, groupId: string, structureId: string, schoolYear: string) {
  return db
    .selectFrom('groups')
    .select(['id', 'name', 'level'])
    .where('id', '=', groupId)
    .where('structureId', '=', structureId)
    .where('schoolYear', '=', schoolYear)
    .executeTakeFirst();
}

/** The school's classes of the year, for the forms' selects. */
export function schoolClasses(db: Db, structureId: string, schoolYear: string) {
  return db
    .selectFrom('groups')
    .select(['id', 'name', 'level'])
    .where('structureId', '=', structureId)
    .where('schoolYear', '=', schoolYear)
    .where('kind', '=', 'class')
    .execute();
}

export function insertLicence(db: Db, row: ResourceLicencesTable) {
  return db.insertInto('resourceLicences').values(row).execute();
}

/** The school's licences, those ending first at the top. */
export function schoolLicences(db: Db, structureId: string, endingBefore?: string) {
  let q = db
    .selectFrom('resourceLicences as l')
    .innerJoin('catalogueResources as r', 'r.id', 'l.resourceId')
    .leftJoin('groups as g', 'g.id', 'l.groupId')
    .select(['l.id', 'l.resourceId', 'l.groupId', 'l.level', 'l.startsOn', 'l.endsOn', 'r.title', 'g.name as groupName'])
    .where('l.structureId', '=', structureId);
  if (endingBefore) q = q.where('l.endsOn', '<=', endingBefore);
  return q.orderBy('l.endsOn').orderBy('r.title').orderBy('l.id').execute();
}

/**
 * Resources a licence covers for the person today: a licence of a class they are in (pupil,
 * parent of a pupil, teacher) this school year, or of the level of such a class in its school.
 */
export function coveredResourceIds(db: Db, personId: string, schoolYear: string, today: string) {
  return db
    .selectFrom('resourceLicences as lic')
    .select('lic.resourceId as id')
    .where('lic.startsOn', '<=', today)
    .where('lic.endsOn', '>=', today)
    .where((eb) =>
      eb.or([
        eb('lic.groupId', 'in', db.selectFrom(groupsOf(db, personId, schoolYear).as('mg')).select('mg.groupId')),
        eb.exists(
          eb
            .selectFrom(groupsOf(db, personId, schoolYear).as('mg'))
            .innerJoin('groups as cg', 'cg.id', 'mg.groupId')
            .select('cg.id')
            .whereRef('cg.structureId', '=', 'lic.structureId')
            .whereRef('cg.level', '=', 'lic.level'),
        ),
      ]),
    );
}
