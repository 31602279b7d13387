import type { Clock } from '../../../kernel/clock.js';
import type { Db } from '../../../kernel/db/index.js';

/** What the equipment's use cases need from the application. */
export type Deps = {
  db: Db;
  clock: Clock;
  /** The application's settings, read when used: labels print absolute URLs from `publicUrl`. */
  config: { readonly publicUrl: string };
};
