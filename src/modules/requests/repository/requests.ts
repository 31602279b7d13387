import type { Db } from '../../../kernel/db/index.js';
import type { RequestKind, RequestOrigin, RequestStatus, RequestsFilesTable, RequestsRequestsTable } from '../tables.js';

const SCHOOL_KINDS = ['school', 'college', 'lycee'] as const;

/** The children a parent is linked to (a subquery, for `in`). */
export const childrenOf = (db: Db, relativeId: string) => db.selectFrom('relativeLinks').select('studentId').where('relativeId', '=', relativeId);

/** A pupil's school (an active membership), the municipality owning it, and whether `askerId` is their parent. */
export async function childFacts(db: Db, askerId: string, studentId: string) {
  const row = await db
    .selectFrom('people')
    .innerJoin('structureMembers', 'structureMembers.personId', 'people.id')
    .innerJoin('structures', 'structures.id', 'structureMembers.structureId')
    .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName', 'structures.id as structureId', 'structures.parentId as municipalityId'])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('relativeLinks').select('relativeId').where('relativeId', '=', askerId).whereRef('studentId', '=', 'people.id'))
        .as('childOfActor'),
    )
    .where('people.id', '=', studentId)
    .where('people.profile', '=', 'student')
    .where('structureMembers.active', '=', 1)
    .where('structures.kind', 'in', SCHOOL_KINDS)
    .orderBy('structures.name')
    .executeTakeFirst();
  if (!row) return null;
  return { ...row, childOfActor: !!row.childOfActor };
}

/** A parent's children whose school belongs to a municipality, for the form's choice. */
export async function familyChildren(db: Db, relativeId: string) {
  return db
    .selectFrom('relativeLinks')
    .innerJoin('people', 'people.id', 'relativeLinks.studentId')
    .innerJoin('structureMembers', (j) => j.onRef('structureMembers.personId', '=', 'people.id').on('structureMembers.active', '=', 1))
    .innerJoin('structures', 'structures.id', 'structureMembers.structureId')
    .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName', 'people.searchKey', 'structures.name as schoolName'])
    .where('relativeLinks.relativeId', '=', relativeId)
    .where('structures.kind', 'in', SCHOOL_KINDS)
    .where('structures.parentId', 'is not', null)
    .orderBy('people.searchKey')
    .execute();
}

/** A school and its municipality. */
export async function schoolFacts(db: Db, structureId: string) {
  const row = await db
    .selectFrom('structures')
    .select(['id', 'name', 'parentId'])
    .where('id', '=', structureId)
    .where('kind', 'in', SCHOOL_KINDS)
    .executeTakeFirst();
  return row ? { structureId: row.id, name: row.name, municipalityId: row.parentId } : null;
}

export async function insertRequest(db: Db, row: RequestsRequestsTable) {
  await db.insertInto('requestsRequests').values(row).execute();
}

