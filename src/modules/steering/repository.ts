// Dashboard reads: a handful of grouped queries over the rolled-up tables, the scope's schools
// given as one subquery (never a list built in JavaScript).
import { sql } from 'kysely';
import type { Db } from '../../kernel/db/index.js';
import type { DashboardFacts } from './policy.js';
import './tables.js';

export const SCHOOL_KINDS = ['school', 'college', 'lycee'] as const;

/** A school's circonscription: the column the steering migration adds to the directory's structures. */
export const inspectionId = sql.ref<string | null>('structures.inspectionId');

/** The structure and who oversees it, for the policy. */
export async function dashboardFacts(db: Db, structureId: string): Promise<(DashboardFacts & { name: string }) | null> {
  const s = await db
    .selectFrom('structures')
    .select(['id', 'kind', 'name', 'parentId', inspectionId.as('inspectionId')])
    .where('id', '=', structureId)
    .executeTakeFirst();
  if (!s) return null;
  const kind: string = s.kind;
  const overseers: string[] = [];
  if ((SCHOOL_KINDS as readonly string[]).includes(kind)) {
    if (s.parentId) overseers.push(s.parentId);
    if (s.inspectionId) {
      overseers.push(s.inspectionId);
      const circo = await db.selectFrom('structures').select('parentId').where('id', '=', s.inspectionId).executeTakeFirst();
      if (circo?.parentId) overseers.push(circo.parentId);
    }
  } else if (kind === 'circonscription' && s.parentId) {
    overseers.push(s.parentId);
  }
  return { structureId: s.id, kind, name: s.name, overseers };
}

/** The schools a structure's dashboard covers: itself, a municipality's, a circonscription's, an académie's. */
export function schoolsOf(db: Db, structure: { structureId: string; kind: string }) {
  const q = db.selectFrom('structures').select('structures.id').where('structures.kind', 'in', SCHOOL_KINDS);
  if (structure.kind === 'municipality') return q.where('structures.parentId', '=', structure.structureId);
  if (structure.kind === 'circonscription') return q.where(inspectionId, '=', structure.structureId);
  if (structure.kind === 'academie') {
    return q.where(
      inspectionId,
      'in',
      db.selectFrom('structures as c').select('c.id').where('c.parentId', '=', structure.structureId).where(sql.ref<string>('c.kind'), '=', 'circonscription'),
    );
  }
  return q.where('structures.id', '=', structure.structureId);
}
type Schools = ReturnType<typeof schoolsOf>;

/** Structures whose dashboards the person may open, before the policy looks at each: where they direct or work. */
export async function candidateStructures(db: Db, personId: string) {
  return db
    .selectFrom('structureMembers')
    .innerJoin('structures', 'structures.id', 'structureMembers.structureId')
    .select(['structures.id', 'structures.name', 'structures.kind'])
    .where('structureMembers.personId', '=', personId)
    .where('structureMembers.active', '=', 1)
    .orderBy('structures.name')
    .execute();
}

export async function schoolNames(db: Db, schools: Schools) {
  return db.selectFrom('structures').select(['id', 'name']).where('id', 'in', schools).orderBy('name').execute();
}

/** Active people per month and profile over the scope, any service: one grouped query. */
export async function activeByMonth(db: Db, schools: Schools, fromMonth: string) {
  const rows = await db
    .selectFrom('steeringMonthly')
    .select(['month', 'profile', (eb) => eb.fn.sum<number>('people').as('people'), (eb) => eb.fn.sum<number>('sessions').as('sessions')])
    .where('structureId', 'in', schools)
    .where('service', '=', '*')
    .where('month', '>=', fromMonth)
    .groupBy(['month', 'profile'])
    .execute();
  return rows.map((r) => ({ month: r.month, profile: r.profile, people: Number(r.people), sessions: Number(r.sessions) }));
}

/** This month per school (any service, every profile): the per-school table of a wider scope. */
export async function activeBySchool(db: Db, schools: Schools, month: string) {
  const rows = await db
    .selectFrom('steeringMonthly')
    .select(['structureId', (eb) => eb.fn.sum<number>('people').as('people')])
    .where('structureId', 'in', schools)
    .where('service', '=', '*')
    .where('month', '=', month)
    .groupBy('structureId')
    .execute();
  return new Map(rows.map((r) => [r.structureId, Number(r.people)]));
}

/** Services used in a month: people (summed over profiles) and actions. */
export async function servicesOf(db: Db, schools: Schools, month: string) {
  const rows = await db
    .selectFrom('steeringMonthly')
    .select(['service', (eb) => eb.fn.sum<number>('people').as('people'), (eb) => eb.fn.sum<number>('actions').as('actions')])
    .where('structureId', 'in', schools)
    .where('service', '<>', '*')
    .where('month', '=', month)
    .groupBy('service')
    .execute();
  return rows.map((r) => ({ service: r.service, people: Number(r.people), actions: Number(r.actions) }));
}

export async function actionsOf(db: Db, schools: Schools, month: string) {
  const rows = await db
    .selectFrom('steeringMonthlyActions')
    .select(['action', (eb) => eb.fn.sum<number>('n').as('n')])
    .where('structureId', 'in', schools)
    .where('month', '=', month)
    .groupBy('action')
    .execute();
  return new Map(rows.map((r) => [r.action, Number(r.n)]));
}

export async function familiesOf(db: Db, schools: Schools, month: string) {
  const row = await db
    .selectFrom('steeringFamilies')
    .select([(eb) => eb.fn.sum<number>('reached').as('reached'), (eb) => eb.fn.sum<number>('total').as('total')])
    .where('structureId', 'in', schools)
    .where('month', '=', month)
    .executeTakeFirst();
  return { reached: Number(row?.reached ?? 0), total: Number(row?.total ?? 0) };
}

/** Accounts and activations per profile, and per class for a single school. */
export async function adoptionOf(db: Db, schools: Schools, byClass: boolean) {
  const profiles = await db
    .selectFrom('steeringAdoption')
    .select(['profile', (eb) => eb.fn.sum<number>('accounts').as('accounts'), (eb) => eb.fn.sum<number>('activated').as('activated')])
    .where('structureId', 'in', schools)
    .groupBy('profile')
    .execute();
  const classes = byClass
    ? await db
        .selectFrom('steeringAdoption')
        .select(['className', 'profile', 'accounts', 'activated'])
        .where('structureId', 'in', schools)
        .where('className', '<>', '')
        .execute()
    : [];
  const num = <T extends { accounts: unknown; activated: unknown }>(r: T) => ({ ...r, accounts: Number(r.accounts), activated: Number(r.activated) });
  return { profiles: profiles.map(num), classes: classes.map(num) };
}
