import type { Clock } from '../../../kernel/clock.js';
import type { Db } from '../../../kernel/db/index.js';
import type { PrivacyRegistry } from '../../../kernel/privacy.js';
import type { BlobReferences, BlobStore } from '../../../kernel/storage/index.js';

/** What the privacy use cases need. */
export type Deps = {
  db: Db;
  clock: Clock;
  blobs: BlobStore;
  registry: PrivacyRegistry;
  /** Which blob keys rows still reference: a purge deletes only the files nobody points at. */
  references: BlobReferences;
};
