import type { FastifyPluginAsync } from 'fastify';
import { h } from 'preact';
import { authenticated } from '../../kernel/auth/plugin.js';
import { can } from '../../kernel/authz/index.js';
import { newsMigrations } from './migrations/index.js';
import { newsPrivacy } from './privacy.js';
import { registerNewsJobs } from './jobs.js';
import { referencedBlobKeys } from './repository.js';
import { newsApi } from './routes/api.js';
import { newsPages } from './routes/pages.js';
import { listItems } from './service/items.js';
import { Headlines } from './views/list.js';
import { t } from './i18n/fr.js';
import './policy.js';
import './tables.js';

export { newsMigrations };
export { readerKeys, audienceMembers, parseKey, keyOf, type AudienceTarget } from './audience.js';
export { reachableTargets, describeTargets, type LabelledTarget } from './service/targets.js';
export type { AudienceKind } from './tables.js';
export type { TargetFacts } from './policy.js';

/** Actualités: news for an audience, with a publication window; "À la une" on the home page. */
export const newsModule: FastifyPluginAsync = async (app) => {
  app.privacy.declare(newsPrivacy);
  app.blobReferences.declare('news', referencedBlobKeys);
  registerNewsJobs(app.jobs, app.db);
  app.nav.push({ href: '/news', label: () => t('news.nav'), service: 'home', order: 25, visible: (actor) => can(actor, 'news.index.open', {}) });
  const deps = { db: app.db, clock: app.clock };
  app.homeSections.add({
    id: 'news',
    placement: 'top',
    order: 10,
    load: async (actor) => {
      const items = await listItems(deps, actor, { limit: 5, offset: 0 });
      return items.length > 0 ? items : null;
    },
    render: (items) => h(Headlines, { items }),
  });
  await app.register(
    authenticated(async (app) => {
      await app.register(newsApi, { prefix: '/api/news' });
      await app.register(newsPages);
    }),
  );
};
