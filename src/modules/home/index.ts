import fp from 'fastify-plugin';
import { h } from 'preact';
import { requireUser } from '../../kernel/auth/plugin.js';
import { t } from './i18n/fr.js';
import { homeData } from './service.js';
import { HomePage } from './views/home.js';

/** The home page: what each profile needs first. */
export const homeModule = fp(
  async (app) => {
    app.nav.push({ href: '/', label: t('home.nav'), service: 'home', order: 0, visible: () => true });
    app.get('/', { preHandler: requireUser }, async (request, reply) => {
      const actor = request.actor!;
      return reply.page({ title: t('home.title'), service: 'home' }, h(HomePage, { actor, data: await homeData(app.db, actor) }));
    });
  },
  { name: 'home' },
);
