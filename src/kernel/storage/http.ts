import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { AppError, BadRequest } from '../http/errors.js';
import type { BlobInfo, BlobStore } from './index.js';
import { BlobTooLarge } from './errors.js';
import { isActiveContent, isInlineSafe } from './sniff.js';
import { contentDisposition, safeFileName } from './names.js';

/** A file received and already in the blob store. */
export interface StoredFile extends BlobInfo {
  /** Form field the file came in. */
  field: string;
  /** Safe, normalised name. */
  fileName: string;
}

export interface ReceiveOptions {
  /** Largest single file. */
  maxBytes: number;
  maxFiles: number;
  /** All files of the request together (e.g. what is left of a quota). */
  maxTotalBytes?: number;
  /** Error thrown when `maxTotalBytes` is passed (defaults to a plain size error). */
  totalExceeded?: () => AppError;
}

export interface Received {
  /** Text fields; a repeated field keeps its last value, see `lists` for all of them. */
  fields: Record<string, string>;
  lists: Record<string, string[]>;
  files: StoredFile[];
}

export function isMultipart(request: FastifyRequest): boolean {
  return request.isMultipart();
}

/** Messages of busboy's errors for a body that is not well-formed multipart (they carry no code). */
const MALFORMED = /^(Multipart: )?(Boundary not found|Malformed|Unexpected end|Part terminated early)/;

/** A parse error of the client's body as a 400 with the JSON envelope; anything else unchanged. */
export function multipartError(error: unknown): unknown {
  if (error instanceof Error && !(error instanceof AppError) && MALFORMED.test(error.message))
    return new BadRequest('storage.bad_multipart', 'Le formulaire envoyé est incomplet ou mal formé.');
  return error;
}

/** Deletes blobs a request stored before it failed. */
export async function discardFiles(store: BlobStore, files: readonly BlobInfo[]): Promise<void> {
  await Promise.all(files.map((file) => store.delete(file.key).catch(() => undefined)));
}

/**
 * Reads a multipart request, streaming each file into the blob store as it arrives. Any refusal
 * (bad name, empty file, too large, too many) deletes every blob of the request and throws a 4xx.
 * A file part with no name and no bytes (a file input left empty) is skipped.
 */
export async function receiveFiles(request: FastifyRequest, options: ReceiveOptions): Promise<Received> {
  if (!request.isMultipart()) throw new BadRequest('storage.not_multipart', 'Envoyez les fichiers avec un formulaire multipart.');
  const store = request.server.blobs;
  const fields: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  const files: StoredFile[] = [];
  let total = 0;
  try {
    // The store enforces the size itself (and deletes the partial blob); preservePath keeps a
    // name like `a/b.pdf` intact so that it is refused rather than silently shortened.
    const parts = request.parts({
      preservePath: true,
      throwFileSizeLimit: false,
      limits: { fileSize: options.maxBytes + 1, files: options.maxFiles + 1 },
    } as Parameters<FastifyRequest['parts']>[0]);
    for await (const part of parts) {
      if (part.type === 'field') {
        const value = String(part.value ?? '');
        fields[part.fieldname] = value;
        (lists[part.fieldname] ??= []).push(value);
        continue;
      }
      if (typeof part.filename !== 'string') {
        part.file.resume();
        throw new BadRequest('storage.no_file_name', 'Chaque fichier envoyé doit avoir un nom.', { field: part.fieldname });
      }
      if (part.filename === '') {
        // An empty file input still sends a part; drain it.
        for await (const _ of part.file) void _;
        continue;
      }
      if (files.length >= options.maxFiles) {
        part.file.resume();
        throw new BadRequest('storage.too_many_files', `Envoyez au plus ${options.maxFiles} fichiers à la fois.`, { maxFiles: options.maxFiles });
      }
      const fileName = safeFileName(part.filename, part.fieldname);
      const left = options.maxTotalBytes === undefined ? Infinity : options.maxTotalBytes - total;
      const limit = Math.min(options.maxBytes, Math.max(0, left));
      let info: BlobInfo;
      try {
        info = await store.put(part.file as Readable, { maxBytes: limit, fileName });
      } catch (error) {
        if (error instanceof BlobTooLarge && limit < options.maxBytes) throw options.totalExceeded?.() ?? error;
        throw error;
      }
      if (info.size === 0) {
        await store.delete(info.key);
        throw new BadRequest('storage.empty_file', `Le fichier « ${fileName} » est vide.`, { field: part.fieldname, fileName });
      }
      total += info.size;
      files.push({ ...info, field: part.fieldname, fileName });
    }
  } catch (error) {
    await discardFiles(store, files);
    throw multipartError(error);
  }
  return { fields, lists, files };
}

export interface SendBlobOptions {
  key: string;
  size: number;
  contentType: string;
  filename: string;
  /** Ask to show it in the browser; ignored for types that could run script (HTML, SVG, XML…). */
  inline?: boolean;
  sha256?: string;
}

/** Parses a single `bytes=` range against a size: null means "send it all", 'bad' means 416. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'bad' {
  if (!header) return null;
  const match = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!match) return null;
  const spec = match[1]!.trim();
  // Several ranges at once are legal, but a single full answer is too (RFC 9110 §14.2).
  if (spec.includes(',')) return null;
  const parts = /^(\d*)\s*-\s*(\d*)$/.exec(spec);
  if (!parts || (parts[1] === '' && parts[2] === '')) return 'bad';
  if (parts[1] === '') {
    const suffix = Number(parts[2]);
    if (suffix === 0 || size === 0) return 'bad';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(parts[1]);
  const end = parts[2] === '' ? size - 1 : Math.min(Number(parts[2]), size - 1);
  if (start >= size || end < start) return 'bad';
  return { start, end };
}

/**
 * Streams a blob to the client with a safe disposition, `nosniff`, and range support (206/416)
 * so media can be scrubbed.
 */
export async function sendBlob(request: FastifyRequest, reply: FastifyReply, options: SendBlobOptions): Promise<FastifyReply> {
  const safe = isInlineSafe(options.contentType);
  const inline = Boolean(options.inline) && safe;
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', options.filename));
  reply.header('Accept-Ranges', 'bytes');
  reply.header('Cache-Control', 'private, no-cache');
  // A downloaded file never runs in the ENT's origin, even if a browser opened it anyway.
  if (!inline) reply.header('Content-Security-Policy', "default-src 'none'; sandbox");
  if (options.sha256) reply.header('ETag', `"${options.sha256}"`);
  reply.type(isActiveContent(options.contentType) ? 'application/octet-stream' : options.contentType);
  const range = parseRange(request.headers.range, options.size);
  if (range === 'bad') {
    reply.header('Content-Range', `bytes */${options.size}`);
    return reply.code(416).send(null);
  }
  if (range) {
    const stream = await request.server.blobs.get(options.key, range);
    reply.code(206);
    reply.header('Content-Range', `bytes ${range.start}-${range.end}/${options.size}`);
    reply.header('Content-Length', String(range.end - range.start + 1));
    return reply.send(stream);
  }
  const stream = await request.server.blobs.get(options.key);
  reply.header('Content-Length', String(options.size));
  return reply.send(stream);
}

export { safeFileName, fileNameProblem, contentDisposition } from './names.js';
