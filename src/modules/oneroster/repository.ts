import { sql, type Expression, type Selectable, type SqlBool } from 'kysely';
import type { Db } from '../../kernel/db/index.js';
import type { Filter } from './query.js';
import type { OnerosterClientsTable } from './tables.js';

export type ClientRow = Selectable<OnerosterClientsTable>;

// ---------------------------------------------------------------------------------------------
// Partners and their tokens.
// ---------------------------------------------------------------------------------------------

export async function insertClient(db: Db, row: ClientRow, schoolIds: string[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('onerosterClients').values(row).execute();
    for (const structureId of schoolIds) await trx.insertInto('onerosterClientSchools').values({ clientId: row.id, structureId }).execute();
  });
}

export function findClient(db: Db, id: string): Promise<ClientRow | undefined> {
  return db.selectFrom('onerosterClients').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function schoolIdsOf(db: Db, clientId: string): Promise<string[]> {
  const rows = await db.selectFrom('onerosterClientSchools').select('structureId').where('clientId', '=', clientId).orderBy('structureId').execute();
  return rows.map((r) => r.structureId);
}

export async function listClients(db: Db) {
  const clients = await db.selectFrom('onerosterClients').selectAll().orderBy('name').orderBy('id').execute();
  const grants = await db
    .selectFrom('onerosterClientSchools')
    .innerJoin('structures', 'structures.id', 'onerosterClientSchools.structureId')
    .select(['onerosterClientSchools.clientId', 'structures.uai', 'structures.name'])
    .orderBy('structures.name')
    .execute();
  return clients.map((c) => ({ ...c, schools: grants.filter((g) => g.clientId === c.id).map((g) => ({ uai: g.uai, name: g.name })) }));
}

/** Schools (not municipalities) by UAI, for the command line. */
export function schoolsByUai(db: Db, uais: string[]) {
  return db.selectFrom('structures').select(['id', 'uai', 'name']).where('uai', 'in', uais).where('kind', '!=', 'municipality').execute();
}

/** Revoking keeps the row (the audit log names it) and ends every token at once. */
export async function revokeClient(db: Db, clientId: string, at: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('onerosterClients').set({ revokedAt: at }).where('id', '=', clientId).execute();
    const gone = await trx.deleteFrom('onerosterTokens').where('clientId', '=', clientId).executeTakeFirst();
    return Number(gone.numDeletedRows);
  });
}

export async function insertToken(db: Db, row: { tokenHash: string; clientId: string; scopes: string; issuedAt: string; expiresAt: string }) {
  await db.insertInto('onerosterTokens').values(row).execute();
}

/** The live token's partner: not expired, partner not revoked. */
export function findLiveToken(db: Db, tokenHash: string, now: string) {
  return db
    .selectFrom('onerosterTokens')
    .innerJoin('onerosterClients', 'onerosterClients.id', 'onerosterTokens.clientId')
    .select(['onerosterTokens.clientId', 'onerosterTokens.scopes', 'onerosterClients.demographics', 'onerosterClients.name'])
    .where('onerosterTokens.tokenHash', '=', tokenHash)
    .where('onerosterTokens.expiresAt', '>', now)
    .where('onerosterClients.revokedAt', 'is', null)
    .executeTakeFirst();
}

export async function sweepExpiredTokens(db: Db, now: string): Promise<number> {
  const gone = await db.deleteFrom('onerosterTokens').where('expiresAt', '<=', now).executeTakeFirst();
  return Number(gone.numDeletedRows);
}

// ---------------------------------------------------------------------------------------------
// Rosters. Each resource is one query scoped to the partner's schools (and the current school
// year), read as a derived table `r` whose columns are OneRoster's names, so that `filter`,
// `sort`, `limit` and `offset` all run in SQL, the same way for every resource.
// ---------------------------------------------------------------------------------------------

/** The scope every roster query starts from. */
export interface RosterScope {
  schoolIds: string[];
  schoolYear: string;
}

const ROSTER_PROFILES = ['student', 'teacher', 'relative'] as const;
const none = ['00000000-0000-0000-0000-000000000000'];
const ids = (list: string[]) => (list.length > 0 ? list : none);

