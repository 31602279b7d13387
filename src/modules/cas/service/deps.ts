import type { Clock } from '../../../kernel/clock.js';
import type { Db } from '../../../kernel/db/index.js';

/** What the CAS use cases need: the database, the application's time, and how long a ticket lives. */
export type CasDeps = {
  db: Db;
  clock: Clock;
  ticketSeconds: number;
};
