import { sql } from 'kysely';
import type { Actor } from '../../kernel/authz/index.js';
import type { Db } from '../../kernel/db/index.js';
import type { DocumentNodesTable } from './tables.js';
import type { ClassRole, ShareLevel } from './policy.js';

export type Node = DocumentNodesTable;

/** Ids of the (current-year) groups a person belongs to, as a subquery. */
export function myGroupIds(db: Db, personId: string, year: string) {
  return db
    .selectFrom('groupMembers')
    .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
    .select('groupMembers.groupId as id')
    .where('groupMembers.personId', '=', personId)
    .where('groups.schoolYear', '=', year);
}

export async function findNode(db: Db, id: string): Promise<Node | undefined> {
  return db.selectFrom('documentNodes').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The ids in a materialised path, root first. */
export function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** The strongest share reaching the actor on this node or one of its ancestors. */
export async function shareLevel(db: Db, actor: Actor, node: Pick<Node, 'path'>, year: string): Promise<ShareLevel> {
  const rows = await db
    .selectFrom('documentShares')
    .select('canEdit')
    .where('nodeId', 'in', pathIds(node.path))
    .where((eb) =>
      eb.or([
        eb.and([eb('granteeKind', '=', 'person'), eb('granteeId', '=', actor.personId)]),
        eb.and([eb('granteeKind', '=', 'group'), eb('granteeId', 'in', myGroupIds(db, actor.personId, year))]),
      ]),
    )
    .execute();
  if (rows.length === 0) return null;
  return rows.some((r) => r.canEdit === 1) ? 'edit' : 'read';
}

/** How the actor stands towards a class: teaches it, is in it, or is a pupil's parent. */
export async function classRole(db: Db, actor: Actor, classId: string): Promise<ClassRole> {
  const member = await db.selectFrom('groupMembers').select('role').where('groupId', '=', classId).where('personId', '=', actor.personId).executeTakeFirst();
  if (member) return member.role;
  const child = await db
    .selectFrom('relativeLinks')
    .innerJoin('groupMembers', 'groupMembers.personId', 'relativeLinks.studentId')
    .select('relativeLinks.studentId')
    .where('relativeLinks.relativeId', '=', actor.personId)
    .where('groupMembers.groupId', '=', classId)
    .where('groupMembers.role', '=', 'student')
    .executeTakeFirst();
  return child ? 'relative' : null;
}

const listColumns = [
  'id',
  'ownerId',
  'parentId',
  'kind',
  'name',
  'size',
  'contentType',
  'sha256',
  'classId',
  'parentsCanRead',
  'updatedAt',
  'trashedAt',
] as const;

type ChildrenOf = { parentId: string } | { ownerRoot: string } | { classRoot: string };

function childrenQuery(db: Db, where: ChildrenOf) {
  let query = db.selectFrom('documentNodes').where('trashedAt', 'is', null);
  if ('parentId' in where) query = query.where('parentId', '=', where.parentId);
  else if ('ownerRoot' in where) query = query.where('ownerId', '=', where.ownerRoot).where('parentId', 'is', null).where('classId', 'is', null);
  else query = query.where('classId', '=', where.classRoot).where('parentId', 'is', null);
  return query;
}

/** Children of a folder (or of a space's root), folders first, not trashed. */
export async function listChildren(db: Db, where: ChildrenOf, limit = 5000) {
  return childrenQuery(db, where).select(listColumns).orderBy('kind', 'desc').orderBy('searchKey').orderBy('id').limit(limit).execute();
}

/** One page of a folder for the HTML listing, with the total; `parentsOnly` keeps what parents may read. */
export async function pageOfChildren(db: Db, where: ChildrenOf, options: { limit: number; offset: number; parentsOnly?: boolean }) {
  let query = childrenQuery(db, where);
  if (options.parentsOnly) query = query.where('parentsCanRead', '=', 1);
  const rows = await query
    .select([...listColumns, sql<number>`count(*) over ()`.as('total')])
    .orderBy('kind', 'desc')
    .orderBy('searchKey')
    .orderBy('id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  const total = rows[0] ? Number(rows[0].total) : 0;
  return { total, items: rows.map(({ total: _total, ...row }) => row) };
}

/** Nodes shared directly with the actor or one of their groups, not trashed. */
export async function listSharedWithMe(db: Db, actor: Actor, year: string) {
  return db
    .selectFrom('documentNodes')
    .innerJoin('documentShares', 'documentShares.nodeId', 'documentNodes.id')
    .innerJoin('people', 'people.id', 'documentNodes.ownerId')
    .select([...listColumns.map((c) => `documentNodes.${c}` as const), 'documentShares.canEdit', 'people.firstName', 'people.lastName', 'people.usageName'])
    .where('documentNodes.trashedAt', 'is', null)
    .where('documentNodes.ownerId', '!=', actor.personId)
    .where((eb) =>
      eb.or([
        eb.and([eb('documentShares.granteeKind', '=', 'person'), eb('documentShares.granteeId', '=', actor.personId)]),
        eb.and([eb('documentShares.granteeKind', '=', 'group'), eb('documentShares.granteeId', 'in', myGroupIds(db, actor.personId, year))]),
      ]),
    )
    .orderBy('documentNodes.searchKey')
    .limit(1000)
    .execute();
}

/** The actor's own nodes whose name contains the folded query. */
export async function searchOwn(db: Db, actor: Actor, folded: string) {
  const pattern = `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom('documentNodes')
    .select(listColumns)
    .where('ownerId', '=', actor.personId)
    .where('trashedAt', 'is', null)
    .where(sql<boolean>`search_key like ${pattern} escape '\\'`)
    .orderBy('searchKey')
    .limit(200)
    .execute();
}

export async function listTrash(db: Db, actor: Actor) {
  return db
    .selectFrom('documentNodes')
    .select(listColumns)
    .where('ownerId', '=', actor.personId)
    .where('trashRoot', '=', 1)
    .where('trashedAt', 'is not', null)
    .orderBy('trashedAt', 'desc')
    .limit(1000)
    .execute();
}

/** Bytes a person's space holds, trash included (it can be emptied). */
export async function usedBytes(db: Db, ownerId: string): Promise<number> {
  const row = await db
    .selectFrom('documentNodes')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('size'), eb.lit(0)).as('used'))
    .where('ownerId', '=', ownerId)
    .executeTakeFirst();
  // PostgreSQL sums a bigint as numeric, which arrives as a string.
  return Number(row?.used ?? 0);
}

export async function listShares(db: Db, nodeId: string) {
  const rows = await db
    .selectFrom('documentShares')
    .leftJoin('people', (join) => join.onRef('people.id', '=', 'documentShares.granteeId').on('documentShares.granteeKind', '=', 'person'))
    .leftJoin('groups', (join) => join.onRef('groups.id', '=', 'documentShares.granteeId').on('documentShares.granteeKind', '=', 'group'))
    .select([
      'documentShares.id',
      'documentShares.granteeKind',
      'documentShares.granteeId',
      'documentShares.canEdit',
      'people.firstName',
      'people.lastName',
      'people.usageName',
      'groups.name as groupName',
    ])
    .where('documentShares.nodeId', '=', nodeId)
    .orderBy('documentShares.createdAt')
    .execute();
  return rows;
}

/** Rewrites the path of a node's subtree after a move (portable string functions only). */
export async function rewritePaths(db: Db, oldPrefix: string, newPrefix: string): Promise<void> {
  await db
    .updateTable('documentNodes')
    .set({ path: sql<string>`${newPrefix} || substr(path, ${oldPrefix.length + 1})` })
    .where('path', 'like', `${oldPrefix}%`)
    .execute();
}
