import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { newId, nowIso } from '../../kernel/db/index.js';
import { normalizeKey } from '../../kernel/text.js';
import type { Node } from './repository/nodes.js';
import type { Box } from './repository/boxes.js';

/** Stores bytes in the app's blob store, as an upload would. */
async function storeBlob(app: FastifyInstance, fileName: string, content: string) {
  return app.blobs.put(Readable.from([Buffer.from(content)]), { maxBytes: 10 * 1024 * 1024, fileName });
}

export interface NodeSpec {
  ownerId: string;
  name: string;
  /** A file when it has content, else a folder. */
  content?: string;
  parent?: Pick<Node, 'id' | 'path' | 'classId' | 'parentsCanRead'> | null;
  classId?: string | null;
  parentsCanRead?: boolean;
}

/** A file or folder in someone's space or a class space, with its bytes in the blob store. */
export async function buildNode(app: FastifyInstance, spec: NodeSpec): Promise<Node> {
  const id = newId();
  const now = nowIso();
  const blob = spec.content === undefined ? null : await storeBlob(app, spec.name, spec.content);
  const node: Node = {
    id,
    ownerId: spec.ownerId,
    createdBy: spec.ownerId,
    parentId: spec.parent?.id ?? null,
    kind: blob ? 'file' : 'folder',
    name: spec.name,
    searchKey: normalizeKey(spec.name),
    path: `${spec.parent?.path ?? '/'}${id}/`,
    classId: spec.parent ? spec.parent.classId : (spec.classId ?? null),
    parentsCanRead: (spec.parentsCanRead ?? (spec.parent ? spec.parent.parentsCanRead === 1 : false)) ? 1 : 0,
    blobKey: blob?.key ?? null,
    size: blob?.size ?? 0,
    sha256: blob?.sha256 ?? null,
    contentType: blob?.contentType ?? null,
    trashedAt: null,
    trashRoot: 0,
    createdAt: now,
    updatedAt: now,
  };
  await app.db.insertInto('documentNodes').values(node).execute();
  return node;
}

/** Shares a node with a person. */
export async function buildShare(app: FastifyInstance, node: Pick<Node, 'id' | 'ownerId'>, personId: string, canEdit = false): Promise<string> {
  const id = newId();
  await app.db
    .insertInto('documentShares')
    .values({ id, nodeId: node.id, granteeKind: 'person', granteeId: personId, canEdit: canEdit ? 1 : 0, createdBy: node.ownerId, createdAt: nowIso() })
    .execute();
  return id;
}

/** A hand-in box of a group, due in a week unless said. */
export async function buildBox(
  app: FastifyInstance,
  spec: { groupId: string; teacherId: string; title: string; dueAt?: string; acceptLate?: boolean },
): Promise<Box> {
  const box: Box = {
    id: newId(),
    groupId: spec.groupId,
    teacherId: spec.teacherId,
    assignmentId: null,
    title: spec.title,
    instructions: '',
    dueAt: spec.dueAt ?? new Date(app.clock.now().getTime() + 7 * 86400_000).toISOString(),
    acceptLate: spec.acceptLate === false ? 0 : 1,
    createdAt: nowIso(),
  };
  await app.db.insertInto('handInBoxes').values(box).execute();
  return box;
}

/** A pupil's hand-in of one file. */
export async function buildHandIn(app: FastifyInstance, spec: { boxId: string; studentId: string; fileName: string; content: string }) {
  const handInId = newId();
  const fileId = newId();
  const blob = await storeBlob(app, spec.fileName, spec.content);
  await app.db.insertInto('handIns').values({ id: handInId, boxId: spec.boxId, studentId: spec.studentId, submittedAt: nowIso(), late: 0 }).execute();
  await app.db
    .insertInto('handInFiles')
    .values({
      id: fileId,
      handInId,
      fileName: spec.fileName,
      blobKey: blob.key,
      size: blob.size,
      sha256: blob.sha256,
      contentType: blob.contentType,
      createdAt: nowIso(),
    })
    .execute();
  return { handInId, fileId };
}

/** What the teacher gives back on a hand-in: a comment and a file. */
export async function buildReturn(app: FastifyInstance, spec: { handInId: string; teacherId: string; comment: string; fileName: string; content: string }) {
  const id = newId();
  const blob = await storeBlob(app, spec.fileName, spec.content);
  await app.db
    .insertInto('handInReturns')
    .values({
      id,
      handInId: spec.handInId,
      teacherId: spec.teacherId,
      comment: spec.comment,
      fileName: spec.fileName,
      blobKey: blob.key,
      size: blob.size,
      sha256: blob.sha256,
      contentType: blob.contentType,
      createdAt: nowIso(),
    })
    .execute();
  return id;
}
