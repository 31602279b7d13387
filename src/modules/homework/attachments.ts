import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../kernel/authz/index.js';
import { authorize, NotFound } from '../../kernel/authz/index.js';
import type { Db } from '../../kernel/db/index.js';
import { newId, nowIso } from '../../kernel/db/index.js';
import { discardFiles, receiveFiles, type Received, type StoredFile } from '../../kernel/storage/http.js';
import { schoolYearOf } from '../directory/index.js';
import { canEditLesson } from './policy.js';
import * as repo from './repository.js';

export const MAX_FILES = 10;

/** Reads a multipart lesson form: fields, and files already streamed into the blob store. */
export function receiveLessonFiles(request: FastifyRequest): Promise<Received> {
  return receiveFiles(request, { maxBytes: request.server.config.uploadMaxBytes, maxFiles: MAX_FILES });
}

export async function removeBlobs(app: FastifyInstance, keys: string[]): Promise<void> {
  await Promise.all(keys.map((key) => app.blobs.delete(key).catch((err) => app.log.warn({ err, key }, 'blob not deleted'))));
}

/** Records received files on a lesson the actor wrote; on refusal the blobs are deleted. */
export async function attachFiles(app: FastifyInstance, actor: Actor, lessonId: string, files: StoredFile[]) {
  const db = app.db;
  const lesson = await repo.findLesson(db, lessonId);
  try {
    authorize((l: NonNullable<typeof lesson>) => canEditLesson(actor, l), lesson);
  } catch (error) {
    await discardFiles(app.blobs, files);
    throw error;
  }
  if (files.length === 0) return [];
  const createdAt = nowIso();
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
  await db.insertInto('homeworkAttachments').values(rows).execute();
  return rows.map((r) => ({ id: r.id, fileName: r.fileName, contentType: r.contentType, size: r.size }));
}

/** An attachment of a lesson the actor may read, or 404. */
export async function readableAttachment(db: Db, actor: Actor, id: string) {
  const row = await db
    .selectFrom('homeworkAttachments')
    .innerJoin('lessons', 'lessons.id', 'homeworkAttachments.lessonId')
    .select([
      'homeworkAttachments.id',
      'homeworkAttachments.blobKey',
      'homeworkAttachments.fileName',
      'homeworkAttachments.contentType',
      'homeworkAttachments.size',
    ])
    .where('homeworkAttachments.id', '=', id)
    .where(repo.readableLessons(db, actor, schoolYearOf(), nowIso()))
    .executeTakeFirst();
  if (!row) throw new NotFound();
  return row;
}

/** Removes one attachment from the author's lesson; returns the blob key to delete. */
export async function detachFile(db: Db, actor: Actor, lessonId: string, attachmentId: string): Promise<string> {
  const lesson = await repo.findLesson(db, lessonId);
  authorize((l: NonNullable<typeof lesson>) => canEditLesson(actor, l), lesson);
  const row = await db.selectFrom('homeworkAttachments').select('blobKey').where('id', '=', attachmentId).where('lessonId', '=', lessonId).executeTakeFirst();
  if (!row) throw new NotFound();
  await db.deleteFrom('homeworkAttachments').where('id', '=', attachmentId).execute();
  return row.blobKey;
}
