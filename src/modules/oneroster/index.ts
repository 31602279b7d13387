import type { FastifyPluginAsync } from 'fastify';
import { publicRoutes } from '../../kernel/auth/plugin.js';
import { registerOnerosterJobs } from './jobs.js';
import { onerosterMigrations } from './migrations/index.js';
import { onerosterPrivacy } from './privacy.js';
import { ROSTER_PREFIX, rosterRoutes } from './routes/roster.js';
import { tokenRoutes } from './routes/token.js';
import './policy.js';
import './tables.js';

export { onerosterMigrations };
export { runOnerosterCommand, OnerosterCliRefused } from './cli.js';

/**
 * OneRoster 1.2 rostering, read-only: partner applications registered by the instance
 * administrator get a bearer token (client credentials) and read the schools they were granted.
 * No person signs in here: the routes are public to the session layer and the partner's token is
 * checked before anything else.
 */
export const onerosterModule: FastifyPluginAsync = async (app) => {
  const deps = { db: app.db, clock: app.clock };
  app.privacy.declare(onerosterPrivacy);
  registerOnerosterJobs(app.jobs, deps);
  await app.register(publicRoutes(tokenRoutes), deps);
  await app.register(publicRoutes(rosterRoutes), { ...deps, prefix: ROSTER_PREFIX });
};
