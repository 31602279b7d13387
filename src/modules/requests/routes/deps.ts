import type { FastifyInstance } from 'fastify';
import type { Deps } from '../service/deps.js';

export function requestsDeps(app: FastifyInstance): Deps {
  return { db: app.db, clock: app.clock, blobs: app.blobs };
}
