// The hourly rollup: raw keyed hashes → daily and monthly counts, then the raw rows and the
// secrets of closed days and months are deleted. Adoption (accounts activated) is computed here
// too, so that a dashboard reads a few rolled-up rows and never counts people itself.
import { sql } from 'kysely';
import type { Db } from '../../kernel/db/index.js';
import { parisDay } from '../../kernel/dates.js';
import { schoolYearOf } from '../directory/index.js';

const SCHOOL_KINDS = ['school', 'college', 'lycee'] as const;

/** Rolls every pending day and month up; closes those before today / this month. Safe to run again. */
export async function rollUp(db: Db, now: Date): Promise<{ days: number; months: number }> {
  const today = parisDay(now);
  const thisMonth = today.slice(0, 7);
  const days = await db.selectFrom('steeringRawDays').select('day').distinct().execute();
  const actionDays = await db.selectFrom('steeringActions').select('day').distinct().where('day', '>=', `${thisMonth}-01`).execute();
  for (const { day } of days) await rollDay(db, day, day < today);
  const months = new Set([...days.map((d) => d.day.slice(0, 7)), ...actionDays.map((d) => d.day.slice(0, 7))]);
  for (const { month } of await db.selectFrom('steeringRawMonths').select('month').distinct().execute()) months.add(month);
  for (const month of months) await rollMonth(db, month, month < thisMonth);
  await refreshAdoption(db, schoolYearOf(now));
  return { days: days.length, months: months.size };
}

async function rollDay(db: Db, day: string, close: boolean): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const perService = trx
      .selectFrom('steeringRawDays')
      .select(['structureId', 'profile', 'service'])
      .select((eb) => [eb.fn.count<number>('personHash').distinct().as('people'), eb.fn.count<number>('sessionHash').distinct().as('sessions')])
      .where('day', '=', day)
      .groupBy(['structureId', 'profile', 'service']);
    const anyService = trx
      .selectFrom('steeringRawDays')
      .select(['structureId', 'profile', sql<string>`'*'`.as('service')])
      .select((eb) => [eb.fn.count<number>('personHash').distinct().as('people'), eb.fn.count<number>('sessionHash').distinct().as('sessions')])
      .where('day', '=', day)
      .groupBy(['structureId', 'profile']);
    const rows = [...(await perService.execute()), ...(await anyService.execute())];
    await trx.deleteFrom('steeringDaily').where('day', '=', day).execute();
    if (rows.length > 0) {
      await trx
        .insertInto('steeringDaily')
        .values(
          rows.map((r) => ({
            day,
            structureId: r.structureId,
            profile: r.profile,
            service: r.service,
            people: Number(r.people),
            sessions: Number(r.sessions),
          })),
        )
        .execute();
    }
    if (close) {
      await trx.deleteFrom('steeringRawDays').where('day', '=', day).execute();
      await trx.deleteFrom('steeringSecrets').where('period', '=', day).execute();
    }
  });
}

