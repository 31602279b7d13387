import { sql } from 'kysely';
import type { Db } from '../../../kernel/db/index.js';
import { groupIdsOf, groupStanding, groupsOf, visiblePersonIds } from '../../directory/index.js';
import type { NodeFacts, ShareLevel } from '../policy.js';
import type { DocumentNodesTable, DocumentSharesTable } from '../tables.js';

export type Node = DocumentNodesTable;

export async function findNode(db: Db, id: string): Promise<Node | undefined> {
  return db.selectFrom('documentNodes').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The ids in a materialised path, root first. */
export function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** Shares reaching a person directly or through one of their groups of the year. */
function sharedWith(db: Db, personId: string, year: string) {
  return db
    .selectFrom('documentShares')
    .where((eb) =>
      eb.or([
        eb.and([eb('documentShares.granteeKind', '=', 'person'), eb('documentShares.granteeId', '=', personId)]),
        eb.and([eb('documentShares.granteeKind', '=', 'group'), eb('documentShares.granteeId', 'in', groupIdsOf(db, personId, year))]),
      ]),
    );
}

/** The strongest share reaching the person on this node or one of its ancestors. */
async function shareLevel(db: Db, personId: string, node: Pick<Node, 'path'>, year: string): Promise<ShareLevel> {
  const rows = await sharedWith(db, personId, year).select('canEdit').where('nodeId', 'in', pathIds(node.path)).execute();
  if (rows.length === 0) return null;
  return rows.some((r) => r.canEdit === 1) ? 'edit' : 'read';
}

/** The facts the policy reads about a node for a person. */
export async function nodeFacts(db: Db, personId: string, node: Node, now: Date, year: string): Promise<NodeFacts> {
  const mine = node.ownerId === personId;
  const [share, standing] = await Promise.all([
    mine ? null : shareLevel(db, personId, node, year),
    node.classId ? groupStanding(db, personId, node.classId, now) : null,
  ]);
  return {
    ownerId: node.ownerId,
    kind: node.kind,
    classId: node.classId,
    parentsCanRead: node.parentsCanRead === 1,
    trashed: node.trashedAt !== null,
    trashRoot: node.trashRoot === 1,
    share,
    classStanding: standing ? { current: standing.current, relations: standing.relations } : null,
  };
}

export const listColumns = [
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

export type ChildrenOf = { parentId: string } | { ownerRoot: string } | { classRoot: string };

/**
 * Children of a folder (or of a space's root), not trashed. `parentsOnly` keeps what the teacher
 * opened to parents: the one filter every class listing (root or subfolder, page or API) uses.
 */
function childrenQuery(db: Db, where: ChildrenOf, parentsOnly: boolean) {
  let query = db.selectFrom('documentNodes').where('trashedAt', 'is', null);
  if ('parentId' in where) query = query.where('parentId', '=', where.parentId);
  else if ('ownerRoot' in where) query = query.where('ownerId', '=', where.ownerRoot).where('parentId', 'is', null).where('classId', 'is', null);
  else query = query.where('classId', '=', where.classRoot).where('parentId', 'is', null);
  if (parentsOnly) query = query.where('parentsCanRead', '=', 1);
  return query;
}

export interface Window {
  limit: number;
  offset: number;
}

/** One page of a folder, folders first, with the total. */
export async function pageOfChildren(db: Db, where: ChildrenOf, window: Window, parentsOnly = false) {
  const rows = await childrenQuery(db, where, parentsOnly)
    .select([...listColumns, sql<number>`count(*) over ()`.as('total')])
    .orderBy('kind', 'desc')
    .orderBy('searchKey')
    .orderBy('id')
    .limit(window.limit)
    .offset(window.offset)
    .execute();
  const total = rows[0] ? Number(rows[0].total) : 0;
  return { total, items: rows.map(({ total: _total, ...row }) => row) };
}

/** Nodes shared directly with the person or one of their groups, not trashed. */
export async function listSharedWithMe(db: Db, personId: string, year: string, window: Window) {
  return db
    .selectFrom('documentNodes')
    .select(listColumns.map((c) => `documentNodes.${c}` as const))
    .where('documentNodes.trashedAt', 'is', null)
    .where('documentNodes.ownerId', '!=', personId)
    .where('documentNodes.id', 'in', sharedWith(db, personId, year).select('documentShares.nodeId'))
    .orderBy('documentNodes.searchKey')
    .orderBy('documentNodes.id')
    .limit(window.limit)
    .offset(window.offset)
    .execute();
}

/** The person's own nodes whose name contains the folded query. */
export async function searchOwn(db: Db, personId: string, folded: string, window: Window) {
  const pattern = `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom('documentNodes')
    .select(listColumns)
    .where('ownerId', '=', personId)
    .where('trashedAt', 'is', null)
    .where(sql<boolean>`search_key like ${pattern} escape '\\'`)
    .orderBy('searchKey')
    .orderBy('id')
    .limit(window.limit)
    .offset(window.offset)
    .execute();
}

export async function listTrash(db: Db, personId: string, window: Window) {
  return db
    .selectFrom('documentNodes')
    .select(listColumns)
    .where('ownerId', '=', personId)
    .where('trashRoot', '=', 1)
    .where('trashedAt', 'is not', null)
    .orderBy('trashedAt', 'desc')
    .orderBy('id')
    .limit(window.limit)
    .offset(window.offset)
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

export async function profileOf(db: Db, personId: string) {
  const row = await db.selectFrom('people').select('profile').where('id', '=', personId).executeTakeFirstOrThrow();
  return row.profile;
}

export async function insertNodes(db: Db, nodes: Node[]): Promise<void> {
  for (let i = 0; i < nodes.length; i += 50)
    await db
      .insertInto('documentNodes')
      .values(nodes.slice(i, i + 50))
      .execute();
}

export async function renameNode(db: Db, id: string, name: string, searchKey: string, at: string): Promise<void> {
  await db.updateTable('documentNodes').set({ name, searchKey, updatedAt: at }).where('id', '=', id).execute();
}

/** Moves a node under a new parent and rewrites its subtree's paths (portable string functions only). */
export async function moveNode(db: Db, node: Pick<Node, 'id' | 'path'>, parentId: string | null, newPath: string, at: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('documentNodes').set({ parentId, updatedAt: at }).where('id', '=', node.id).execute();
    await rewritePaths(trx, node.path, newPath);
  });
}

async function rewritePaths(db: Db, oldPrefix: string, newPrefix: string): Promise<void> {
  await db
    .updateTable('documentNodes')
    .set({ path: sql<string>`${newPrefix} || substr(path, ${oldPrefix.length + 1})` })
    .where('path', 'like', `${oldPrefix}%`)
    .execute();
}

export async function trashSubtree(db: Db, node: Pick<Node, 'id' | 'path'>, at: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('documentNodes').set({ trashedAt: at }).where('path', 'like', `${node.path}%`).where('trashedAt', 'is', null).execute();
    await trx.updateTable('documentNodes').set({ trashRoot: 1 }).where('id', '=', node.id).execute();
  });
}

/** Brings back what was trashed with the node; to the root when its folder is gone or trashed. */
export async function restoreSubtree(db: Db, node: Node): Promise<void> {
  const parent = node.parentId ? await findNode(db, node.parentId) : null;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('documentNodes').set({ trashedAt: null }).where('path', 'like', `${node.path}%`).where('trashedAt', '=', node.trashedAt).execute();
    await trx.updateTable('documentNodes').set({ trashRoot: 0 }).where('id', '=', node.id).execute();
    if (node.parentId && (!parent || parent.trashedAt)) {
      await trx.updateTable('documentNodes').set({ parentId: null }).where('id', '=', node.id).execute();
      await rewritePaths(trx, node.path, `/${node.id}/`);
    }
  });
}

/** Deletes a subtree and its shares; returns the blob keys to delete once done. */
export async function deleteSubtree(db: Db, node: Pick<Node, 'path'>): Promise<string[]> {
  const subtree = await db.selectFrom('documentNodes').select(['id', 'blobKey', 'path']).where('path', 'like', `${node.path}%`).execute();
  // Deepest first, so no row points at a deleted parent.
  subtree.sort((a, b) => b.path.length - a.path.length);
  await db.transaction().execute(async (trx) => {
    const ids = subtree.map((n) => n.id);
    for (let i = 0; i < ids.length; i += 500)
      await trx
        .deleteFrom('documentShares')
        .where('nodeId', 'in', ids.slice(i, i + 500))
        .execute();
    for (const n of subtree) await trx.deleteFrom('documentNodes').where('id', '=', n.id).execute();
  });
  return subtree.flatMap((n) => (n.blobKey ? [n.blobKey] : []));
}

/** Records the files of an upload, in one transaction that checks the quota again. */
export async function insertWithinQuota(db: Db, ownerId: string, quota: number, nodes: Node[]): Promise<number | null> {
  const total = nodes.reduce((sum, n) => sum + n.size, 0);
  return db.transaction().execute(async (trx) => {
    const left = quota - (await usedBytes(trx, ownerId));
    if (total > left) return left;
    await insertNodes(trx, nodes);
    return null;
  });
}

/** Adds or updates the share of a node with a person or group; returns its id. */
export async function upsertShare(db: Db, share: DocumentSharesTable): Promise<string> {
  const existing = await db
    .selectFrom('documentShares')
    .select('id')
    .where('nodeId', '=', share.nodeId)
    .where('granteeKind', '=', share.granteeKind)
    .where('granteeId', '=', share.granteeId)
    .executeTakeFirst();
  if (existing) {
    await db.updateTable('documentShares').set({ canEdit: share.canEdit }).where('id', '=', existing.id).execute();
    return existing.id;
  }
  await db.insertInto('documentShares').values(share).execute();
  return share.id;
}

export async function deleteShare(db: Db, nodeId: string, shareId: string): Promise<boolean> {
  const result = await db.deleteFrom('documentShares').where('id', '=', shareId).where('nodeId', '=', nodeId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function listShares(db: Db, nodeId: string) {
  return db
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
}

/** The nodes of a path, root first, as far as they exist. */
export async function nodesOfPath(db: Db, path: string): Promise<Node[]> {
  const ids = pathIds(path);
  const rows = await db.selectFrom('documentNodes').selectAll().where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((i) => byId.get(i)).filter((r) => r !== undefined);
}

/** Folders of the same space a node could move into (not its own subtree). */
export async function moveTargets(db: Db, node: Pick<Node, 'ownerId' | 'path' | 'classId'>) {
  return db
    .selectFrom('documentNodes')
    .select(['id', 'name'])
    .where('ownerId', '=', node.ownerId)
    .where('kind', '=', 'folder')
    .where('trashedAt', 'is', null)
    .where('path', 'not like', `${node.path}%`)
    .where((eb) => (node.classId ? eb('classId', '=', node.classId) : eb('classId', 'is', null)))
    .orderBy('searchKey')
    .limit(500)
    .execute();
}

/** Whether the person is in the directory's view of the sharer. */
export async function isVisiblePerson(db: Db, actor: Parameters<typeof visiblePersonIds>[1], personId: string, year: string): Promise<boolean> {
  const row = await db
    .selectFrom('people')
    .select('id')
    .where('id', '=', personId)
    .where('id', 'in', visiblePersonIds(db, actor, year))
    .executeTakeFirst();
  return !!row;
}

/** People a person may share with: those the directory shows them, active, not themselves. */
export async function shareablePeople(db: Db, actor: Parameters<typeof visiblePersonIds>[1], year: string) {
  return db
    .selectFrom('people')
    .select(['id', 'firstName', 'lastName', 'usageName'])
    .where('id', 'in', visiblePersonIds(db, actor, year))
    .where('id', '!=', actor.personId)
    .where('status', '=', 'active')
    .orderBy('searchKey')
    .limit(500)
    .execute();
}

/** The person's own groups of the year (not their children's), by name: what they may share with. */
export async function ownGroups(db: Db, personId: string, year: string) {
  const own = db
    .selectFrom(groupsOf(db, personId, year).as('g'))
    .select('g.groupId')
    .where('g.relation', '!=', 'relative');
  return db.selectFrom('groups').select(['id', 'name']).where('id', 'in', own).orderBy('name').execute();
}

/** Classes whose space the person opens this year: their own classes, or their children's. */
export async function classSpaces(db: Db, personId: string, year: string) {
  return db
    .selectFrom('groups')
    .select(['groups.id', 'groups.name'])
    .where('groups.kind', '=', 'class')
    .where('groups.id', 'in', groupIdsOf(db, personId, year))
    .orderBy('groups.name')
    .execute();
}

export async function groupName(db: Db, groupId: string): Promise<string | undefined> {
  return (await db.selectFrom('groups').select('name').where('id', '=', groupId).executeTakeFirst())?.name;
}
