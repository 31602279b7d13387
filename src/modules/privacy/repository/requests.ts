import { sql } from 'kysely';
import type { Db } from '../../../kernel/db/index.js';
import type { PrivacyRequestsTable, RequestStatus } from '../tables.js';

export type RequestRow = PrivacyRequestsTable;

/** The statuses of a request still waiting for its answer. */
export const OPEN_STATUSES: RequestStatus[] = ['received', 'in_progress'];

/** A request as its handler sees it: with the requester's name and login. */
export interface HandledRow extends RequestRow {
  login: string;
  firstName: string;
  lastName: string;
  usageName: string | null;
  profile: string;
}

/**
 * Whose requests one handler sees: everyone's (null, the instance administrator) or the members of
 * these structures; never the handler's own.
 */
export interface HandlerScope {
  handlerId: string;
  structureIds: string[] | null;
}

/** `status`: one status, or `open` for those still waiting. */
export type StatusFilter = RequestStatus | 'open';

export async function insertRequest(db: Db, row: RequestRow): Promise<void> {
  await db.insertInto('privacyRequests').values(row).execute();
}

/** One request with its requester, whoever asks (the service authorizes). */
export async function findHandled(db: Db, id: string): Promise<HandledRow | undefined> {
  return db
    .selectFrom('privacyRequests as r')
    .innerJoin('people as p', 'p.id', 'r.personId')
    .selectAll('r')
    .select(['p.login', 'p.firstName', 'p.lastName', 'p.usageName', 'p.profile'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/** The person's own requests, newest first (theirs by the `where`). */
export async function requestsOf(db: Db, personId: string, limit = 50): Promise<RequestRow[]> {
  return db.selectFrom('privacyRequests').selectAll().where('personId', '=', personId).orderBy('createdAt', 'desc').orderBy('id').limit(limit).execute();
}

export async function countOpenOf(db: Db, personId: string): Promise<number> {
  const row = await db
    .selectFrom('privacyRequests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('personId', '=', personId)
    .where('status', 'in', OPEN_STATUSES)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The structures the person belongs to (past memberships too: a departed person's request is still answered). */
export async function structureIdsOf(db: Db, personId: string): Promise<string[]> {
  const rows = await db.selectFrom('structureMembers').select('structureId').distinct().where('personId', '=', personId).execute();
  return rows.map((r) => r.structureId);
}

/** The structure names of a person, for the handler's page. */
export async function structureNamesOf(db: Db, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('structureMembers as m')
    .innerJoin('structures as s', 's.id', 'm.structureId')
    .select('s.name')
    .distinct()
    .where('m.personId', '=', personId)
    .orderBy('s.name')
    .execute();
  return rows.map((r) => r.name);
}

function handled(db: Db, scope: HandlerScope, status?: StatusFilter) {
  let query = db
    .selectFrom('privacyRequests as r')
    .innerJoin('people as p', 'p.id', 'r.personId')
    .selectAll('r')
    .select(['p.login', 'p.firstName', 'p.lastName', 'p.usageName', 'p.profile'])
    .where('r.personId', '!=', scope.handlerId);
  const structureIds = scope.structureIds;
  if (structureIds !== null)
    query = query.where('r.personId', 'in', db.selectFrom('structureMembers').select('personId').where('structureId', 'in', structureIds));
  if (status === 'open') query = query.where('r.status', 'in', OPEN_STATUSES);
  else if (status) query = query.where('r.status', '=', status);
  return query;
}

/**
 * The requests one handler may handle, filtered in SQL by the same rule as `privacy.request.handle`:
 * open ones first, oldest first (a queue), then the answered ones, latest answer first.
 */
export async function listHandled(db: Db, scope: HandlerScope, q: { status?: StatusFilter; limit: number; offset: number }): Promise<HandledRow[]> {
  if (scope.structureIds?.length === 0) return [];
  const open = sql<number>`case when r.status in ('received', 'in_progress') then 0 else 1 end`;
  return handled(db, scope, q.status)
    .orderBy(open)
    .orderBy(sql`case when r.status in ('received', 'in_progress') then r.created_at end`)
    .orderBy('r.updatedAt', 'desc')
    .orderBy('r.id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
}

/** How many requests the handler has still to answer (the link on "my data"). */
export async function countOpenHandled(db: Db, scope: HandlerScope): Promise<number> {
  if (scope.structureIds?.length === 0) return 0;
  const row = await db
    .selectFrom(handled(db, scope, 'open').as('h'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Moves a request on from the status it was read in; false when someone changed it meanwhile. */
export async function updateStatus(
  db: Db,
  id: string,
  from: RequestStatus,
  change: { status: RequestStatus; reason: string | null; handledBy: string; updatedAt: string },
): Promise<boolean> {
  const done = await db.updateTable('privacyRequests').set(change).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

/**
 * Who is told of a new request: the local administrators of the requester's structures, or the
 * instance administrators when none of them has one; never the requester.
 */
export async function handlersToTell(db: Db, personId: string): Promise<string[]> {
  const local = await db
    .selectFrom('structureRoles as r')
    .innerJoin('people as p', 'p.id', 'r.personId')
    .select('r.personId')
    .distinct()
    .where('r.role', '=', 'localAdmin')
    .where('r.structureId', 'in', db.selectFrom('structureMembers').select('structureId').where('personId', '=', personId))
    .where('r.personId', '!=', personId)
    .where('p.status', '=', 'active')
    .execute();
  if (local.length > 0) return local.map((r) => r.personId);
  const instance = await db
    .selectFrom('people')
    .select('id')
    .where('isSuperAdmin', '=', 1)
    .where('id', '!=', personId)
    .where('status', '=', 'active')
    .execute();
  return instance.map((r) => r.id);
}