/** Schools granted, and the municipalities (districts) they belong to. */
export function orgsQuery(db: Db, scope: RosterScope) {
  const parents = db.selectFrom('structures as s').select('s.parentId').where('s.id', 'in', ids(scope.schoolIds)).where('s.parentId', 'is not', null);
  return db
    .selectFrom('structures')
    .select([
      'structures.id as sourcedId',
      sql<string>`'active'`.as('status'),
      'structures.createdAt as dateLastModified',
      'structures.name as name',
      sql<string>`case when ${sql.ref('structures.kind')} = 'municipality' then 'district' else 'school' end`.as('type'),
      'structures.uai as identifier',
      'structures.parentId as parentSourcedId',
    ])
    .where((eb) => eb.or([eb('structures.id', 'in', ids(scope.schoolIds)), eb('structures.id', 'in', parents as never)]));
}

/** The current school year, when a granted school has classes in it. */
export function sessionsQuery(db: Db, scope: RosterScope) {
  return db
    .selectFrom('groups')
    .select([
      'groups.schoolYear as sourcedId',
      sql<string>`'active'`.as('status'),
      sql<string>`'schoolYear'`.as('type'),
      sql<string>`min(${sql.ref('groups.createdAt')})`.as('dateLastModified'),
    ])
    .where('groups.structureId', 'in', ids(scope.schoolIds))
    .where('groups.schoolYear', '=', scope.schoolYear)
    .groupBy('groups.schoolYear');
}

/** Classes (homeroom) and teaching groups (scheduled) of the current year in the granted schools. */
export function classesQuery(db: Db, scope: RosterScope) {
  return db
    .selectFrom('groups')
    .select([
      'groups.id as sourcedId',
      sql<string>`'active'`.as('status'),
      'groups.createdAt as dateLastModified',
      'groups.name as title',
      'groups.name as classCode',
      sql<string>`case when ${sql.ref('groups.kind')} = 'class' then 'homeroom' else 'scheduled' end`.as('classType'),
      'groups.level as level',
      'groups.structureId as schoolSourcedId',
      'groups.schoolYear as termSourcedId',
    ])
    .where('groups.structureId', 'in', ids(scope.schoolIds))
    .where('groups.schoolYear', '=', scope.schoolYear)
    .where('groups.kind', 'in', ['class', 'teaching']);
}

/** Pupils, teachers and parents with an active membership of a granted school. */
export function usersQuery(db: Db, scope: RosterScope, within?: { schoolId?: string; classId?: string }) {
  return db
    .selectFrom('people')
    .select([
      'people.id as sourcedId',
      sql<string>`'active'`.as('status'),
      'people.updatedAt as dateLastModified',
      sql<string>`case when ${sql.ref('people.profile')} = 'relative' then 'parent' else ${sql.ref('people.profile')} end`.as('role'),
      'people.login as username',
      'people.firstName as givenName',
      sql<string>`coalesce(${sql.ref('people.usageName')}, ${sql.ref('people.lastName')})`.as('familyName'),
      'people.email as email',
      'people.birthDate as birthDate',
      'people.sex as sex',
    ])
    .where('people.status', '=', 'active')
    .where('people.profile', 'in', [...ROSTER_PROFILES])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('structureMembers as m')
          .select('m.personId')
          .whereRef('m.personId', '=', 'people.id')
          .where('m.active', '=', 1)
          .where('m.structureId', 'in', within?.schoolId ? [within.schoolId] : ids(scope.schoolIds)),
      ),
    )
    .$if(!!within?.classId, (q) =>
      q.where((eb) =>
        eb.exists(
          eb.selectFrom('groupMembers as gm').select('gm.personId').whereRef('gm.personId', '=', 'people.id').where('gm.groupId', '=', within!.classId!),
        ),
      ),
    );
}

/** Who is in which class of the current year, in the granted schools. */
export function enrollmentsQuery(db: Db, scope: RosterScope, within?: { schoolId?: string }) {
  return db
    .selectFrom('groupMembers')
    .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
    .innerJoin('people', 'people.id', 'groupMembers.personId')
    .select([
      sql<string>`${sql.ref('groups.id')} || '_' || ${sql.ref('people.id')}`.as('sourcedId'),
      sql<string>`'active'`.as('status'),
      'groups.createdAt as dateLastModified',
      'groupMembers.role as role',
      'people.id as userSourcedId',
      'groups.id as classSourcedId',
      'groups.structureId as schoolSourcedId',
    ])
    .where('people.status', '=', 'active')
    .where('groups.structureId', 'in', within?.schoolId ? [within.schoolId] : ids(scope.schoolIds))
    .where('groups.schoolYear', '=', scope.schoolYear)
    .where('groups.kind', 'in', ['class', 'teaching']);
}

