import { authorize, can, NotFound, type Actor } from '../../../kernel/authz/index.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Config } from '../../../kernel/config/index.js';
import { newId, type Db } from '../../../kernel/db/index.js';
import { AppError, InvalidInput } from '../../../kernel/http/errors.js';
import type { BlobStore } from '../../../kernel/storage/index.js';
import type { StoredFile } from '../../../kernel/storage/http.js';
import { fileNameProblem } from '../../../kernel/storage/http.js';
import { normalizeKey } from '../../../kernel/text.js';
import { groupStanding, schoolYearOf } from '../../directory/index.js';
import { nodeAccess, quotaOf, readsAsParentOnly, type Access, type NodeFacts } from '../policy.js';
import * as repo from '../repository/nodes.js';
import type { Node, Window } from '../repository/nodes.js';
import { formatBytes, t } from '../i18n/fr.js';

export interface Deps {
  db: Db;
  blobs: BlobStore;
  config: Config;
  clock: Clock;
}

type NodeAction =
  'documents.node.read' | 'documents.node.edit' | 'documents.node.upload' | 'documents.node.share' | 'documents.node.restore' | 'documents.node.delete';

export interface Authorized {
  node: Node;
  facts: NodeFacts;
  access: Access;
}

const yearOf = (deps: Deps) => schoolYearOf(deps.clock.now());

/** The facts about a node for the actor, or null when it does not exist. */
async function factsOf(deps: Deps, actor: Actor, id: string): Promise<Authorized | null> {
  const node = await repo.findNode(deps.db, id);
  if (!node) return null;
  const facts = await repo.nodeFacts(deps.db, actor.personId, node, deps.clock.now(), yearOf(deps));
  return { node, facts, access: nodeAccess(actor, facts) };
}

