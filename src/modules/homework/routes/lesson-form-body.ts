import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { BadRequest } from '../../../kernel/http/errors.js';
import { formatSize } from '../../../kernel/i18n/index.js';
import { BlobTooLarge } from '../../../kernel/storage/index.js';
import { discardFiles, fileNameProblem, type StoredFile } from '../../../kernel/storage/http.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';

export interface LessonFormBody {
  fields: Record<string, string>;
  /** Stored files; empty when a file was refused (the others are deleted with it). */
  files: StoredFile[];
  /** The one problem with the files, on the `files` field, or null. */
  fileError: FieldErrors | null;
  /** 413 when a file was too large, 400 for another refusal. */
  fileStatus: number;
}

/**
 * Reads the lesson form to its end, streaming files into the blob store. Unlike the kernel's
 * `receiveFiles`, a refused file does not stop the reading: the text fields that follow it are
 * kept, so the form comes back with everything typed and one message about the file.
 */
export async function readLessonFormBody(request: FastifyRequest, options: { maxBytes: number; maxFiles: number }): Promise<LessonFormBody> {
  if (!request.isMultipart()) throw new BadRequest('storage.not_multipart', 'Envoyez les fichiers avec un formulaire multipart.');
  const store = request.server.blobs;
  const fields: Record<string, string> = {};
  const files: StoredFile[] = [];
  let problem: { message: string; status: number } | null = null;
  const refuse = (message: string, status = 400) => {
    problem ??= { message, status };
  };
  try {
    const parts = request.parts({
      preservePath: true,
      throwFileSizeLimit: false,
      limits: { fileSize: options.maxBytes + 1, files: options.maxFiles + 1 },
    } as Parameters<FastifyRequest['parts']>[0]);
    for await (const part of parts) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value ?? '');
        continue;
      }
      const name = part.filename.normalize('NFC').trim();
      // An empty file input still sends a part; after a refusal nothing more is stored.
      if (part.filename === '' || problem) {
        await drain(part.file);
        continue;
      }
      const badName = fileNameProblem(part.filename);
      if (badName || files.length >= options.maxFiles) {
        await drain(part.file);
        refuse(badName ? t('homework.error.file_name', name) : t('homework.error.too_many_files'));
        continue;
      }
      try {
        const info = await store.put(part.file as Readable, { maxBytes: options.maxBytes, fileName: name });
        if (info.size === 0) {
          await store.delete(info.key);
          refuse(t('homework.error.file_empty', name));
        } else files.push({ ...info, field: part.fieldname, fileName: name });
      } catch (error) {
        if (!(error instanceof BlobTooLarge)) throw error;
        await drain(part.file);
        refuse(t('homework.error.file_too_large', name, formatSize(options.maxBytes)), 413);
      }
    }
  } catch (error) {
    await discardFiles(store, files);
    throw error;
  }
  if (!problem) return { fields, files, fileError: null, fileStatus: 200 };
  await discardFiles(store, files);
  const { message, status } = problem as { message: string; status: number };
  return { fields, files: [], fileError: { files: message }, fileStatus: status };
}

/** Reads what is left of a file part, so that the parts after it arrive. */
async function drain(file: Readable): Promise<void> {
  if (file.destroyed || file.readableEnded) return;
  file.resume();
  await new Promise<void>((resolve) => {
    file.once('end', resolve);
    file.once('close', resolve);
    file.once('error', () => resolve());
  });
}