/** The next position in a request's history or conversation (its row is locked by the caller's update first). */
async function nextPosition(db: Db, table: 'requestsStatusChanges' | 'requestsMessages', requestId: string) {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('position').as('last'))
    .where('requestId', '=', requestId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function insertStatus(db: Db, row: { id: string; requestId: string; status: RequestStatus; changedBy: string; changedAt: string }) {
  await db
    .insertInto('requestsStatusChanges')
    .values({ ...row, position: await nextPosition(db, 'requestsStatusChanges', row.requestId) })
    .execute();
}

export async function setStatus(db: Db, id: string, status: RequestStatus, at: string) {
  await db.updateTable('requestsRequests').set({ status, updatedAt: at }).where('id', '=', id).execute();
}

export async function touch(db: Db, id: string, at: string) {
  await db.updateTable('requestsRequests').set({ updatedAt: at }).where('id', '=', id).execute();
}

export async function insertMessage(db: Db, row: { id: string; requestId: string; authorId: string; body: string; createdAt: string }) {
  await db
    .insertInto('requestsMessages')
    .values({ ...row, position: await nextPosition(db, 'requestsMessages', row.requestId) })
    .execute();
}

export async function insertFiles(db: Db, rows: RequestsFilesTable[]) {
  if (rows.length > 0) await db.insertInto('requestsFiles').values(rows).execute();
}

/** A request with what the policy needs about the asker. */
export async function requestFacts(db: Db, askerId: string, id: string) {
  const row = await db
    .selectFrom('requestsRequests as r')
    .selectAll('r')
    .select((eb) =>
      eb
        .exists(eb.selectFrom('relativeLinks').select('relativeId').where('relativeId', '=', askerId).whereRef('studentId', '=', 'r.studentId'))
        .as('childOfActor'),
    )
    .where('r.id', '=', id)
    .executeTakeFirst();
  return row ? { ...row, childOfActor: !!row.childOfActor } : null;
}

export interface ListFilter {
  kind?: RequestKind;
  status?: RequestStatus;
  origin?: RequestOrigin;
  limit: number;
  offset: number;
}

/** Who the list is for: a family (its own and its children's), agents of some municipalities, directors of some schools. */
export type ListScope = { family: string } | { municipalities: string[] } | { schools: string[] };

/** Requests visible to the scope, most recently changed first; filtered in SQL. */
export async function listRequests(db: Db, scope: ListScope, filter: ListFilter) {
  let q = db
    .selectFrom('requestsRequests as r')
    .innerJoin('structures as s', 's.id', 'r.structureId')
    .innerJoin('people as requester', 'requester.id', 'r.requesterId')
    .leftJoin('people as child', 'child.id', 'r.studentId')
    .select([
      'r.id',
      'r.origin',
      'r.kind',
      'r.status',
      'r.title',
      'r.schoolYear',
      'r.attestationKind',
      'r.createdAt',
      'r.updatedAt',
      'r.studentId',
      's.name as schoolName',
      'requester.firstName as requesterFirstName',
      'requester.lastName as requesterLastName',
      'requester.usageName as requesterUsageName',
      'child.firstName as childFirstName',
      'child.lastName as childLastName',
      'child.usageName as childUsageName',
    ]);
  if ('family' in scope)
    q = q
      .where('r.origin', '=', 'family')
      .where((eb) => eb.or([eb('r.requesterId', '=', scope.family), eb('r.studentId', 'in', childrenOf(db, scope.family))]));
  else if ('municipalities' in scope) q = q.where('r.municipalityId', 'in', scope.municipalities.length > 0 ? scope.municipalities : ['']);
  else q = q.where('r.origin', '=', 'school').where('r.structureId', 'in', scope.schools.length > 0 ? scope.schools : ['']);
  if (filter.kind) q = q.where('r.kind', '=', filter.kind);
  if (filter.status) q = q.where('r.status', '=', filter.status);
  if (filter.origin) q = q.where('r.origin', '=', filter.origin);
  return q.orderBy('r.updatedAt', 'desc').orderBy('r.id').limit(filter.limit).offset(filter.offset).execute();
}

/** Names that go with a request: its school, child and requester. */
export async function requestNames(db: Db, id: string) {
  return db
    .selectFrom('requestsRequests as r')
    .innerJoin('structures as s', 's.id', 'r.structureId')
    .innerJoin('people as requester', 'requester.id', 'r.requesterId')
    .leftJoin('people as child', 'child.id', 'r.studentId')
    .select([
      's.name as schoolName',
      'requester.firstName as requesterFirstName',
      'requester.lastName as requesterLastName',
      'requester.usageName as requesterUsageName',
      'child.firstName as childFirstName',
      'child.lastName as childLastName',
      'child.usageName as childUsageName',
    ])
    .where('r.id', '=', id)
    .executeTakeFirstOrThrow();
}

export async function statusHistory(db: Db, requestId: string) {
  return db
    .selectFrom('requestsStatusChanges as c')
    .innerJoin('people as p', 'p.id', 'c.changedBy')
    .select(['c.status', 'c.changedAt', 'c.changedBy', 'p.firstName', 'p.lastName', 'p.usageName'])
    .where('c.requestId', '=', requestId)
    .orderBy('c.position')
    .execute();
}

export async function messagesOf(db: Db, requestId: string) {
  return db
    .selectFrom('requestsMessages as m')
    .innerJoin('people as p', 'p.id', 'm.authorId')
    .select(['m.id', 'm.body', 'm.createdAt', 'm.authorId', 'p.firstName', 'p.lastName', 'p.usageName', 'p.profile'])
    .where('m.requestId', '=', requestId)
    .orderBy('m.position')
    .execute();
}

export async function filesOf(db: Db, requestId: string) {
  return db.selectFrom('requestsFiles').selectAll().where('requestId', '=', requestId).orderBy('uploadedAt').orderBy('id').execute();
}

export async function findFile(db: Db, requestId: string, fileId: string) {
  return (await db.selectFrom('requestsFiles').selectAll().where('requestId', '=', requestId).where('id', '=', fileId).executeTakeFirst()) ?? null;
}

/** The blob keys among `keys` that a request's file still uses (the daily sweep keeps them). */
export async function referencedBlobKeys(db: Db, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('requestsFiles')
    .select('blobKey')
    .where('blobKey', 'in', [...keys])
    .execute();
  return rows.map((r) => r.blobKey);
}

/** The parents who follow a family's request: its requester and the child's other legal guardians. */
export async function familyRecipients(db: Db, requestId: string): Promise<string[]> {
  const r = await db.selectFrom('requestsRequests').select(['requesterId', 'studentId', 'origin']).where('id', '=', requestId).executeTakeFirst();
  if (!r) return [];
  if (r.origin === 'school' || !r.studentId) return [r.requesterId];
  const guardians = await db.selectFrom('relativeLinks').select('relativeId').where('studentId', '=', r.studentId).where('legalGuardian', '=', 1).execute();
  return [...new Set([r.requesterId, ...guardians.map((g) => g.relativeId)])];
}
