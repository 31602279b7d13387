import type { FastifyRequest } from 'fastify';
import { AppError, BadRequest } from '../../../kernel/http/errors.js';
import { receiveFiles, receiveForm, type Received, type ReceivedForm } from '../../../kernel/storage/http.js';
import { t } from '../i18n/fr.js';
import { MAX_FILES } from '../service.js';

/** All attachments of one message together. */
export const MAX_TOTAL_BYTES = 25 * 1024 * 1024;

const tooLargeInTotal = () => new AppError(413, 'messaging.attachments_too_large', t('messaging.error.attachments_too_large'));

/** Streams the request's files into the blob store; `room` is how many more the message may take. Call it only once the rule has said yes. */
export async function receiveAttachments(request: FastifyRequest, room: number): Promise<Received> {
  if (room <= 0) throw new BadRequest('messaging.too_many_files', t('messaging.error.too_many_files'));
  return receiveFiles(request, {
    maxBytes: request.server.config.uploadMaxBytes,
    maxFiles: Math.min(room, MAX_FILES),
    maxTotalBytes: MAX_TOTAL_BYTES,
    totalExceeded: tooLargeInTotal,
  });
}

/**
 * Reads the compose form (multipart) like `receiveAttachments`, but a refused file does not lose
 * the form: the files are dropped, the fields that come after are still read, and the refusal is
 * returned so that the form comes back with everything typed.
 */
export async function receiveComposeForm(request: FastifyRequest): Promise<ReceivedForm> {
  return receiveForm(request, {
    maxBytes: request.server.config.uploadMaxBytes,
    maxFiles: MAX_FILES,
    maxTotalBytes: MAX_TOTAL_BYTES,
    totalExceeded: tooLargeInTotal,
    tooMany: () => new BadRequest('messaging.too_many_files', t('messaging.error.too_many_files')),
  });
}
