import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFound } from '../../../kernel/authz/index.js';
import { AppError, BadRequest } from '../../../kernel/http/errors.js';
import { receiveFiles, sendBlob, type Received } from '../../../kernel/storage/http.js';
import { t } from '../i18n/fr.js';
import { MAX_FILES, readable } from '../service.js';

/** All attachments of one message together. */
export const MAX_TOTAL_BYTES = 25 * 1024 * 1024;

/** Streams the request's files into the blob store; `room` is how many more the message may take. */
export async function receiveAttachments(request: FastifyRequest, room: number): Promise<Received> {
  if (room <= 0) throw new BadRequest('messaging.too_many_files', t('messaging.error.too_many_files'));
  return receiveFiles(request, {
    maxBytes: request.server.config.uploadMaxBytes,
    maxFiles: Math.min(room, MAX_FILES),
    maxTotalBytes: MAX_TOTAL_BYTES,
    totalExceeded: () => new AppError(413, 'messaging.attachments_too_large', t('messaging.error.attachments_too_large')),
  });
}

/** Sends an attachment to someone who may read its message; anyone else gets "not found". */
export async function sendAttachment(request: FastifyRequest, reply: FastifyReply, id: string) {
  const db = request.server.db;
  const file = await db.selectFrom('messageAttachments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!file) throw new NotFound();
  await readable(db, request.actor!, file.messageId);
  return sendBlob(request, reply, { key: file.blobKey, size: file.size, contentType: file.contentType, filename: file.filename });
}
