import type { FastifyPluginAsync } from 'fastify';
import { authenticated } from '../../kernel/auth/plugin.js';
import { can } from '../../kernel/authz/index.js';
import { t } from './i18n/fr.js';
import { registerPollsJobs } from './jobs.js';
import { pollsMigrations } from './migrations.js';
import { pollsPrivacy } from './privacy.js';
import { pollsApi } from './routes/api.js';
import { pollsPages } from './routes/pages.js';
import './policy.js';
import './tables.js';

export { pollsMigrations };
export { seedPollsDemo } from './demo.js';

/** Polls for a class's parents, the school's staff or a council: pages under /polls, JSON under /api/polls. */
export const pollsModule: FastifyPluginAsync = async (app) => {
  app.privacy.declare(pollsPrivacy);
  registerPollsJobs(app.jobs, app.db);
  app.nav.push({ href: '/polls', label: () => t('polls.nav'), service: 'polls', order: 36, visible: (actor) => can(actor, 'polls.index.open', {}) });
  await app.register(
    authenticated(async (app) => {
      await app.register(pollsApi, { prefix: '/api/polls' });
      await app.register(pollsPages);
    }),
  );
};
