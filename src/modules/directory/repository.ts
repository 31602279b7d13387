import { sql, type SelectQueryBuilder } from 'kysely';
import type { Actor, Profile, StructureRole } from '../../kernel/authz/index.js';
import { jsonRows, jsonRowsOf, type Database, type Db } from '../../kernel/db/index.js';
import { sortByDisplay } from '../../kernel/i18n/index.js';
import { normalizeKey } from '../../kernel/text.js';
import { matchingIds } from '../../kernel/search/index.js';
import { compareClasses } from './class-order.js';
import { peopleSearchIndex } from './search-index.js';
import { groupIdsOf, groupsOf, type GroupRelation } from './groups-of.js';
import type { PeopleTable } from './tables.js';

type IdQuery = SelectQueryBuilder<Database, any, { id: string }>;

export function displayName(p: Pick<PeopleTable, 'firstName' | 'lastName' | 'usageName'>): string {
  return `${p.firstName} ${p.usageName || p.lastName}`;
}

/**
 * The folded key lists sort by and searches match: the displayed surname (the usage name when
 * there is one) and first name, then the birth name so that it is found too.
 */
export function searchKeyOf(p: Pick<PeopleTable, 'firstName' | 'lastName' | 'usageName'>): string {
  const shown = p.usageName || p.lastName;
  return normalizeKey([shown, p.firstName, shown === p.lastName ? '' : p.lastName].filter(Boolean).join(' '));
}

/** A person as lists show them: displayed surname, then first name. */
export function listName(p: Pick<PeopleTable, 'firstName' | 'lastName' | 'usageName'>): string {
  return `${p.usageName || p.lastName} ${p.firstName}`;
}

/** People in list order with French collation (`ÖZTÜRK` between `MARTIN` and `YILMAZ`), for a page the database sorted by the folded key. */
export function byListName<T extends Pick<PeopleTable, 'firstName' | 'lastName' | 'usageName'>>(people: readonly T[]): T[] {
  return sortByDisplay(people, listName);
}

/** Builds the request's actor: the person, their active structures and roles. */
export async function loadActor(db: Db, personId: string, structureId: string | null): Promise<Actor | null> {
  // Every request reads this: one statement, the structures and roles as JSON arrays beside the person.
  const person = await db
    .selectFrom('people')
    .select(['id', 'profile', 'firstName', 'lastName', 'usageName', 'login', 'isSuperAdmin', 'status', 'charterAcceptedAt'])
    .select((eb) => [
      jsonRows(
        db,
        eb
          .selectFrom('structureMembers')
          .innerJoin('structures', 'structures.id', 'structureMembers.structureId')
          .select(['structures.id', 'structures.name'])
          .whereRef('structureMembers.personId', '=', 'people.id')
          .where('structureMembers.active', '=', 1)
          .orderBy('structures.name'),
      ).as('structures'),
      jsonRows(
        db,
        eb.selectFrom('structureRoles').select(['structureRoles.structureId', 'structureRoles.role']).whereRef('structureRoles.personId', '=', 'people.id'),
      ).as('roles'),
    ])
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!person || person.status !== 'active') return null;
  const structures = jsonRowsOf(person.structures);
  const roleMap: Record<string, StructureRole[]> = {};
  for (const r of jsonRowsOf(person.roles)) (roleMap[r.structureId] ??= []).push(r.role);
  // The instance administrator works in the structure chosen from the structures page.
  if (person.isSuperAdmin === 1 && structureId && !structures.some((s) => s.id === structureId)) {
    const chosen = await db.selectFrom('structures').select(['id', 'name']).where('id', '=', structureId).executeTakeFirst();
    if (chosen) structures.push(chosen);
  }
  const active = structures.find((s) => s.id === structureId)?.id ?? structures[0]?.id ?? null;
  return {
    personId: person.id,
    profile: person.profile,
    displayName: displayName(person),
    login: person.login,
    charterAccepted: !!person.charterAcceptedAt,
    isSuperAdmin: person.isSuperAdmin === 1,
    structures,
    activeStructureId: active,
    roles: roleMap,
  };
}

function managedIds(actor: Actor): string[] {
  return Object.entries(actor.roles)
    .filter(([, roles]) => roles.includes('director') || roles.includes('localAdmin'))
    .map(([id]) => id);
}

/**
 * Ids of the people an actor may see, as one SQL subquery, so that every list filters in the
 * database. The rules: managers see their structures; teachers their pupils, those pupils'
 * relatives and their colleagues; relatives their children, the children's teachers and
 * directors; pupils their classmates, teachers and relatives; municipal agents the directors of
 * their schools.
 */