/** The shape every roster query is read through: its rows, and a way to ask for a page. */
type RosterQuery = unknown;

function condition(filter: Filter | null, extra: Record<string, string>): Expression<SqlBool> | null {
  const parts: Expression<SqlBool>[] = [];
  if (filter) {
    const preds = filter.predicates.map((p) => {
      const ref = sql.ref(`r.${p.field}`);
      if (p.op === '~') {
        const pattern = `%${p.value.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        return sql<SqlBool>`lower(${ref}) like ${pattern} escape '\\'`;
      }
      return sql<SqlBool>`${ref} ${sql.raw(p.op === '!=' ? '<>' : p.op)} ${p.value}`;
    });
    parts.push(sql<SqlBool>`(${sql.join(preds, sql.raw(filter.join === 'AND' ? ' and ' : ' or '))})`);
  }
  for (const [field, value] of Object.entries(extra)) parts.push(sql<SqlBool>`${sql.ref(`r.${field}`)} = ${value}`);
  return parts.length === 0 ? null : sql<SqlBool>`${sql.join(parts, sql.raw(' and '))}`;
}

export interface PageRequest {
  filter: Filter | null;
  /** Equalities every row must meet besides the filter (a sub-route's role, its school). */
  where?: Record<string, string>;
  sort: string | null;
  descending: boolean;
  limit: number;
  offset: number;
}

/** One page of a roster query, and how many rows the whole filtered list has (for X-Total-Count). */
export async function page<R>(db: Db, query: RosterQuery, request: PageRequest): Promise<{ rows: R[]; total: number }> {
  const where = condition(request.filter, request.where ?? {});
  const base = db.selectFrom((query as ReturnType<typeof orgsQuery>).as('r'));
  const filtered = where ? base.where(where) : base;
  const counted = await filtered.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  const direction = request.descending ? sql.raw('desc') : sql.raw('asc');
  let rows = filtered.selectAll();
  if (request.sort && request.sort !== 'sourcedId') rows = rows.orderBy(sql`${sql.ref(`r.${request.sort}`)} ${direction}`);
  rows = rows.orderBy(sql`${sql.ref('r.sourcedId')} ${request.sort === 'sourcedId' ? direction : sql.raw('asc')}`);
  const list = await rows.limit(request.limit).offset(request.offset).execute();
  return { rows: list as R[], total: Number(counted?.n ?? 0) };
}

/** The schools (granted ones) each person of a page belongs to, for their `roles`. */
export async function membershipsOf(db: Db, personIds: string[], scope: RosterScope) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('structureMembers')
    .select(['personId', 'structureId'])
    .where('personId', 'in', personIds)
    .where('active', '=', 1)
    .where('structureId', 'in', ids(scope.schoolIds))
    .orderBy('structureId')
    .execute();
}

/** Parent–child links of a page's people, both ends visible to the partner. */
export async function agentLinksOf(db: Db, personIds: string[], scope: RosterScope) {
  if (personIds.length === 0) return [];
  const visible = usersQuery(db, scope).clearSelect().select('people.id');
  return db
    .selectFrom('relativeLinks')
    .select(['relativeId', 'studentId'])
    .where((eb) => eb.or([eb('relativeId', 'in', personIds), eb('studentId', 'in', personIds)]))
    .where('relativeId', 'in', visible)
    .where('studentId', 'in', visible)
    .orderBy('relativeId')
    .orderBy('studentId')
    .execute();
}

/** The classes' schools in a page of classes or a single lookup: whether a class is the partner's. */
export async function classSchool(db: Db, scope: RosterScope, classId: string): Promise<string | null> {
  const row = await classesQuery(db, scope).where('groups.id', '=', classId).executeTakeFirst();
  return row?.schoolSourcedId ?? null;
}

/** A structure the partner may name in a sub-route (a granted school) and its existence. */
export async function structureExists(db: Db, id: string): Promise<boolean> {
  return !!(await db.selectFrom('structures').select('id').where('id', '=', id).executeTakeFirst());
}
