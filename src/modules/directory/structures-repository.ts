import type { Insertable, SelectQueryBuilder } from 'kysely';
import type { Database, Db } from '../../kernel/db/index.js';
import { sortByDisplay } from '../../kernel/i18n/index.js';
import { compareClasses } from './class-order.js';
import { byListName, listName, summaryColumns, toSummary } from './repository.js';
import type { GroupKind, GroupsTable, StructureKind, StructuresTable } from './tables.js';

/** Group ids a list is limited to (a subquery such as `groupIdsOf(…)`). */
type GroupIds = SelectQueryBuilder<Database, any, { groupId: string }>;

/** Structures, classes and groups, and who is in them. */
export async function findStructure(db: Db, id: string) {
  return db.selectFrom('structures').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findStructureByUai(db: Db, uai: string) {
  return db.selectFrom('structures').selectAll().where('uai', '=', uai.toUpperCase()).executeTakeFirst();
}

export async function listStructures(db: Db, ids: string[] | 'all') {
  let q = db.selectFrom('structures').selectAll().orderBy('name');
  if (ids !== 'all') {
    if (ids.length === 0) return [];
    q = q.where('id', 'in', ids);
  }
  return sortByDisplay(await q.execute(), (s) => s.name);
}

export async function structureCounts(db: Db, structureId: string, year: string) {
  const [profiles, classes] = await Promise.all([
    db
      .selectFrom('structureMembers')
      .innerJoin('people', 'people.id', 'structureMembers.personId')
      .select(['people.profile', (eb) => eb.fn.countAll<number>().as('n')])
      .where('structureMembers.structureId', '=', structureId)
      .where('structureMembers.active', '=', 1)
      .groupBy('people.profile')
      .execute(),
    db
      .selectFrom('groups')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('structureId', '=', structureId)
      .where('schoolYear', '=', year)
      .where('kind', '=', 'class')
      .executeTakeFirstOrThrow(),
  ]);
  const byProfile: Record<string, number> = {};
  for (const p of profiles) byProfile[p.profile] = Number(p.n);
  return {
    students: byProfile.student ?? 0,
    teachers: byProfile.teacher ?? 0,
    relatives: byProfile.relative ?? 0,
    personnel: byProfile.personnel ?? 0,
    classes: Number(classes.n),
  };
}

export async function insertStructure(db: Db, structure: Insertable<StructuresTable>): Promise<void> {
  await db.insertInto('structures').values(structure).execute();
}

/** The groups of a structure's year, with their pupil counts; `within` limits them to some ids. */
export async function listGroups(db: Db, structureId: string, year: string, kind?: GroupKind, within?: GroupIds) {
  let q = db
    .selectFrom('groups')
    .select(['groups.id', 'groups.name', 'groups.kind', 'groups.level', 'groups.schoolYear', 'groups.structureId'])
    .select((eb) =>
      eb
        .selectFrom('groupMembers')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('groupMembers.groupId', '=', 'groups.id')
        .where('groupMembers.role', '=', 'student')
        .as('students'),
    )
    .where('groups.structureId', '=', structureId)
    .where('groups.schoolYear', '=', year);
  if (kind) q = q.where('groups.kind', '=', kind);
  if (within !== undefined) q = q.where('groups.id', 'in', within);
  const rows = await q.execute();
  // School order (CP before CE1, ULIS last): a year's groups of one structure are few.
  return rows.map((r) => ({ ...r, students: Number(r.students ?? 0) })).sort(compareClasses);
}

export async function findGroup(db: Db, id: string) {
  return db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findGroupByName(db: Db, structureId: string, schoolYear: string, name: string) {
  return db
    .selectFrom('groups')
    .select('id')
    .where('structureId', '=', structureId)
    .where('schoolYear', '=', schoolYear)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertGroup(db: Db, group: Insertable<GroupsTable>): Promise<void> {
  await db.insertInto('groups').values(group).execute();
}

export async function groupMembers(db: Db, groupId: string) {
  const rows = await db
    .selectFrom('groupMembers')
    .innerJoin('people', 'people.id', 'groupMembers.personId')
    .select([...summaryColumns, 'groupMembers.role', 'people.birthDate', 'people.activationCode', 'people.activatedAt', 'people.photoConsent'])
    .where('groupMembers.groupId', '=', groupId)
    .orderBy('people.searchKey')
    .execute();
  return byListName(rows).map((r) => ({
    ...toSummary(r),
    role: r.role,
    birthDate: r.birthDate,
    activationCode: r.activationCode,
    activated: !!r.activatedAt,
    photoConsent: r.photoConsent === null ? null : r.photoConsent === 1,
  }));
}

export async function memberRole(db: Db, groupId: string, personId: string) {
  const row = await db.selectFrom('groupMembers').select('role').where('groupId', '=', groupId).where('personId', '=', personId).executeTakeFirst();
  return row?.role ?? null;
}

export async function isRelativeOfGroupMember(db: Db, groupId: string, relativeId: string) {
  const row = await db
    .selectFrom('relativeLinks')
    .innerJoin('groupMembers', 'groupMembers.personId', 'relativeLinks.studentId')
    .select('relativeLinks.studentId')
    .where('relativeLinks.relativeId', '=', relativeId)
    .where('groupMembers.groupId', '=', groupId)
    .executeTakeFirst();
  return !!row;
}

export async function structureKindOf(db: Db, id: string): Promise<StructureKind | null> {
  const row = await db.selectFrom('structures').select('kind').where('id', '=', id).executeTakeFirst();
  return row?.kind ?? null;
}

/** Pupils of a structure's classes for a year, class by class: the choices of a "link a pupil" form. */
export async function pupilsByClass(db: Db, structureId: string, year: string) {
  const rows = await db
    .selectFrom('groupMembers')
    .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
    .innerJoin('people', 'people.id', 'groupMembers.personId')
    .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName', 'groups.name as className', 'groups.level'])
    .where('groups.structureId', '=', structureId)
    .where('groups.schoolYear', '=', year)
    .where('groups.kind', '=', 'class')
    .where('groupMembers.role', '=', 'student')
    .orderBy('people.searchKey')
    .execute();
  const inOrder = byListName(rows).sort((a, b) => compareClasses({ name: a.className, level: a.level }, { name: b.className, level: b.level }));
  return inOrder.map((r) => ({ id: r.id, label: listName(r), className: r.className }));
}

/** Logins already taken that start with a base, to pick the next free `prenom.nom2`. */
export async function takenLogins(db: Db, base: string): Promise<Set<string>> {
  const rows = await db.selectFrom('people').select('login').where('login', 'like', `${base}%`).execute();
  return new Set(rows.map((r) => r.login));
}