export function visiblePersonIds(db: Db, actor: Actor, year: string): IdQuery {
  if (actor.isSuperAdmin) return db.selectFrom('people').select('people.id');
  const parts: IdQuery[] = [db.selectFrom('people').select('people.id').where('people.id', '=', actor.personId)];
  const managed = managedIds(actor);
  if (managed.length > 0) {
    parts.push(db.selectFrom('structureMembers').select('structureMembers.personId as id').where('structureId', 'in', managed));
  }
  const myStructures = actor.structures.map((s) => s.id);
  switch (actor.profile) {
    case 'teacher': {
      const myGroups = groupIdsOf(db, actor.personId, year, { as: 'teacher' });
      const pupils = db
        .selectFrom('groupMembers')
        .select('groupMembers.personId as id')
        .where('groupMembers.groupId', 'in', myGroups)
        .where('groupMembers.role', '=', 'student');
      parts.push(pupils);
      parts.push(db.selectFrom('relativeLinks').select('relativeLinks.relativeId as id').where('relativeLinks.studentId', 'in', pupils));
      if (myStructures.length > 0) parts.push(colleagues(db, myStructures));
      break;
    }
    case 'personnel':
      if (myStructures.length > 0) {
        parts.push(
          db
            .selectFrom('structureMembers')
            .select('structureMembers.personId as id')
            .where('structureMembers.structureId', 'in', myStructures)
            .where('structureMembers.active', '=', 1),
        );
      }
      break;
    case 'relative': {
      const children = db.selectFrom('relativeLinks').select('relativeLinks.studentId as id').where('relativeLinks.relativeId', '=', actor.personId);
      parts.push(children);
      const childGroups = groupIdsOf(db, actor.personId, year, { as: 'relative' });
      parts.push(
        db
          .selectFrom('groupMembers')
          .select('groupMembers.personId as id')
          .where('groupMembers.groupId', 'in', childGroups)
          .where('groupMembers.role', '=', 'teacher'),
      );
      const childStructures = db
        .selectFrom('structureMembers')
        .select('structureMembers.structureId')
        .where('structureMembers.personId', 'in', children)
        .where('structureMembers.active', '=', 1);
      parts.push(
        db
          .selectFrom('structureRoles')
          .select('structureRoles.personId as id')
          .where('structureRoles.structureId', 'in', childStructures)
          .where('structureRoles.role', '=', 'director'),
      );
      break;
    }
    case 'student': {
      parts.push(
        db
          .selectFrom('groupMembers')
          .select('groupMembers.personId as id')
          .where('groupMembers.groupId', 'in', groupIdsOf(db, actor.personId, year, { as: 'student' })),
      );
      parts.push(db.selectFrom('relativeLinks').select('relativeLinks.relativeId as id').where('relativeLinks.studentId', '=', actor.personId));
      break;
    }
    case 'municipal': {
      if (myStructures.length > 0) {
        const schools = db.selectFrom('structures').select('structures.id').where('structures.parentId', 'in', myStructures);
        parts.push(
          db
            .selectFrom('structureRoles')
            .select('structureRoles.personId as id')
            .where('structureRoles.structureId', 'in', schools)
            .where('structureRoles.role', '=', 'director'),
        );
      }
      break;
    }
  }
  return parts.reduce((acc, part) => acc.union(part));
}

function colleagues(db: Db, structureIds: string[]): IdQuery {
  return db
    .selectFrom('structureMembers')
    .innerJoin('people', 'people.id', 'structureMembers.personId')
    .select('structureMembers.personId as id')
    .where('structureMembers.structureId', 'in', structureIds)
    .where('structureMembers.active', '=', 1)
    .where('people.profile', 'in', ['teacher', 'personnel']);
}

export async function canSeePerson(db: Db, actor: Actor, personId: string, year: string): Promise<boolean> {
  const row = await db
    .selectFrom('people')
    .select('people.id')
    .where('people.id', '=', personId)
    .where('people.id', 'in', visiblePersonIds(db, actor, year))
    .executeTakeFirst();
  return !!row;
}

export interface PersonSummary {
  id: string;
  profile: Profile;
  firstName: string;
  lastName: string;
  usageName: string | null;
  displayName: string;
  login: string;
  status: 'active' | 'deactivated';
}

export const summaryColumns = [
  'people.id',
  'people.profile',
  'people.firstName',
  'people.lastName',
  'people.usageName',
  'people.login',
  'people.status',
] as const;

export function toSummary(row: Omit<PersonSummary, 'displayName'>): PersonSummary {
  return { ...row, displayName: displayName(row) };
}

export interface SearchOptions {
  q?: string;
  structureId?: string;
  profile?: Profile;
  includeDeactivated?: boolean;
  limit: number;
  offset: number;
  year: string;
}

