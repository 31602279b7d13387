import type { Clock } from '../../../kernel/clock.js';
import type { Db } from '../../../kernel/db/index.js';
import type { BlobStore } from '../../../kernel/storage/index.js';

/** What the module's use cases need from the application. */
export interface Deps {
  db: Db;
  /** The application's time: today, the school year and "not in the future" come from it. */
  clock: Clock;
  blobs: BlobStore;
}
