import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../../kernel/clock.js';
import type { Db } from '../../../kernel/db/index.js';

export interface Deps {
  db: Db;
  clock: Clock;
  log: FastifyBaseLogger;
}
