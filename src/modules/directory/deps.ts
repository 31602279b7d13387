import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/index.js';
import { schoolYearOf } from './school-year.js';

/** What the directory's use cases need: the database and the application's clock. */
export interface DirectoryDeps {
  db: Db;
  clock: Clock;
}

/** The school year running now, by the application's clock. */
export const currentYear = (deps: DirectoryDeps) => schoolYearOf(deps.clock.now());

export const nowOf = (deps: DirectoryDeps) => deps.clock.now().toISOString();
