import type { FastifyPluginAsync } from 'fastify';
import { authenticated } from '../../kernel/auth/plugin.js';
import { can } from '../../kernel/authz/index.js';
import { t } from './i18n/fr.js';
import { registerSteeringJobs } from './jobs.js';
import { steeringMigrations } from './migrations/index.js';
import { householdsOf } from './rollup.js';
import { steeringApi } from './routes/api.js';
import { steeringPages } from './routes/pages.js';
import type { Deps } from './service.js';
import './policy.js';
import './tables.js';

export { steeringMigrations };
export { rollUp } from './rollup.js';
export { seedSteeringDemo, steeringDemoLogins } from './demo.js';

/** Usage steering: counts per day, school, profile and service, rolled up for dashboards. Pages under /steering, JSON under /api/steering. */
export const steeringModule: FastifyPluginAsync = async (app) => {
  app.activity.householdsOf = householdsOf;
  registerSteeringJobs(app);
  const deps: Deps = { db: app.db, clock: app.clock };
  app.nav.push({ href: '/steering', label: t('steering.nav'), service: 'steering', order: 90, visible: (actor) => can(actor, 'steering.index.open', {}) });
  await app.register(
    authenticated<Deps>(async (app, opts) => {
      await app.register(steeringApi, { ...opts, prefix: '/api/steering' });
      await app.register(steeringPages, opts);
    }),
    deps,
  );
};
