import type { FastifyPluginAsync } from 'fastify';
import { authenticated } from '../../kernel/auth/plugin.js';
import { can } from '../../kernel/authz/index.js';
import { t } from './i18n/fr.js';
import { registerEquipmentJobs } from './jobs.js';
import { equipmentMigrations } from './migrations/index.js';
import { equipmentApi } from './routes/api.js';
import { equipmentPages } from './routes/pages.js';
import type { Deps } from './service/deps.js';
import './policy.js';
import './tables.js';
import './project-tables.js';

export { equipmentMigrations };
export { equipmentDemoLogins, seedEquipmentDemo } from './demo.js';
export { equipmentFigures } from './repository/figures.js';

/** School equipment: places, assets and carts with their history, fault tickets, QR labels. Pages under /equipment, JSON under /api/equipment. */
export const equipmentModule: FastifyPluginAsync = async (app) => {
  registerEquipmentJobs(app.jobs, app.db);
  const deps: Deps = { db: app.db, clock: app.clock, config: app.config };
  app.nav.push({ href: '/equipment', label: t('equipment.nav'), service: 'equipment', order: 60, visible: (actor) => can(actor, 'equipment.index.open', {}) });
  app.nav.push({
    href: '/equipment/loans/mine',
    label: t('equipment.loans.mine'),
    service: 'equipment',
    order: 61,
    visible: (actor) => can(actor, 'equipment.loan.mine', {}),
  });
  await app.register(
    authenticated<Deps>(async (app, opts) => {
      await app.register(equipmentApi, { ...opts, prefix: '/api/equipment' });
      await app.register(equipmentPages, opts);
    }),
    deps,
  );
};
