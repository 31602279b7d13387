import type { Actor } from '../../kernel/authz/index.js';
import { AppError, InvalidInput } from '../../kernel/http/errors.js';
import { NotFound } from '../../kernel/authz/index.js';
import type { Config } from '../../kernel/config/index.js';
import { newId, nowIso, type Db } from '../../kernel/db/index.js';
import type { BlobStore } from '../../kernel/storage/index.js';
import type { StoredFile } from '../../kernel/storage/http.js';
import { fileNameProblem } from '../../kernel/storage/http.js';
import { normalizeKey } from '../../kernel/text.js';
import { schoolYearOf } from '../directory/index.js';
import * as repo from './repository.js';
import type { Node } from './repository.js';
import { canEdit, canManage, canPublishToClass, canRead, canShareWithGroup, canShareWithPerson, nodeAccess, quotaOf, type Access } from './policy.js';
import { formatBytes, t } from './i18n/fr.js';

export interface Deps {
  db: Db;
  blobs: BlobStore;
  config: Config;
}

/** A node and what the actor may do with it; anything unreadable is "not found". */
export async function nodeFor(db: Db, actor: Actor, id: string, options: { trashed?: boolean } = {}): Promise<{ node: Node; access: Access }> {
  const node = await repo.findNode(db, id);
  if (!node) throw new NotFound();
  if (options.trashed ? !node.trashedAt : node.trashedAt) throw new NotFound();
  const year = schoolYearOf();
  const [share, classRole] = await Promise.all([
    node.ownerId === actor.personId ? null : repo.shareLevel(db, actor, node, year),
    node.classId && node.ownerId !== actor.personId ? repo.classRole(db, actor, node.classId) : null,
  ]);
  const access = nodeAccess(actor, node, { share, classRole });
  if (!canRead(access)) throw new NotFound();
  return { node, access };
}

function cleanName(raw: unknown, field = 'name'): string {
  const problem = fileNameProblem(String(raw ?? ''));
  if (problem) throw new InvalidInput([{ field, message: problem }], 'documents.bad_name');
  return String(raw).normalize('NFC').trim();
}

/** Where new files or folders go: a folder, the actor's own root, or a class space's root. */
export type Target = { parentId: string } | { classId: string; parentsCanRead: boolean } | 'root';

export interface Placement {
  ownerId: string;
  parent: Node | null;
  classId: string | null;
  parentsCanRead: number;
  /** The owner's quota and what is left of it. */
  quota: number;
  remaining: number;
}

/** Checks the actor may add to the target and works out whose quota pays. */
export async function placement(deps: Deps, actor: Actor, target: Target): Promise<Placement> {
  const { db, config } = deps;
  if (target === 'root') {
    const quota = quotaOf(actor.profile, config.quotas);
    const used = await repo.usedBytes(db, actor.personId);
    return { ownerId: actor.personId, parent: null, classId: null, parentsCanRead: 0, quota, remaining: quota - used };
  }
  if ('classId' in target) {
    const role = await repo.classRole(db, actor, target.classId);
    if (!canPublishToClass(actor, role)) throw new NotFound();
    const quota = quotaOf(actor.profile, config.quotas);
    const used = await repo.usedBytes(db, actor.personId);
    return { ownerId: actor.personId, parent: null, classId: target.classId, parentsCanRead: target.parentsCanRead ? 1 : 0, quota, remaining: quota - used };
  }
  const { node, access } = await nodeFor(db, actor, target.parentId);
  if (node.kind !== 'folder' || !canEdit(access)) throw new NotFound();
  const owner = await db.selectFrom('people').select('profile').where('id', '=', node.ownerId).executeTakeFirstOrThrow();
  const quota = quotaOf(owner.profile, config.quotas);
  const used = await repo.usedBytes(db, node.ownerId);
  return { ownerId: node.ownerId, parent: node, classId: node.classId, parentsCanRead: node.parentsCanRead, quota, remaining: quota - used };
}

export function quotaError(remaining: number): AppError {
  return new AppError(413, 'documents.quota_exceeded', t('documents.error.quota', formatBytes(Math.max(0, remaining))), { remaining: Math.max(0, remaining) });
}

function newNode(actor: Actor, place: Placement, kind: 'file' | 'folder', name: string): Node {
  const id = newId();
  const now = nowIso();
  return {
    id,
    ownerId: place.ownerId,
    createdBy: actor.personId,
    parentId: place.parent?.id ?? null,
    kind,
    name,
    searchKey: normalizeKey(name),
    path: `${place.parent?.path ?? '/'}${id}/`,
    classId: place.classId,
    parentsCanRead: place.parentsCanRead,
    blobKey: null,
    size: 0,
    sha256: null,
    contentType: null,
    trashedAt: null,
    trashRoot: 0,
    createdAt: now,
    updatedAt: now,
  };
}

