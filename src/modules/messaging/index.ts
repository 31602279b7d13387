import type { FastifyPluginAsync } from 'fastify';
import { referencedBlobKeys } from './repository/blobs.js';
import { authenticated, publicRoutes } from '../../kernel/auth/plugin.js';
import { can } from '../../kernel/authz/index.js';
import { createMailer } from '../../kernel/mail/index.js';
import { t } from './i18n/fr.js';
import { messagingMigrations } from './migrations/index.js';
import { flushSoon, registerMessagingJobs } from './jobs.js';
import { unreadCountQuery } from './repository.js';
import { messagingApi } from './routes/api.js';
import type { MessagingContext } from './routes/context.js';
import { messagingPages } from './routes/pages.js';
import { messagingAdminPages } from './routes/admin-pages.js';
import { messagingScripts } from './routes/scripts.js';
import { messagingUnsubscribe } from './routes/unsubscribe.js';
import './policy.js';
import './tables.js';
import { messagingPrivacy } from './privacy.js';

export { messagingMigrations };
export { flushMailQueue, queueNotices, queueNotificationNotices } from './notify.js';
export { allowedAmong, searchReachable, ensureSettings as messagingSettingsOf } from './repository/rules.js';
export { unreachableCount } from './reach.js';
export { noticeTakers as emailNoticeTakers } from './repository/notices.js';

/** Messaging under /messaging and /api/messaging; email notices through SMTP when configured. */
export const messagingModule: FastifyPluginAsync = async (app) => {
  app.privacy.declare(messagingPrivacy);
  app.blobReferences.declare('messaging', referencedBlobKeys);
  const mailer = createMailer(app.config);
  registerMessagingJobs(app.jobs, { db: app.db, kind: app.dbKind, mailer, publicUrl: app.config.publicUrl });
  if (mailer)
    app.addHook('onClose', async () => {
      // A flush that is running finishes before its SMTP connections go (stopping twice is harmless).
      await app.jobs.stop();
      mailer.close();
    });
  const deps: MessagingContext = { db: app.db, clock: app.clock, noticesDue: mailer ? (messageId) => flushSoon(app.db, messageId) : undefined };

  app.nav.push({
    href: '/messaging',
    label: () => t('messaging.nav'),
    service: 'messaging',
    order: 40,
    visible: (actor) => can(actor, 'messaging.mailbox.open', {}),
    counter: (actor, db) => unreadCountQuery(db, actor.personId),
  });
  await app.register(
    authenticated<MessagingContext>(async (app, opts) => {
      await app.register(messagingApi, { ...opts, prefix: '/api/messaging' });
      await app.register(messagingPages, opts);
      await app.register(messagingAdminPages, opts);
    }),
    deps,
  );
  await app.register(publicRoutes(messagingScripts));
  // The notices' one-click unsubscribe link: no session, the signed token is the authority.
  await app.register(publicRoutes<MessagingContext>(messagingUnsubscribe), deps);
};
