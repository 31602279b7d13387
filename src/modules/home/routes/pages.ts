import type { FastifyPluginAsync } from 'fastify';
import { h } from 'preact';
import { t } from '../i18n/fr.js';
import { homeData } from '../service.js';
import { HomePage } from '../views/home.js';

/** GET /: the signed-in person's own home page. */
export const homePages: FastifyPluginAsync = async (app) => {
  const deps = { db: app.db, clock: app.clock };
  app.get('/', { config: { personal: true } }, async (request, reply) => {
    const actor = request.actor;
    const [data, sections] = await Promise.all([homeData(deps, actor), app.homeSections.load(actor, app.clock.now())]);
    return reply.page({ title: t('home.title'), service: 'home' }, h(HomePage, { actor, data, sections }));
  });
};