async function rollMonth(db: Db, month: string, close: boolean): Promise<void> {
  const from = `${month}-01`;
  const to = `${month}-32`;
  await db.transaction().execute(async (trx) => {
    const people = new Map<string, number>();
    const key = (s: string, p: string, v: string) => `${s}|${p}|${v}`;
    const perService = await trx
      .selectFrom('steeringRawMonths')
      .select(['structureId', 'profile', 'service', (eb) => eb.fn.count<number>('personHash').distinct().as('n')])
      .where('month', '=', month)
      .groupBy(['structureId', 'profile', 'service'])
      .execute();
    const anyService = await trx
      .selectFrom('steeringRawMonths')
      .select(['structureId', 'profile', (eb) => eb.fn.count<number>('personHash').distinct().as('n')])
      .where('month', '=', month)
      .groupBy(['structureId', 'profile'])
      .execute();
    for (const r of perService) people.set(key(r.structureId, r.profile, r.service), Number(r.n));
    for (const r of anyService) people.set(key(r.structureId, r.profile, '*'), Number(r.n));
    const hasRaw = perService.length > 0;
    const sessions = await trx
      .selectFrom('steeringDaily')
      .select(['structureId', 'profile', 'service', (eb) => eb.fn.sum<number>('sessions').as('n')])
      .where('day', '>=', from)
      .where('day', '<', to)
      .groupBy(['structureId', 'profile', 'service'])
      .execute();
    const actions = await trx
      .selectFrom('steeringActions')
      .select(['structureId', 'profile', 'service', (eb) => eb.fn.sum<number>('n').as('n')])
      .where('day', '>=', from)
      .where('day', '<', to)
      .groupBy(['structureId', 'profile', 'service'])
      .execute();
    const rows = new Map<string, { structureId: string; profile: string; service: string; people: number; sessions: number; actions: number }>();
    const row = (s: string, p: string, v: string) => {
      const k = key(s, p, v);
      let r = rows.get(k);
      if (!r) rows.set(k, (r = { structureId: s, profile: p, service: v, people: 0, sessions: 0, actions: 0 }));
      return r;
    };
    for (const [k, n] of people) {
      const [s, p, v] = k.split('|') as [string, string, string];
      row(s, p, v).people = n;
    }
    for (const r of sessions) row(r.structureId, r.profile, r.service).sessions = Number(r.n);
    for (const r of actions) {
      row(r.structureId, r.profile, r.service).actions += Number(r.n);
      row(r.structureId, r.profile, '*').actions += Number(r.n);
    }
    // A closed month's raw rows are gone: its people counts are kept as they were.
    if (hasRaw) await trx.deleteFrom('steeringMonthly').where('month', '=', month).execute();
    else await trx.deleteFrom('steeringMonthly').where('month', '=', month).where('people', '=', 0).execute();
    const values = [...rows.values()].filter((r) => hasRaw || r.people === 0).map((r) => ({ month, ...r }));
    for (let i = 0; i < values.length; i += 500) {
      await trx
        .insertInto('steeringMonthly')
        .values(values.slice(i, i + 500))
        .onConflict((oc) =>
          oc
            .columns(['structureId', 'month', 'profile', 'service'])
            .doUpdateSet((eb) => ({ sessions: eb.ref('excluded.sessions'), actions: eb.ref('excluded.actions') })),
        )
        .execute();
    }
    const kinds = await trx
      .selectFrom('steeringActions')
      .select(['structureId', 'action', (eb) => eb.fn.sum<number>('n').as('n')])
      .where('day', '>=', from)
      .where('day', '<', to)
      .groupBy(['structureId', 'action'])
      .execute();
    await trx.deleteFrom('steeringMonthlyActions').where('month', '=', month).execute();
    if (kinds.length > 0)
      await trx
        .insertInto('steeringMonthlyActions')
        .values(kinds.map((k) => ({ month, structureId: k.structureId, action: k.action, n: Number(k.n) })))
        .execute();
    await rollFamilies(trx, month, hasRaw);
    if (close) {
      await trx.deleteFrom('steeringRawMonths').where('month', '=', month).execute();
      await trx.deleteFrom('steeringRawFamilies').where('month', '=', month).execute();
      await trx.deleteFrom('steeringSecrets').where('period', '=', month).execute();
    }
  });
}

