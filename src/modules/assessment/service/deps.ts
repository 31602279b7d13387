import type { Clock } from '../../../kernel/clock.js';
import type { Db } from '../../../kernel/db/index.js';

/** What the module's use cases need from the application. */
export interface Deps {
  db: Db;
  /** "Now", today and the school year all come from it. */
  clock: Clock;
}