export async function createFolder(deps: Deps, actor: Actor, target: Target, rawName: unknown): Promise<Node> {
  const name = cleanName(rawName);
  const place = await placement(deps, actor, target);
  const node = newNode(actor, place, 'folder', name);
  await deps.db.insertInto('documentNodes').values(node).execute();
  return node;
}

/** Records files already in the blob store; if the quota moved meanwhile, nothing is kept. */
export async function recordFiles(deps: Deps, actor: Actor, place: Placement, files: StoredFile[]): Promise<Node[]> {
  const nodes = files.map((file) => ({
    ...newNode(actor, place, 'file', file.fileName),
    blobKey: file.key,
    size: file.size,
    sha256: file.sha256,
    contentType: file.contentType,
  }));
  const total = files.reduce((sum, f) => sum + f.size, 0);
  await deps.db.transaction().execute(async (trx) => {
    const left = place.quota - (await repo.usedBytes(trx, place.ownerId));
    if (total > left) throw quotaError(left);
    for (let i = 0; i < nodes.length; i += 50)
      await trx
        .insertInto('documentNodes')
        .values(nodes.slice(i, i + 50))
        .execute();
  });
  return nodes;
}

export async function rename(db: Db, actor: Actor, id: string, rawName: unknown): Promise<void> {
  const name = cleanName(rawName);
  const { access } = await nodeFor(db, actor, id);
  if (!canEdit(access)) throw new NotFound();
  await db
    .updateTable('documentNodes')
    .set({ name, searchKey: normalizeKey(name), updatedAt: nowIso() })
    .where('id', '=', id)
    .execute();
}

/** Moves within one space: same owner and same class space; never into its own subtree. */
export async function move(db: Db, actor: Actor, id: string, parentId: string | null): Promise<void> {
  const { node, access } = await nodeFor(db, actor, id);
  if (!canEdit(access)) throw new NotFound();
  let newPath: string;
  if (parentId) {
    const target = await nodeFor(db, actor, parentId).catch(() => null);
    if (!target || target.node.kind !== 'folder' || !canEdit(target.access) || target.node.ownerId !== node.ownerId || target.node.classId !== node.classId) {
      throw new InvalidInput([{ field: 'parentId', message: t('documents.error.target') }], 'documents.bad_target');
    }
    if (target.node.path.startsWith(node.path))
      throw new InvalidInput([{ field: 'parentId', message: t('documents.error.move_into_self') }], 'documents.bad_target');
    newPath = `${target.node.path}${node.id}/`;
  } else {
    if (node.ownerId !== actor.personId) throw new InvalidInput([{ field: 'parentId', message: t('documents.error.target') }], 'documents.bad_target');
    newPath = `/${node.id}/`;
  }
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('documentNodes').set({ parentId, updatedAt: nowIso() }).where('id', '=', id).execute();
    await repo.rewritePaths(trx, node.path, newPath);
  });
}

export async function trash(db: Db, actor: Actor, id: string): Promise<void> {
  const { node, access } = await nodeFor(db, actor, id);
  if (!canEdit(access)) throw new NotFound();
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('documentNodes').set({ trashedAt: now }).where('path', 'like', `${node.path}%`).where('trashedAt', 'is', null).execute();
    await trx.updateTable('documentNodes').set({ trashRoot: 1 }).where('id', '=', node.id).execute();
  });
}

/** Brings back what was trashed with the node; to the root when its folder is gone or trashed. */
export async function restore(db: Db, actor: Actor, id: string): Promise<void> {
  const { node, access } = await nodeFor(db, actor, id, { trashed: true });
  if (!canManage(access) || node.trashRoot !== 1) throw new NotFound();
  const parent = node.parentId ? await repo.findNode(db, node.parentId) : null;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('documentNodes').set({ trashedAt: null }).where('path', 'like', `${node.path}%`).where('trashedAt', '=', node.trashedAt).execute();
    await trx.updateTable('documentNodes').set({ trashRoot: 0 }).where('id', '=', node.id).execute();
    if (node.parentId && (!parent || parent.trashedAt)) {
      await trx.updateTable('documentNodes').set({ parentId: null }).where('id', '=', node.id).execute();
      await repo.rewritePaths(trx, node.path, `/${node.id}/`);
    }
  });
}

