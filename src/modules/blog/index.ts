import type { FastifyPluginAsync } from 'fastify';
import { authenticated } from '../../kernel/auth/plugin.js';
import { can } from '../../kernel/authz/index.js';
import { DEFAULT_QUIET_HOURS } from '../../kernel/quiet-hours.js';
import { messagingSettingsOf } from '../messaging/index.js';
import { notify } from '../notifications/index.js';
import { blogMigrations } from './migrations/index.js';
import { blogPrivacy } from './privacy.js';
import { referencedBlobKeys } from './repository/media.js';
import { blogApi } from './routes/api.js';
import { blogWriteApi } from './routes/api-write.js';
import { blogForms } from './routes/forms.js';
import { blogPages } from './routes/pages.js';
import { onConsentChanged } from './service/consent.js';
import { t } from './i18n/fr.js';
import './policy.js';
import './tables.js';
import './events.js';
import '../directory/index.js';

export { blogMigrations };

/** Class blogs: posts with photos (consent enforced), pupils' posts validated, parents' comments moderated. Pages under /blog, JSON under /api/blog. */
export const blogModule: FastifyPluginAsync = async (app) => {
  app.privacy.declare(blogPrivacy);
  app.blobReferences.declare('blog', referencedBlobKeys);
  app.nav.push({ href: '/blog', label: () => t('blog.nav'), service: 'blog', order: 35, visible: (actor) => can(actor, 'blog.index.open', {}) });
  // A change of consent hides what no longer complies and tells its authors (a job per change, retried apart).
  app.events.on('directory.photoConsent.changed', 'blog', async (event, { now }) => {
    await onConsentChanged(app.db, app.events, event.studentId, now);
  });
  app.events.on('blog.notice', 'notifications', async (event, { now }) => {
    const email = event.emailFor ? ((await messagingSettingsOf(app.db, event.emailFor, now)) ?? DEFAULT_QUIET_HOURS) : undefined;
    await notify(
      app.db,
      { recipients: event.recipients, kind: 'blog', source: event.source, title: event.title, body: event.body, link: event.link, email },
      now,
    );
  });
  await app.register(
    authenticated(async (app) => {
      await app.register(blogApi, { prefix: '/api/blog' });
      await app.register(blogWriteApi, { prefix: '/api/blog' });
      await app.register(blogPages);
      await app.register(blogForms);
    }),
  );
};
