import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { AppError, BadRequest } from '../../../kernel/http/errors.js';
import { BlobTooLarge } from '../../../kernel/storage/errors.js';
import { discardFiles, receiveFiles, type Received, type StoredFile } from '../../../kernel/storage/http.js';
import { safeFileName } from '../../../kernel/storage/names.js';
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

/** Reads what is left of a file part so that the parts after it arrive. */
async function drain(file: Readable): Promise<void> {
  try {
    for await (const _ of file) void _;
  } catch {
    // The store already closed it.
  }
}

/** The compose form read from its stream: its fields always, its files unless one was refused. */
export interface ComposeParts extends Received {
  /** Why the files were refused (too large, too many, empty); none of them is kept then. */
  refusal: AppError | null;
}

/**
 * Reads the compose form (multipart) like `receiveAttachments`, but a refused file does not lose
 * the form: the files are dropped, the rest of the stream is still read for the fields that come
 * after, and the refusal is returned so that the form comes back with everything typed.
 */
export async function receiveComposeForm(request: FastifyRequest): Promise<ComposeParts> {
  const store = request.server.blobs;
  const maxBytes = request.server.config.uploadMaxBytes;
  const fields: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  let files: StoredFile[] = [];
  let refusal: AppError | null = null;
  let total = 0;
  const refuse = async (error: AppError) => {
    refusal ??= error;
    await discardFiles(store, files);
    files = [];
  };
  try {
    const parts = request.parts({
      preservePath: true,
      throwFileSizeLimit: false,
      limits: { fileSize: maxBytes + 1, files: MAX_FILES + 1 },
    } as Parameters<FastifyRequest['parts']>[0]);
    for await (const part of parts) {
      if (part.type === 'field') {
        const value = String(part.value ?? '');
        fields[part.fieldname] = value;
        (lists[part.fieldname] ??= []).push(value);
        continue;
      }
      if (refusal || part.filename === '') {
        await drain(part.file);
        continue;
      }
      if (files.length >= MAX_FILES) {
        await drain(part.file);
        await refuse(new BadRequest('messaging.too_many_files', t('messaging.error.too_many_files')));
        continue;
      }
      let fileName: string;
      try {
        fileName = safeFileName(part.filename, part.fieldname);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        await drain(part.file);
        await refuse(error);
        continue;
      }
      const limit = Math.min(maxBytes, Math.max(0, MAX_TOTAL_BYTES - total));
      try {
        const info = await store.put(part.file as Readable, { maxBytes: limit, fileName });
        if (info.size === 0) {
          await store.delete(info.key);
          await refuse(new BadRequest('storage.empty_file', `Le fichier « ${fileName} » est vide.`, { field: part.fieldname, fileName }));
          continue;
        }
        total += info.size;
        files.push({ ...info, field: part.fieldname, fileName });
      } catch (error) {
        if (!(error instanceof BlobTooLarge)) throw error;
        await drain(part.file);
        await refuse(limit < maxBytes ? tooLargeInTotal() : error);
      }
    }
  } catch (error) {
    await discardFiles(store, files);
    throw error;
  }
  return { fields, lists, files, refusal };
}
