import type { Actor } from '../../../kernel/authz/index.js';
import { authorize } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { NotFound } from '../../../kernel/authz/index.js';
import { discardFiles, type StoredFile } from '../../../kernel/storage/http.js';
import * as repo from '../repository/lessons.js';
import { removeBlobs, type Deps } from './deps.js';
import { authorFacts, lessonFacts } from './facts.js';

export const MAX_FILES = 10;

/** Records files already in the blob store on a lesson (the caller checked the right to attach). */
export async function recordFiles(deps: Deps, lessonId: string, files: StoredFile[]) {
  const createdAt = deps.clock.now().toISOString();
  const rows = files.map((f) => ({
    id: newId(),
    lessonId,
    assignmentId: null,
    blobKey: f.key,
    fileName: f.fileName,
    contentType: f.contentType,
    size: f.size,
    createdAt,
  }));
  await repo.insertAttachments(deps.db, rows);
  return rows.map((r) => ({ id: r.id, fileName: r.fileName, contentType: r.contentType, size: r.size }));
}

/**
 * Attaches files to the author's lesson. The rule runs first; only then does `receive` read the
 * multipart stream into the blob store, so a refused upload stores nothing.
 */
export async function attachFiles(deps: Deps, actor: Actor, lessonId: string, receive: () => Promise<StoredFile[]>) {
  const lesson = await repo.findLesson(deps.db, lessonId);
  authorize(actor, 'homework.attachment.add', authorFacts(lesson, deps.clock.now()));
  const files = await receive();
  try {
    return await recordFiles(deps, lessonId, files);
  } catch (error) {
    await discardFiles(deps.blobs, files);
    throw error;
  }
}

/** An attachment of a lesson the actor may read. */
export async function readableAttachment(deps: Deps, actor: Actor, id: string) {
  const file = await repo.findAttachment(deps.db, id);
  const lesson = file ? await repo.findLesson(deps.db, file.lessonId) : undefined;
  authorize(actor, 'homework.attachment.download', await lessonFacts(deps.db, actor, lesson, deps.clock.now()));
  return file!;
}

/** Removes one attachment from the author's lesson and deletes its blob. */
export async function detachFile(deps: Deps, actor: Actor, lessonId: string, attachmentId: string): Promise<void> {
  const lesson = await repo.findLesson(deps.db, lessonId);
  authorize(actor, 'homework.attachment.remove', authorFacts(lesson, deps.clock.now()));
  const key = await repo.deleteAttachment(deps.db, lessonId, attachmentId);
  // The lesson is the actor's; the attachment id names none of its files.
  if (!key) throw new NotFound();
  await removeBlobs(deps, [key]);
}
