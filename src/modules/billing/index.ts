import type { FastifyPluginAsync } from 'fastify';
import { authenticated, publicRoutes } from '../../kernel/auth/plugin.js';
import { can } from '../../kernel/authz/index.js';
import { tf } from './i18n/fr.js';
import { billingMigrations } from './migrations/index.js';
import { billingPrivacy } from './privacy.js';
import { referencedBlobKeys } from './repository/tariffs.js';
import { billingApi } from './routes/api.js';
import { billingAgentPages } from './routes/agent-pages.js';
import { billingFamilyPages } from './routes/family-pages.js';
import { billingOnlineNotify, billingOnlineRoutes } from './routes/online.js';
import { billingTariffPages } from './routes/tariff-pages.js';
import './policy.js';
import './tables.js';

export { billingMigrations };
export { seedBillingDemo } from './demo.js';

/** The municipality's invoices, credit notes and payments for the family services. Pages under /billing, JSON under /api/billing. */
export const billingModule: FastifyPluginAsync = async (app) => {
  app.privacy.declare(billingPrivacy);
  app.blobReferences.declare('billing', referencedBlobKeys);
  app.nav.push({
    href: '/billing',
    label: () => tf('billing.nav'),
    service: 'billing',
    order: 51,
    // The kernel asks `visible` synchronously: every parent sees the entry (the page says when there is nothing yet).
    visible: (actor) => can(actor, 'billing.family.open', {}) || can(actor, 'billing.agent.open', {}),
  });
  await app.register(
    authenticated(async (app) => {
      await app.register(billingApi, { prefix: '/api/billing' });
      await app.register(billingFamilyPages);
      await app.register(billingAgentPages);
      await app.register(billingTariffPages);
      await app.register(billingOnlineRoutes);
    }),
  );
  // The payment provider's notification: signed, no session.
  await app.register(publicRoutes(billingOnlineNotify));
};
