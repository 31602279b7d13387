import type { FastifyPluginAsync } from 'fastify';
import { authenticated } from '../../kernel/auth/plugin.js';
import { can } from '../../kernel/authz/index.js';
import { t } from './i18n/fr.js';
import { registerLiaisonJobs } from './jobs.js';
import { liaisonMigrations } from './migrations/index.js';
import { liaisonPrivacy } from './privacy.js';
import { liaisonApi } from './routes/api.js';
import { liaisonPages } from './routes/pages.js';
import { liaisonForms } from './routes/forms.js';
import './policy.js';
import './tables.js';

export { liaisonMigrations };
export { seedLiaisonDemo } from './demo.js';

/** Cahier de liaison: notes to families with signatures and reply slips, parents' notes to the teacher. Pages under /liaison, JSON under /api/liaison. */
export const liaisonModule: FastifyPluginAsync = async (app) => {
  app.privacy.declare(liaisonPrivacy);
  registerLiaisonJobs(app.jobs, app.db);
  app.nav.push({ href: '/liaison', label: () => t('liaison.nav'), service: 'liaison', order: 35, visible: (actor) => can(actor, 'liaison.index.open', {}) });
  await app.register(
    authenticated(async (app) => {
      await app.register(liaisonApi, { prefix: '/api/liaison' });
      await app.register(liaisonPages);
      await app.register(liaisonForms);
    }),
  );
};