/** Accent-insensitive prefix search on every word of the query, within what the actor may see. */
export async function searchPeople(db: Db, actor: Actor, options: SearchOptions): Promise<{ total: number; items: PersonSummary[] }> {
  const members = (structureId: string) =>
    db.selectFrom('structureMembers').select('structureMembers.personId').where('structureMembers.structureId', '=', structureId);
  // A manager searching their own structure sees all of it: the membership list alone scopes the search.
  const wholeStructure = !!options.structureId && (actor.isSuperAdmin || managedIds(actor).includes(options.structureId));
  // The visible ids drive the query (a join, not `IN`), so the planner starts from the few hundred
  // people in scope rather than scanning every person to probe them.
  const scope = wholeStructure
    ? db.selectFrom('structureMembers').select('structureMembers.personId as id').where('structureMembers.structureId', '=', options.structureId!)
    : visiblePersonIds(db, actor, options.year);
  let q = db.selectFrom(scope.as('scope')).innerJoin('people', 'people.id', 'scope.id');
  // Every word of the query is a prefix of a word of the name, accents and case folded.
  const named = matchingIds(db, peopleSearchIndex, options.q ?? '');
  if (named) q = q.where('people.id', 'in', named);
  if (options.structureId && !wholeStructure) q = q.where('people.id', 'in', members(options.structureId));
  if (options.profile) q = q.where('people.profile', '=', options.profile);
  if (!options.includeDeactivated) q = q.where('people.status', '=', 'active');
  // One query for the page and the total: the window count rides along with each row.
  const rows = await q
    .select([...summaryColumns, sql<number>`count(*) over ()`.as('total')])
    .orderBy('people.searchKey')
    .orderBy('people.id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  let total = rows[0] ? Number(rows[0].total) : 0;
  if (rows.length === 0 && options.offset > 0) {
    total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  }
  return { total, items: byListName(rows.map(({ total: _total, ...row }) => toSummary(row))) };
}

export async function findPerson(db: Db, id: string) {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function personStructures(db: Db, personId: string) {
  return db
    .selectFrom('structureMembers')
    .innerJoin('structures', 'structures.id', 'structureMembers.structureId')
    .select(['structures.id', 'structures.name', 'structures.kind', 'structures.uai', 'structureMembers.active'])
    .where('structureMembers.personId', '=', personId)
    .orderBy('structures.name')
    .execute();
}

/** A person's own groups of a school year (not their children's), with their structure and the person's role. */
export async function personGroups(db: Db, personId: string, year: string) {
  return db
    .selectFrom(groupsOf(db, personId, year).as('g'))
    .innerJoin('groups', 'groups.id', 'g.groupId')
    .innerJoin('structures', 'structures.id', 'groups.structureId')
    .select(['groups.id', 'groups.name', 'groups.kind', 'groups.level', 'groups.structureId', 'structures.name as structureName'])
    .select((eb) => eb.ref('g.relation').$castTo<'teacher' | 'student'>().as('role'))
    .where('g.relation', '!=', 'relative')
    .execute()
    .then((rows) => rows.sort(compareClasses));
}

/** Who a person is for the rules: profile and every structure they belong to (null: no such person). */
export async function personStanding(db: Db, personId: string) {
  const person = await findPerson(db, personId);
  if (!person) return null;
  const structures = await db.selectFrom('structureMembers').select('structureId').where('personId', '=', personId).execute();
  return { person, structureIds: structures.map((s) => s.structureId) };
}

export async function childrenOf(db: Db, relativeId: string) {
  const rows = await db
    .selectFrom('relativeLinks')
    .innerJoin('people', 'people.id', 'relativeLinks.studentId')
    .select([...summaryColumns, 'relativeLinks.legalGuardian'])
    .where('relativeLinks.relativeId', '=', relativeId)
    .orderBy('people.searchKey')
    .execute();
  return byListName(rows.map((r) => ({ ...toSummary(r), legalGuardian: r.legalGuardian === 1 })));
}

export async function relativesOf(db: Db, studentIds: string[]) {
  if (studentIds.length === 0) return [];
  const rows = await db
    .selectFrom('relativeLinks')
    .innerJoin('people', 'people.id', 'relativeLinks.relativeId')
    .select([
      ...summaryColumns,
      'people.email',
      'people.phone',
      'relativeLinks.studentId',
      'relativeLinks.legalGuardian',
      'people.activationCode',
      'people.activatedAt',
    ])
    .where('relativeLinks.studentId', 'in', studentIds)
    .orderBy('people.searchKey')
    .execute();
  return byListName(rows).map((r) => ({
    ...toSummary(r),
    studentId: r.studentId,
    legalGuardian: r.legalGuardian === 1,
    email: r.email,
    phone: r.phone,
    activationCode: r.activationCode,
    activated: !!r.activatedAt,
  }));
}

export * from './structures-repository.js';
export * from './people-repository.js';

/** The groups of a year a person stands in with one of these relations: the class lists' scope, in SQL. */
export function groupIdsWithRelation(db: Db, personId: string, year: string, relations: GroupRelation[]) {
  return db
    .selectFrom(groupsOf(db, personId, year).as('g'))
    .select('g.groupId')
    .where('g.relation', 'in', relations);
}