/** Deletes a trashed node, its subtree, their shares and blobs for good. */
export async function deleteForever(deps: Deps, actor: Actor, id: string): Promise<void> {
  const { node, access } = await nodeFor(deps.db, actor, id, { trashed: true });
  if (!canManage(access)) throw new NotFound();
  const subtree = await deps.db.selectFrom('documentNodes').select(['id', 'blobKey', 'path']).where('path', 'like', `${node.path}%`).execute();
  // Deepest first, so no row points at a deleted parent.
  subtree.sort((a, b) => b.path.length - a.path.length);
  await deps.db.transaction().execute(async (trx) => {
    const ids = subtree.map((n) => n.id);
    for (let i = 0; i < ids.length; i += 500)
      await trx
        .deleteFrom('documentShares')
        .where('nodeId', 'in', ids.slice(i, i + 500))
        .execute();
    for (const n of subtree) await trx.deleteFrom('documentNodes').where('id', '=', n.id).execute();
  });
  await Promise.all(subtree.filter((n) => n.blobKey).map((n) => deps.blobs.delete(n.blobKey!)));
}

export interface ShareInput {
  personId?: string;
  groupId?: string;
  canEdit?: boolean;
}

/** Shares with a reachable person or one of the actor's groups; sharing again updates the right. */
export async function share(db: Db, actor: Actor, id: string, input: ShareInput): Promise<string> {
  const { node, access } = await nodeFor(db, actor, id);
  if (!canManage(access)) throw new NotFound();
  const year = schoolYearOf();
  let grantee: { kind: 'person' | 'group'; id: string };
  if (input.personId && !input.groupId) {
    if (!(await canShareWithPerson(db, actor, input.personId, year)))
      throw new InvalidInput([{ field: 'personId', message: t('documents.error.unreachable') }], 'documents.unreachable');
    grantee = { kind: 'person', id: input.personId };
  } else if (input.groupId && !input.personId) {
    const mine = (await repo.myGroupIds(db, actor.personId, year).execute()).map((g) => g.id);
    if (!canShareWithGroup(mine, input.groupId))
      throw new InvalidInput([{ field: 'groupId', message: t('documents.error.unreachable') }], 'documents.unreachable');
    grantee = { kind: 'group', id: input.groupId };
  } else {
    throw new InvalidInput([{ field: 'personId', message: t('documents.error.share_target') }], 'documents.share_target');
  }
  const existing = await db
    .selectFrom('documentShares')
    .select('id')
    .where('nodeId', '=', node.id)
    .where('granteeKind', '=', grantee.kind)
    .where('granteeId', '=', grantee.id)
    .executeTakeFirst();
  if (existing) {
    await db
      .updateTable('documentShares')
      .set({ canEdit: input.canEdit ? 1 : 0 })
      .where('id', '=', existing.id)
      .execute();
    return existing.id;
  }
  const shareId = newId();
  await db
    .insertInto('documentShares')
    .values({
      id: shareId,
      nodeId: node.id,
      granteeKind: grantee.kind,
      granteeId: grantee.id,
      canEdit: input.canEdit ? 1 : 0,
      createdBy: actor.personId,
      createdAt: nowIso(),
    })
    .execute();
  return shareId;
}

export async function revoke(db: Db, actor: Actor, id: string, shareId: string): Promise<void> {
  const { node, access } = await nodeFor(db, actor, id);
  if (!canManage(access)) throw new NotFound();
  const result = await db.deleteFrom('documentShares').where('id', '=', shareId).where('nodeId', '=', node.id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw new NotFound();
}

/** The folder chain from the root down to a node, only through what the actor may read. */
export async function breadcrumbs(db: Db, actor: Actor, node: Node): Promise<Array<{ id: string; name: string }>> {
  const ids = repo.pathIds(node.path);
  const rows = await db.selectFrom('documentNodes').select(['id', 'name', 'ownerId']).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const chain = ids.map((i) => byId.get(i)).filter((r) => r !== undefined);
  if (node.ownerId === actor.personId) return chain.map(({ id, name }) => ({ id, name }));
  // For a shared node, the chain starts at the highest folder the actor can read.
  const result: Array<{ id: string; name: string }> = [];
  for (const r of chain) {
    const readable = await nodeFor(db, actor, r.id).then(
      () => true,
      () => false,
    );
    if (readable) result.push({ id: r.id, name: r.name });
  }
  return result;
}
