import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import { authenticated, publicRoutes } from '../../kernel/auth/plugin.js';
import { registerOfflineJobs } from './jobs.js';
import { offlineMigrations } from './migrations/index.js';
import { personHeader } from './person.js';
import { offlinePrivacy } from './privacy.js';
import { offlineApi } from './routes/api.js';
import { offlinePages } from './routes/pages.js';
import { offlinePublic } from './routes/public.js';
import type { OfflineDeps } from './service.js';
import './policy.js';
import './tables.js';

export { offlineMigrations };

const publicDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../public');

/**
 * Préau on phones: the service worker that keeps a person's agenda, week and inbox readable
 * offline, the web app manifest and its icons, and notices pushed to the devices that opt in.
 */
export const offlineModule: FastifyPluginAsync = async (app) => {
  const deps: OfflineDeps = { db: app.db, clock: app.clock, publicUrl: app.config.publicUrl, mailFrom: app.config.mailFrom };
  registerOfflineJobs(app.jobs, deps);
  app.privacy.declare(offlinePrivacy);
  await app.register(publicRoutes(offlinePublic), { publicDir });
  await app.register(
    authenticated<OfflineDeps>(async (app, opts) => {
      await app.register(offlineApi, { ...opts, prefix: '/api/offline' });
      await app.register(offlinePages, opts);
    }),
    deps,
  );
};

/** Registered beside the module, on the root: every module's pages say whose they are. */
export { personHeader as offlinePersonHeader };