/** Families reached: distinct households with a parent active, out of the pupils who have a parent account. */
async function rollFamilies(trx: Db, month: string, hasRaw: boolean): Promise<void> {
  if (!hasRaw) return;
  const reached = await trx
    .selectFrom('steeringRawFamilies')
    .select(['structureId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('month', '=', month)
    .groupBy('structureId')
    .execute();
  const totals = await trx
    .selectFrom('structureMembers')
    .innerJoin('people', 'people.id', 'structureMembers.personId')
    .innerJoin('structures', 'structures.id', 'structureMembers.structureId')
    .select(['structureMembers.structureId', (eb) => eb.fn.count<number>('people.id').distinct().as('n')])
    .where('people.profile', '=', 'student')
    .where('structureMembers.active', '=', 1)
    .where('structures.kind', 'in', SCHOOL_KINDS)
    .where((eb) => eb.exists(eb.selectFrom('relativeLinks').select('relativeLinks.studentId').whereRef('relativeLinks.studentId', '=', 'people.id')))
    .groupBy('structureMembers.structureId')
    .execute();
  const total = new Map(totals.map((t) => [t.structureId, Number(t.n)]));
  await trx.deleteFrom('steeringFamilies').where('month', '=', month).execute();
  const rows = reached.map((r) => ({ month, structureId: r.structureId, reached: Number(r.n), total: total.get(r.structureId) ?? 0 }));
  for (const [structureId, n] of total) if (!reached.some((r) => r.structureId === structureId)) rows.push({ month, structureId, reached: 0, total: n });
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('steeringFamilies')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** Accounts and activations per school, profile and class (pupils and their parents by class), for the running year's classes. */
export async function refreshAdoption(db: Db, year: string): Promise<void> {
  const adults = await db
    .selectFrom('structureMembers')
    .innerJoin('people', 'people.id', 'structureMembers.personId')
    .innerJoin('structures', 'structures.id', 'structureMembers.structureId')
    .select(['structureMembers.structureId', 'people.profile'])
    .select((eb) => [eb.fn.countAll<number>().as('accounts'), eb.fn.count<number>('people.activatedAt').as('activated')])
    .where('structureMembers.active', '=', 1)
    .where('structures.kind', 'in', SCHOOL_KINDS)
    .where('people.profile', 'in', ['teacher', 'personnel'])
    .groupBy(['structureMembers.structureId', 'people.profile'])
    .execute();
  const pupils = await db
    .selectFrom('groupMembers')
    .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
    .innerJoin('people', 'people.id', 'groupMembers.personId')
    .select(['groups.structureId', 'groups.name as className'])
    .select((eb) => [eb.fn.count<number>('people.id').distinct().as('accounts'), eb.fn.count<number>('people.activatedAt').as('activated')])
    .where('groups.kind', '=', 'class')
    .where('groupMembers.role', '=', 'student')
    .where('groups.schoolYear', '=', year)
    .groupBy(['groups.structureId', 'groups.name'])
    .execute();
  const parents = await db
    .selectFrom('groupMembers')
    .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
    .innerJoin('relativeLinks', 'relativeLinks.studentId', 'groupMembers.personId')
    .innerJoin('people', 'people.id', 'relativeLinks.relativeId')
    .select(['groups.structureId', 'groups.name as className'])
    .select((eb) => [
      eb.fn.count<number>('people.id').distinct().as('accounts'),
      eb.fn
        .count<number>(eb.case().when('people.activatedAt', 'is not', null).then(eb.ref('people.id')).end())
        .distinct()
        .as('activated'),
    ])
    .where('groups.kind', '=', 'class')
    .where('groupMembers.role', '=', 'student')
    .where('groups.schoolYear', '=', year)
    .groupBy(['groups.structureId', 'groups.name'])
    .execute();
  const rows = [
    ...adults.map((r) => ({ structureId: r.structureId, profile: r.profile, className: '', accounts: Number(r.accounts), activated: Number(r.activated) })),
    ...pupils.map((r) => ({
      structureId: r.structureId,
      profile: 'student',
      className: r.className,
      accounts: Number(r.accounts),
      activated: Number(r.activated),
    })),
    ...parents.map((r) => ({
      structureId: r.structureId,
      profile: 'relative',
      className: r.className,
      accounts: Number(r.accounts),
      activated: Number(r.activated),
    })),
  ];
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('steeringAdoption').execute();
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('steeringAdoption')
        .values(rows.slice(i, i + 500))
        .execute();
  });
}

/** The pupils each parent's visits count as a reached family for. */
export async function householdsOf(db: Db, relativeIds: string[]): Promise<Map<string, string[]>> {
  const rows = await db.selectFrom('relativeLinks').select(['relativeId', 'studentId']).where('relativeId', 'in', relativeIds).execute();
  const map = new Map<string, string[]>();
  for (const r of rows) (map.get(r.relativeId) ?? map.set(r.relativeId, []).get(r.relativeId)!).push(r.studentId);
  return map;
}
