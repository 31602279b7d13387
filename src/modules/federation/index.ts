import type { FastifyPluginAsync } from 'fastify';
import { authenticated, publicRoutes } from '../../kernel/auth/plugin.js';
import { can } from '../../kernel/authz/index.js';
import { federationSecret } from './crypto.js';
import { ProviderHost } from './host.js';
import { t } from './i18n/fr.js';
import { registerFederationJobs } from './jobs.js';
import { federationPrivacy } from './privacy.js';
import { federationMigrations } from './migrations/index.js';
import { adminRoutes } from './routes/admin.js';
import { interactionRoutes } from './routes/interaction.js';
import { protocolRoutes } from './routes/protocol.js';
import './policy.js';
import './tables.js';

export { federationMigrations };
export { runOidcCommand, OidcCliRefused, OIDC_USAGE } from './cli.js';

/**
 * Préau as an OpenID Connect provider for partner applications: the protocol under /oidc
 * (discovery at the root), login and consent on Préau's pages, partners registered by the
 * instance administrator at /admin/federation.
 */
export const federationModule: FastifyPluginAsync = async (app) => {
  const secret = () => federationSecret(app.db);
  app.privacy.declare(federationPrivacy);
  const host = new ProviderHost({ db: app.db, clock: app.clock, config: app.config, log: app.log, secret });
  registerFederationJobs(app.jobs, { db: app.db, secret, log: app.log });
  app.nav.push({
    href: '/admin/federation',
    label: t('federation.nav'),
    service: 'federation',
    order: 97,
    visible: (actor) => can(actor, 'federation.client.manage', {}),
  });
  await app.register(publicRoutes(protocolRoutes), { host });
  await app.register(
    authenticated(async (scope) => {
      await scope.register(interactionRoutes, { host, db: app.db });
      await scope.register(adminRoutes, { db: app.db, clock: app.clock, secret });
    }),
  );
};
