import type { Db } from '../db/index.js';
import type { BlobStore } from './index.js';

/** Of these keys, the ones a module's rows still reference. */
export type ReferencedKeys = (db: Db, keys: readonly string[]) => Promise<string[]>;

/**
 * Where modules declare which blob keys they reference. A blob no declared source references is
 * unreferenced; the sweep is only sound once every module that stores blobs has declared here.
 */
export class BlobReferences {
  private readonly sources = new Map<string, ReferencedKeys>();

  declare(name: string, referenced: ReferencedKeys): void {
    if (this.sources.has(name)) throw new Error(`Blob references ${name} are declared twice`);
    this.sources.set(name, referenced);
  }

  get names(): string[] {
    return [...this.sources.keys()];
  }

  async referenced(db: Db, keys: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const referenced of this.sources.values()) for (const key of await referenced(db, keys)) found.add(key);
    return found;
  }
}

/** Unreferenced blobs younger than this are kept: an upload stores its bytes before its row. */
export const SWEEP_GRACE_MS = 24 * 60 * 60_000;
const BATCH = 500;

/**
 * Deletes the blobs that were created before `now - graceMs` and that no declared source
 * references (attachments of deleted drafts, refused uploads whose clean-up failed…). Returns
 * how many were deleted. Safe to run again: a second run finds nothing more.
 */
export async function sweepBlobs(store: BlobStore, db: Db, references: BlobReferences, now: Date, graceMs = SWEEP_GRACE_MS): Promise<number> {
  const before = now.getTime() - graceMs;
  let deleted = 0;
  let batch: string[] = [];
  const flush = async () => {
    const kept = await references.referenced(db, batch);
    for (const key of batch) {
      if (kept.has(key)) continue;
      await store.delete(key);
      deleted++;
    }
    batch = [];
  };
  for await (const blob of store.list()) {
    if (blob.createdAt.getTime() >= before) continue;
    batch.push(blob.key);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  return deleted;
}
