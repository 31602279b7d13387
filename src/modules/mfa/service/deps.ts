import type { Clock } from '../../../kernel/clock.js';
import type { Db } from '../../../kernel/db/index.js';
import type { Throttle } from '../../../kernel/auth/throttle.js';

/** What the second-factor use cases need: the database, the time, and the code throttle. */
export type Deps = {
  db: Db;
  clock: Clock;
  /** Slows code guessing like the password's (kernel/auth/throttle), keyed by person and address. */
  throttle: Throttle;
};
