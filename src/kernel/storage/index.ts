import type { Readable } from 'node:stream';
import path from 'node:path';
import type { Config } from '../config/index.js';
import { DiskBlobStore } from './disk.js';
import { S3BlobStore } from './s3.js';

/** What is known of a stored blob. */
export interface BlobInfo {
  /** Opaque key: random, never derived from the content or the file name. */
  key: string;
  size: number;
  /** Hex SHA-256 of the bytes, computed while streaming. */
  sha256: string;
  /** Content type sniffed from the first bytes (never trusted from the client). */
  contentType: string;
}

export interface PutOptions {
  /** Refuse (and delete) past this many bytes. */
  maxBytes: number;
  /** The file's (already safe) name: only used to tell apart zip-based office formats. */
  fileName?: string;
}

/**
 * Where files live: the local disk by default, an S3-compatible store when configured. Streams
 * in and out; a file is never held whole in memory.
 */
export interface BlobStore {
  put(body: Readable, options: PutOptions): Promise<BlobInfo>;
  /** A byte range (inclusive `end`) or the whole blob; `BlobMissing` when the key is unknown. */
  get(key: string, range?: { start: number; end: number }): Promise<Readable>;
  size(key: string): Promise<number | null>;
  /** Deleting a missing blob is not an error. */
  delete(key: string): Promise<void>;
  /** Every stored blob with the time it was written (for the sweep of unreferenced blobs). */
  list(): AsyncIterable<{ key: string; createdAt: Date }>;
}

/** The store the configuration names: `DATA_DIR/blobs` on disk, or an S3 bucket. */
export function createBlobStore(config: Pick<Config, 'storage' | 'dataDir'> & Partial<Pick<Config, 'requestIdleSeconds'>>): BlobStore {
  if (config.storage.kind === 's3') return new S3BlobStore(config.storage);
  // Twice the idle timeout: past it, the server has closed any upload that wrote nothing.
  const staleTempMs = config.requestIdleSeconds === undefined ? undefined : 2 * config.requestIdleSeconds * 1000;
  return new DiskBlobStore(path.join(config.dataDir, 'blobs'), { staleTempMs });
}

export { BlobTooLarge, BlobMissing } from './errors.js';
export { BlobReferences, sweepBlobs, SWEEP_GRACE_MS, type ReferencedKeys } from './sweep.js';
export { isInlineSafe, sniffContentType } from './sniff.js';
