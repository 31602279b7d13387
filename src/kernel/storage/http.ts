import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { AppError, BadRequest } from '../http/errors.js';
import type { BlobInfo, BlobStore } from './index.js';
import { BlobTooLarge } from './errors.js';
import { isActiveContent, isInlineSafe } from './sniff.js';
import { contentDisposition, safeFileName } from './names.js';
import { stripControls } from '../text.js';

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
  /** Error for passing `maxTotalBytes` (defaults to the size error of one file). */
  totalExceeded?: () => AppError;
  /** Error for more than `maxFiles` files (defaults to a plain count message). */
  tooMany?: () => AppError;
}

export interface Received {
  /** Text fields; a repeated field keeps its last value, see `lists` for all of them. */
  fields: Record<string, string>;
  lists: Record<string, string[]>;
  files: StoredFile[];
}

/** A form read to its end: its fields always, its files unless one was refused. */
export interface ReceivedForm extends Received {
  /** Why the files were refused (bad name, empty, too large, too many); none is kept then. */
  refusal: AppError | null;
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

/** Reads what is left of a file part, so that the parts after it arrive. */
async function drain(file: Readable): Promise<void> {
  try {
    for await (const _ of file) void _;
  } catch {
    // The store already closed it.
  }
}

/** Why a file part is refused before its bytes are stored, or null. */
function refusalBeforeStoring(part: { filename: string; fieldname: string }, stored: number, options: ReceiveOptions): AppError | null {
  if (stored >= options.maxFiles)
    return (
      options.tooMany?.() ?? new BadRequest('storage.too_many_files', `Envoyez au plus ${options.maxFiles} fichiers à la fois.`, { maxFiles: options.maxFiles })
    );
  try {
    safeFileName(part.filename, part.fieldname);
    return null;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

/**
 * Reads a multipart request, streaming each file into the blob store as it arrives. A refused
 * file (bad name, empty, too large, too many) deletes every blob of the request. With `untilEnd`
 * the reading goes on to the end so that a form comes back with every field typed, and the
 * refusal is returned; without it the first refusal is thrown at once (JSON uploads). A file part
 * with no name and no bytes (a file input left empty) is skipped.
 */
async function readMultipart(request: FastifyRequest, options: ReceiveOptions, untilEnd: boolean): Promise<ReceivedForm> {
  if (!request.isMultipart()) throw new BadRequest('storage.not_multipart', 'Envoyez les fichiers avec un formulaire multipart.');
  const store = request.server.blobs;
  const fields: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  let files: StoredFile[] = [];
  let refusal: AppError | null = null;
  let total = 0;
  const refuse = async (error: AppError) => {
    refusal ??= error;
    await discardFiles(store, files);
    files = [];
    if (!untilEnd) throw error;
  };
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
        const value = stripControls(String(part.value ?? ''));
        fields[part.fieldname] = value;
        (lists[part.fieldname] ??= []).push(value);
        continue;
      }
      if (typeof part.filename !== 'string') {
        part.file.resume();
        throw new BadRequest('storage.no_file_name', 'Chaque fichier envoyé doit avoir un nom.', { field: part.fieldname });
      }
      // An empty file input still sends a part; after a refusal nothing more is stored.
      if (part.filename === '' || refusal) {
        await drain(part.file as Readable);
        continue;
      }
      const early = refusalBeforeStoring(part, files.length, options);
      if (early) {
        await drain(part.file as Readable);
        await refuse(early);
        continue;
      }
      const fileName = safeFileName(part.filename, part.fieldname);
      const left = options.maxTotalBytes === undefined ? Infinity : options.maxTotalBytes - total;
      const limit = Math.min(options.maxBytes, Math.max(0, left));
      let info: BlobInfo;
      try {
        info = await store.put(part.file as Readable, { maxBytes: limit, fileName });
      } catch (error) {
        if (!(error instanceof BlobTooLarge)) throw error;
        await drain(part.file as Readable);
        await refuse(limit < options.maxBytes ? (options.totalExceeded?.() ?? error) : new BlobTooLarge(options.maxBytes, fileName));
        continue;
      }
      if (info.size === 0) {
        await store.delete(info.key);
        await refuse(new BadRequest('storage.empty_file', `Le fichier «\u00a0${fileName}\u00a0» est vide.`, { field: part.fieldname, fileName }));
        continue;
      }
      total += info.size;
      files.push({ ...info, field: part.fieldname, fileName });
    }
  } catch (error) {
    await discardFiles(store, files);
    throw multipartError(error);
  }
  return { fields, lists, files, refusal };
}

/** Reads a multipart upload; the first refused file throws its 4xx and nothing is kept (JSON routes). */
export async function receiveFiles(request: FastifyRequest, options: ReceiveOptions): Promise<Received> {
  const { fields, lists, files } = await readMultipart(request, options, false);
  return { fields, lists, files };
}

