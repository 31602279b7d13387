import type { FastifyPluginAsync } from 'fastify';
import { labelIn } from '../../kernel/i18n/index.js';
import { h } from 'preact';
import { authenticated } from '../../kernel/auth/plugin.js';
import { can } from '../../kernel/authz/index.js';
import { schoolYearOf } from '../directory/index.js';
import { registerForumJobs } from './jobs.js';
import { forumMigrations } from './migrations/index.js';
import { forumPrivacy } from './privacy.js';
import { listForums } from './repository/forums.js';
import { forumApi } from './routes/api.js';
import { forumPages } from './routes/pages.js';
import type { Deps } from './service/deps.js';
import { forumName } from './service/forums.js';
import { ForumHome } from './views/home.js';
import './policy.js';
import './tables.js';

export { forumMigrations };
export { seedForumDemo } from './demo.js';

/** Forums per class, per school and the staff room: threads, replies, subscriptions, moderation. Pages under /forum, JSON under /api/forum. */
export const forumModule: FastifyPluginAsync = async (app) => {
  app.privacy.declare(forumPrivacy);
  registerForumJobs(app.jobs, app.db);
  const deps: Deps = { db: app.db, clock: app.clock };
  app.nav.push({
    href: '/forum',
    label: labelIn({ fr: 'Forums', en: 'Forums', ar: 'المنتديات', pt: 'Fóruns', tr: 'Forumlar', es: 'Foros' }),
    service: 'forum',
    order: 38,
    visible: (actor) => can(actor, 'forum.index.open', {}),
  });
  app.homeSections.add({
    id: 'forum',
    placement: 'bottom',
    order: 40,
    load: async (actor, now) => {
      if (!can(actor, 'forum.index.open', {})) return null;
      const unread = (await listForums(app.db, actor, schoolYearOf(now))).filter((f) => f.unread > 0);
      return unread.length === 0 ? null : unread.map((f) => ({ id: f.id, name: forumName(f), unread: f.unread }));
    },
    render: (forums) => h(ForumHome, { forums }),
  });
  await app.register(
    authenticated<Deps>(async (app, opts) => {
      await app.register(forumApi, { ...opts, prefix: '/api/forum' });
      await app.register(forumPages, opts);
    }),
    deps,
  );
};
