import type { FastifyPluginAsync } from 'fastify';
import { authenticated } from '../../kernel/auth/plugin.js';
import { can } from '../../kernel/authz/index.js';
import { t } from './i18n/fr.js';
import { jobsApi } from './routes/api.js';
import { jobsPages } from './routes/pages.js';
import './policy.js';

/**
 * The job queue seen by the instance administrator: /admin/jobs and /api/jobs. The mechanism
 * itself is the kernel's (kernel/jobs); this module only shows it and retries failed jobs.
 */
export const jobsModule: FastifyPluginAsync = async (app) => {
  app.nav.push({
    href: '/admin/jobs',
    label: t('jobs.nav'),
    service: 'directory',
    order: 95,
    visible: (actor) => can(actor, 'jobs.job.list', {}),
  });
  await app.register(
    authenticated(async (app) => {
      await app.register(jobsApi, { prefix: '/api/jobs' });
      await app.register(jobsPages);
    }),
  );
};
