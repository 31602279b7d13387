import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import { publicRoutes } from '../../kernel/auth/plugin.js';
import { personHeader } from './person.js';
import { offlinePublic } from './routes/public.js';

const publicDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../public');

/**
 * Préau on phones: the service worker that keeps a person's agenda, week and inbox readable
 * offline, the web app manifest and its icons. The pages link them from the shared layout.
 */
export const offlineModule: FastifyPluginAsync = async (app) => {
  await app.register(publicRoutes(offlinePublic), { publicDir });
};

/** Registered beside the module, on the root: every module's pages say whose they are. */
export { personHeader as offlinePersonHeader };
