import type { FastifyInstance } from 'fastify';
import type { Deps } from '../service/deps.js';

/** The use cases' dependencies, from the application. */
export function assessmentDeps(app: FastifyInstance): Deps {
  return { db: app.db, clock: app.clock };
}
