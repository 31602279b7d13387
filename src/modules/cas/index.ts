import type { FastifyPluginAsync } from 'fastify';
import { authenticated, publicRoutes } from '../../kernel/auth/plugin.js';
import { can } from '../../kernel/authz/index.js';
import { t } from './i18n/fr.js';
import { registerCasJobs } from './jobs.js';
import { casMigrations } from './migrations/index.js';
import { casPrivacy } from './privacy.js';
import { casAdmin } from './routes/admin.js';
import { casProtocol } from './routes/protocol.js';
import type { CasDeps } from './service/deps.js';
import './policy.js';
import './tables.js';

export { casMigrations };
export { registerService } from './service/services.js';

/**
 * Préau as a CAS server (Apereo CAS protocol 2.0 and 3.0) for partner tools: /cas/login,
 * /cas/logout and the validation endpoints are public; the services are registered by the
 * instance administrator at /admin/cas, /api/cas/services or `preau cas service add`.
 */
export const casModule: FastifyPluginAsync = async (app) => {
  const deps: CasDeps = { db: app.db, clock: app.clock, ticketSeconds: app.config.casTicketSeconds };
  registerCasJobs(app.jobs, deps);
  app.privacy.declare(casPrivacy);
  app.nav.push({ href: '/admin/cas', label: t('cas.nav'), service: 'directory', order: 96, visible: (actor) => can(actor, 'cas.service.list', {}) });
  await app.register(
    publicRoutes<CasDeps>(async (app, opts) => app.register(casProtocol, opts)),
    deps,
  );
  await app.register(
    authenticated<CasDeps>(async (app, opts) => app.register(casAdmin, opts)),
    deps,
  );
};
