import type { Clock } from '../../../kernel/clock.js';
import type { Db } from '../../../kernel/db/index.js';
import type { BlobStore } from '../../../kernel/storage/index.js';

/** What the module's use cases need from the application. */
export interface Deps {
  db: Db;
  clock: Clock;
  blobs: BlobStore;
  /** Largest file accepted, image or attachment. */
  uploadMaxBytes: number;
  log: { warn(details: object, message: string): void };
}

/** Deletes blobs whose rows are gone or were never written; a blob that will not go is logged, never an error for the person. */
export async function removeBlobs(deps: Pick<Deps, 'blobs' | 'log'>, keys: string[]): Promise<void> {
  await Promise.all(keys.map((key) => deps.blobs.delete(key).catch((err: unknown) => deps.log.warn({ err, key }, 'blob not deleted'))));
}
