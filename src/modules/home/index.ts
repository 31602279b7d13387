import type { FastifyPluginAsync } from 'fastify';
import { authenticated } from '../../kernel/auth/plugin.js';
import { can } from '../../kernel/authz/index.js';
import { t } from './i18n/fr.js';
import { homePages } from './routes/pages.js';
import './policy.js';

/** The home page: what each profile needs first. */
export const homeModule: FastifyPluginAsync = async (app) => {
  app.nav.push({
    href: '/',
    label: () => t('home.nav'),
    service: 'home',
    order: 0,
    visible: (actor) => can(actor, 'home.page.read', { personId: actor.personId }),
  });
  await app.register(authenticated(async (app) => app.register(homePages)));
};
