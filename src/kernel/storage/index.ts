import type { Readable } from 'node:stream';

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
}

/**
 * Where files live: the local disk by default, an S3-compatible store when configured. Streams
 * in and out; a file is never held whole in memory.
 */
export interface BlobStore {
  put(body: Readable, options: PutOptions): Promise<BlobInfo>;
  /** A byte range (inclusive `end`) or the whole blob. */
  get(key: string, range?: { start: number; end: number }): Promise<Readable>;
  size(key: string): Promise<number | null>;
  delete(key: string): Promise<void>;
}
