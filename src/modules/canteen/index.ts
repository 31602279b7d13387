import type { FastifyPluginAsync } from 'fastify';
import { h } from 'preact';
import { authenticated } from '../../kernel/auth/plugin.js';
import { can } from '../../kernel/authz/index.js';
import { t } from './i18n/fr.js';
import { canteenMigrations } from './migrations/index.js';
import { canteenApi } from './routes/api.js';
import { canteenDeps } from './routes/deps.js';
import { canteenStatistics } from './routes/statistics.js';
import { canteenFamilyPages } from './routes/family-pages.js';
import { canteenAgentPages } from './routes/agent-pages.js';
import { canteenMenuPages } from './routes/menu-pages.js';
import { canteenSetupPages } from './routes/setup-pages.js';
import { canteenMenusApi } from './routes/menus.js';
import { homeWeeks } from './service/menus.js';
import { HomeMenus } from './views/menus.js';
import { registerCanteenJobs } from './jobs.js';
import { directorNumbers } from './service/home.js';
import { NumbersBlock } from './views/home.js';
import './policy.js';
import './tables.js';
import { canteenPrivacy } from './privacy.js';

export { canteenMigrations };
export { seedCanteenDemo, canteenDemoLogins } from './demo.js';

/** The municipality's family services: services and bookings, attendance. Pages under /canteen, JSON under /api/canteen. */
export const canteenModule: FastifyPluginAsync = async (app) => {
  app.privacy.declare(canteenPrivacy);
  const deps = canteenDeps(app);
  registerCanteenJobs(app);
  app.nav.push({
    href: '/canteen',
    label: () => t('canteen.nav'),
    service: 'canteen',
    order: 50,
    visible: (actor) => can(actor, 'canteen.family.open', {}) || can(actor, 'canteen.agent.open', {}),
  });
  app.homeSections.add({
    id: 'canteen-numbers',
    placement: 'top',
    order: 40,
    load: (actor) => directorNumbers(deps, actor),
    render: (data) => h(NumbersBlock, { data }),
  });
  app.homeSections.add({
    id: 'canteen-menus',
    placement: 'bottom',
    order: 30,
    load: (actor) => homeWeeks(deps, actor),
    render: (data) => h(HomeMenus, data),
  });
  await app.register(
    authenticated(async (app) => {
      await app.register(canteenApi, { prefix: '/api/canteen' });
      await app.register(canteenFamilyPages);
      await app.register(canteenAgentPages);
      await app.register(canteenMenusApi, { prefix: '/api/canteen' });
      await app.register(canteenMenuPages);
      await app.register(canteenSetupPages);
      await app.register(canteenStatistics, { deps });
    }),
  );
};
