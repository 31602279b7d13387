import type { FastifyPluginAsync } from 'fastify';
import { authenticated } from '../../kernel/auth/plugin.js';
import { can } from '../../kernel/authz/index.js';
import { registerRequestsJobs } from './jobs.js';
import { requestsMigrations } from './migrations/index.js';
import { requestsPrivacy } from './privacy.js';
import { referencedBlobKeys } from './repository/requests.js';
import { requestsApi } from './routes/api.js';
import { requestsAgentPages } from './routes/agent-pages.js';
import { requestsFamilyPages } from './routes/family-pages.js';
import { requestsSchoolPages } from './routes/school-pages.js';
import { t } from './i18n/fr.js';
import { ts } from './i18n/staff.js';
import './policy.js';
import './tables.js';

export { requestsMigrations };
export { seedRequestsDemo } from './demo.js';

/** Requests to the municipality (families, directors) and its notes to directors. Pages under /demarches and /mairie, JSON under /api/requests. */
export const requestsModule: FastifyPluginAsync = async (app) => {
  app.privacy.declare(requestsPrivacy);
  app.blobReferences.declare('requests', referencedBlobKeys);
  registerRequestsJobs(app.jobs, app.db);
  app.nav.push({
    href: '/demarches',
    label: () => t('requests.nav'),
    service: 'requests',
    order: 52,
    visible: (actor) => can(actor, 'requests.family.open', {}) || can(actor, 'requests.agent.open', {}),
  });
  app.nav.push({
    href: '/mairie',
    label: () => ts('requests.school.title'),
    service: 'requests',
    order: 53,
    visible: (actor) => can(actor, 'requests.school.open', {}) || can(actor, 'requests.agent.open', {}),
  });
  await app.register(
    authenticated(async (app) => {
      await app.register(requestsApi, { prefix: '/api/requests' });
      await app.register(requestsFamilyPages);
      await app.register(requestsAgentPages);
      await app.register(requestsSchoolPages);
    }),
  );
};