/**
 * Reads a multipart form to its end: a refused file drops every file of the request but not the
 * fields typed after it, so that the form can come back whole with one message (form routes).
 */
export async function receiveForm(request: FastifyRequest, options: ReceiveOptions): Promise<ReceivedForm> {
  return readMultipart(request, options, true);
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

interface EntityTag {
  weak: boolean;
  opaque: string;
}

/** `*`, or the well-formed entity-tags of a list header (`#entity-tag`, RFC 9110 §8.8.3); others are ignored. */
function entityTags(header: string): '*' | EntityTag[] {
  if (header.trim() === '*') return '*';
  const tags: EntityTag[] = [];
  // etagc allows commas, so tags are matched as a whole rather than split on ",".
  for (const match of header.matchAll(/(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"/g)) tags.push({ weak: Boolean(match[1]), opaque: match[2]! });
  return tags;
}

/** RFC 9110 §8.8.3.2: strong comparison needs both tags strong; weak comparison only the opaque parts. */
function sameTag(a: EntityTag, b: EntityTag, strong: boolean): boolean {
  return a.opaque === b.opaque && (!strong || (!a.weak && !b.weak));
}

function matchesAny(header: string, current: EntityTag | null, strong: boolean): boolean {
  const tags = entityTags(header);
  // `*` matches any current representation; the blob exists, or sendBlob would not be called.
  if (tags === '*') return true;
  return current !== null && tags.some((tag) => sameTag(tag, current, strong));
}

/** What the preconditions of a GET decide, in the order of RFC 9110 §13.2.2. */
export function evaluatePreconditions(
  headers: { 'if-match'?: string; 'if-none-match'?: string; 'if-range'?: string; range?: string },
  etag: string | undefined,
): { status: 200 | 304 | 412; useRange: boolean } {
  const current = etag ? ((entityTags(etag) as EntityTag[])[0] ?? null) : null;
  // 1. If-Match, strong comparison. (2. If-Unmodified-Since and 4. If-Modified-Since are ignored:
  // a blob has no Last-Modified, §13.1.4 and §13.1.3.)
  if (headers['if-match'] !== undefined && !matchesAny(headers['if-match'], current, true)) return { status: 412, useRange: false };
  // 3. If-None-Match, weak comparison: for a GET, a match is 304.
  if (headers['if-none-match'] !== undefined && matchesAny(headers['if-none-match'], current, false)) return { status: 304, useRange: false };
  // 5. Range, with If-Range (§13.1.5): a strong match on the entity-tag, or the whole file. An
  // HTTP-date cannot match without a Last-Modified, and If-Range without Range is ignored.
  if (headers.range === undefined) return { status: 200, useRange: false };
  const ifRange = headers['if-range'];
  if (ifRange === undefined) return { status: 200, useRange: true };
  const trimmed = ifRange.trim();
  if (!trimmed.startsWith('"') && !trimmed.startsWith('W/')) return { status: 200, useRange: false };
  const tags = entityTags(trimmed);
  const useRange = current !== null && tags !== '*' && tags.length === 1 && sameTag(tags[0]!, current, true);
  return { status: 200, useRange };
}

/**
 * Streams a blob to the client with a safe disposition, `nosniff`, conditional requests (304/412,
 * RFC 9110 §13) and range support (206/416, with If-Range) so media can be scrubbed.
 */
export async function sendBlob(request: FastifyRequest, reply: FastifyReply, options: SendBlobOptions): Promise<FastifyReply> {
  const etag = options.sha256 ? `"${options.sha256}"` : undefined;
  const headers = request.headers as Record<string, string | undefined>;
  // §13.2.1: preconditions are ignored when the answer without them would not be a 2xx; an
  // unsatisfiable range is that case (416).
  const range = parseRange(headers.range, options.size);
  if (range === 'bad') {
    reply.header('Content-Range', `bytes */${options.size}`);
    return reply.code(416).send(null);
  }
  const decision = evaluatePreconditions(
    { 'if-match': headers['if-match'], 'if-none-match': headers['if-none-match'], 'if-range': headers['if-range'], range: headers.range },
    etag,
  );
  if (decision.status === 412) throw new AppError(412, 'precondition_failed', 'Ce fichier a changé depuis votre dernière lecture.');
  reply.header('Cache-Control', 'private, no-cache');
  if (etag) reply.header('ETag', etag);
  // A 304 carries the validators and cache headers a 200 would, and no body (§15.4.5).
  if (decision.status === 304) return reply.code(304).send();
  const safe = isInlineSafe(options.contentType);
  const inline = Boolean(options.inline) && safe;
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', options.filename));
  reply.header('Accept-Ranges', 'bytes');
  // A downloaded file never runs in the ENT's origin, even if a browser opened it anyway.
  if (!inline) reply.header('Content-Security-Policy', "default-src 'none'; sandbox");
  reply.type(isActiveContent(options.contentType) ? 'application/octet-stream' : options.contentType);
  if (range && decision.useRange) {
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