/** A node the actor may act on; anything else is "not found". */
export async function nodeFor(deps: Deps, actor: Actor, id: string, action: NodeAction = 'documents.node.read'): Promise<Authorized> {
  const found = await factsOf(deps, actor, id);
  authorize(actor, action, found?.facts);
  return found!;
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

/** Authorizes adding to the target and works out whose quota pays: call it before reading any upload. */
export async function placement(deps: Deps, actor: Actor, target: Target): Promise<Placement> {
  const { db, config } = deps;
  if (target === 'root' || 'classId' in target) {
    if (target !== 'root') {
      const standing = await groupStanding(db, actor.personId, target.classId, deps.clock.now());
      authorize(actor, 'documents.class.publish', standing);
    }
    const quota = quotaOf(actor.profile, config.quotas);
    const used = await repo.usedBytes(db, actor.personId);
    const classId = target === 'root' ? null : target.classId;
    const parentsCanRead = target !== 'root' && target.parentsCanRead ? 1 : 0;
    return { ownerId: actor.personId, parent: null, classId, parentsCanRead, quota, remaining: quota - used };
  }
  const { node } = await nodeFor(deps, actor, target.parentId, 'documents.node.upload');
  const quota = quotaOf(await repo.profileOf(db, node.ownerId), config.quotas);
  const used = await repo.usedBytes(db, node.ownerId);
  return { ownerId: node.ownerId, parent: node, classId: node.classId, parentsCanRead: node.parentsCanRead, quota, remaining: quota - used };
}

export function quotaError(remaining: number): AppError {
  return new AppError(413, 'documents.quota_exceeded', t('documents.error.quota', formatBytes(Math.max(0, remaining))), { remaining: Math.max(0, remaining) });
}

function newNode(deps: Deps, actor: Actor, place: Placement, kind: 'file' | 'folder', name: string): Node {
  const id = newId();
  const now = deps.clock.now().toISOString();
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
  const place = await placement(deps, actor, target);
  const node = newNode(deps, actor, place, 'folder', cleanName(rawName));
  await repo.insertNodes(deps.db, [node]);
  return node;
}

/** Records files already in the blob store; if the quota moved meanwhile, nothing is kept. */
export async function recordFiles(deps: Deps, actor: Actor, place: Placement, files: StoredFile[]): Promise<Node[]> {
  const nodes = files.map((file) => ({
    ...newNode(deps, actor, place, 'file', file.fileName),
    blobKey: file.key,
    size: file.size,
    sha256: file.sha256,
    contentType: file.contentType,
  }));
  const short = await repo.insertWithinQuota(deps.db, place.ownerId, place.quota, nodes);
  if (short !== null) throw quotaError(short);
  return nodes;
}

export async function rename(deps: Deps, actor: Actor, id: string, rawName: unknown): Promise<void> {
  const name = cleanName(rawName);
  await nodeFor(deps, actor, id, 'documents.node.edit');
  await repo.renameNode(deps.db, id, name, normalizeKey(name), deps.clock.now().toISOString());
}

/** Moves within one space: same owner and same class space; never into its own subtree. */
export async function move(deps: Deps, actor: Actor, id: string, parentId: string | null): Promise<void> {
  const { node } = await nodeFor(deps, actor, id, 'documents.node.edit');
  const badTarget = () => new InvalidInput([{ field: 'parentId', message: t('documents.error.target') }], 'documents.bad_target');
  let newPath: string;
  if (parentId) {
    const target = await factsOf(deps, actor, parentId);
    if (!target || !can(actor, 'documents.node.upload', target.facts) || target.node.ownerId !== node.ownerId || target.node.classId !== node.classId)
      throw badTarget();
    if (target.node.path.startsWith(node.path))
      throw new InvalidInput([{ field: 'parentId', message: t('documents.error.move_into_self') }], 'documents.bad_target');
    newPath = `${target.node.path}${node.id}/`;
  } else {
    if (node.ownerId !== actor.personId) throw badTarget();
    newPath = `/${node.id}/`;
  }
  await repo.moveNode(deps.db, node, parentId, newPath, deps.clock.now().toISOString());
}

export async function trash(deps: Deps, actor: Actor, id: string): Promise<void> {
  const { node } = await nodeFor(deps, actor, id, 'documents.node.edit');
  await repo.trashSubtree(deps.db, node, deps.clock.now().toISOString());
}

export async function restore(deps: Deps, actor: Actor, id: string): Promise<void> {
  const { node } = await nodeFor(deps, actor, id, 'documents.node.restore');
  await repo.restoreSubtree(deps.db, node);
}

/** Deletes a trashed node, its subtree, their shares and blobs for good. */
export async function deleteForever(deps: Deps, actor: Actor, id: string): Promise<void> {
  const { node } = await nodeFor(deps, actor, id, 'documents.node.delete');
  const keys = await repo.deleteSubtree(deps.db, node);
  await Promise.all(keys.map((key) => deps.blobs.delete(key)));
}

export interface ShareInput {
  personId?: string;
  groupId?: string;
  canEdit?: boolean;
}

/**
 * Shares with a person the directory shows the owner, or one of the owner's own groups; sharing
 * again updates the right. Until messaging's communication rules are the reference, that is who
 * a person reaches.
 */
export async function share(deps: Deps, actor: Actor, id: string, input: ShareInput): Promise<string> {
  const { node } = await nodeFor(deps, actor, id, 'documents.node.share');
  const { db } = deps;
  const year = yearOf(deps);
  let grantee: { kind: 'person' | 'group'; id: string };
  if (input.personId && !input.groupId) {
    if (input.personId === actor.personId || !(await repo.isVisiblePerson(db, actor, input.personId, year)))
      throw new InvalidInput([{ field: 'personId', message: t('documents.error.unreachable') }], 'documents.unreachable');
    grantee = { kind: 'person', id: input.personId };
  } else if (input.groupId && !input.personId) {
    const mine = await repo.ownGroups(db, actor.personId, year);
    if (!mine.some((g) => g.id === input.groupId))
      throw new InvalidInput([{ field: 'groupId', message: t('documents.error.unreachable') }], 'documents.unreachable');
    grantee = { kind: 'group', id: input.groupId };
  } else {
    throw new InvalidInput([{ field: 'personId', message: t('documents.error.share_target') }], 'documents.share_target');
  }
  return repo.upsertShare(db, {
    id: newId(),
    nodeId: node.id,
    granteeKind: grantee.kind,
    granteeId: grantee.id,
    canEdit: input.canEdit ? 1 : 0,
    createdBy: actor.personId,
    createdAt: deps.clock.now().toISOString(),
  });
}

export async function revoke(deps: Deps, actor: Actor, id: string, shareId: string): Promise<void> {
  const { node } = await nodeFor(deps, actor, id, 'documents.node.share');
  if (!(await repo.deleteShare(deps.db, node.id, shareId))) throw new NotFound();
}

/** The shares of a node, for whoever may manage them (nobody else sees any). */
export async function sharesOf(deps: Deps, actor: Actor, item: Authorized) {
  return can(actor, 'documents.node.share', item.facts) ? repo.listShares(deps.db, item.node.id) : [];
}

/** The folder chain from the root down to a node, only through what the actor may read. */
export async function breadcrumbs(deps: Deps, actor: Actor, node: Node): Promise<Array<{ id: string; name: string }>> {
  const chain = await repo.nodesOfPath(deps.db, node.path);
  const now = deps.clock.now();
  const year = yearOf(deps);
  const result: Array<{ id: string; name: string }> = [];
  for (const n of chain) {
    // For a shared node, the chain starts at the highest folder the actor can read.
    if (can(actor, 'documents.node.read', await repo.nodeFacts(deps.db, actor.personId, n, now, year))) result.push({ id: n.id, name: n.name });
  }
  return result;
}

/** A folder's entries for the actor: parents reading a class folder see what was opened to them. */
export async function folderListing(deps: Deps, actor: Actor, id: string, window: Window) {
  const item = await nodeFor(deps, actor, id, 'documents.node.read');
  const folder = item.node.kind === 'folder' ? item : null;
  authorize(actor, 'documents.node.read', folder?.facts);
  const listing = await repo.pageOfChildren(deps.db, { parentId: item.node.id }, window, readsAsParentOnly(actor, item.facts));
  return { ...item, ...listing };
}

/** The root of a class space: its members read it, parents what the teacher opened to them. */
export async function classListing(deps: Deps, actor: Actor, classId: string, window: Window) {
  const standing = await groupStanding(deps.db, actor.personId, classId, deps.clock.now());
  authorize(actor, 'documents.class.read', standing);
  const facts = { ownerId: '', classId, share: null, classStanding: standing };
  const listing = await repo.pageOfChildren(deps.db, { classRoot: classId }, window, readsAsParentOnly(actor, facts));
  const name = (await repo.groupName(deps.db, classId)) ?? '';
  return { ...listing, name, canPublish: can(actor, 'documents.class.publish', standing) };
}

/** The root of the actor's own space. */
export const ownListing = (deps: Deps, actor: Actor, window: Window) => repo.pageOfChildren(deps.db, { ownerRoot: actor.personId }, window);

export const sharedWithMe = (deps: Deps, actor: Actor, window: Window) => repo.listSharedWithMe(deps.db, actor.personId, yearOf(deps), window);
export const searchOwn = (deps: Deps, actor: Actor, q: string, window: Window) => repo.searchOwn(deps.db, actor.personId, normalizeKey(q), window);
export const trashOf = (deps: Deps, actor: Actor, window: Window) => repo.listTrash(deps.db, actor.personId, window);
export const classSpaces = (deps: Deps, actor: Actor) => repo.classSpaces(deps.db, actor.personId, yearOf(deps));

export async function usage(deps: Deps, actor: Actor) {
  return { used: await repo.usedBytes(deps.db, actor.personId), quota: quotaOf(actor.profile, deps.config.quotas) };
}

/** What the item page offers: move targets to an editor, people and groups to share with to the owner. */
export async function itemOptions(deps: Deps, actor: Actor, item: Authorized) {
  const { db } = deps;
  const year = yearOf(deps);
  const manage = can(actor, 'documents.node.share', item.facts);
  const [shares, moveTargets, people, groups] = await Promise.all([
    sharesOf(deps, actor, item),
    can(actor, 'documents.node.edit', item.facts) ? repo.moveTargets(db, item.node) : [],
    manage ? repo.shareablePeople(db, actor, year) : [],
    manage ? repo.ownGroups(db, actor.personId, year) : [],
  ]);
  return { shares, moveTargets, people, groups };
}

/** Where to go back after an action on a node. */
export async function parentPage(deps: Deps, actor: Actor, id: string): Promise<string> {
  const node = await repo.findNode(deps.db, id);
  if (node?.parentId) return `/documents/folders/${node.parentId}`;
  if (node?.classId) return `/documents/classes/${node.classId}`;
  return node && node.ownerId !== actor.personId ? '/documents/shared' : '/documents';
}
