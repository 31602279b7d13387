import type { FastifyPluginAsync } from 'fastify';
import { labelIn } from '../../kernel/i18n/index.js';
import { authenticated } from '../../kernel/auth/plugin.js';
import { can } from '../../kernel/authz/index.js';
import { registerResourcesJobs } from './jobs.js';
import { resourcesMigrations } from './migrations/index.js';
import { resourcesApi } from './routes/api.js';
import { resourcesBudgetsApi } from './routes/budgets-api.js';
import { resourcesBudgetsPages } from './routes/budgets-pages.js';
import { resourcesPages } from './routes/pages.js';
import './policy.js';
import './tables.js';
import { resourcesPrivacy } from './privacy.js';

export { resourcesMigrations };
export { pseudonymousId } from './pseudonym.js';
export { seedResourcesDemo } from './demo.js';
export { attachableResource, type Attachable } from './service/attachable.js';
export { pickResources, type Pickable } from './service/picker.js';

/** Resources: the link bank, the catalogue and opening resources through Préau. Pages under /resources, JSON under /api/resources. */
export const resourcesModule: FastifyPluginAsync = async (app) => {
  app.privacy.declare(resourcesPrivacy);
  registerResourcesJobs(app);
  app.nav.push({
    href: '/resources/links',
    label: labelIn({ fr: 'Ressources', en: 'Resources', ar: 'الموارد', pt: 'Recursos', tr: 'Kaynaklar', es: 'Recursos' }),
    service: 'resources',
    order: 45,
    visible: (actor) => can(actor, 'resources.links.open', {}),
  });
  await app.register(
    authenticated(async (app) => {
      await app.register(resourcesApi, { prefix: '/api/resources' });
      await app.register(resourcesBudgetsApi, { prefix: '/api/resources' });
      await app.register(resourcesPages);
      await app.register(resourcesBudgetsPages);
    }),
  );
};
