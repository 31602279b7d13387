import type { Clock } from '../../../kernel/clock.js';
import type { Db } from '../../../kernel/db/index.js';

/** What the forum's use cases need from the application. */
export type Deps = {
  db: Db;
  /** The application's time: "now" and the school year come from it. */
  clock: Clock;
};
