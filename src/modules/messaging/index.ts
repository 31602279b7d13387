import type { FastifyPluginAsync } from 'fastify';
import { authenticated } from '../../kernel/auth/plugin.js';
import { can } from '../../kernel/authz/index.js';
import { createMailer } from '../../kernel/mail/index.js';
import { t } from './i18n/fr.js';
import { messagingMigrations } from './migrations/index.js';
import { flushMailQueue } from './notify.js';
import { unreadCount } from './repository.js';
import { messagingApi } from './routes/api.js';
import type { MessagingContext } from './routes/context.js';
import { messagingPages } from './routes/pages.js';
import { messagingAdminPages } from './routes/admin-pages.js';
import './policy.js';
import './tables.js';

export { messagingMigrations };
export { flushMailQueue, queueNotices } from './notify.js';
export { allowedAmong, searchReachable } from './repository/rules.js';

/** How often queued email notices are looked at. */
const FLUSH_EVERY_MS = 60_000;

/** Messaging under /messaging and /api/messaging; email notices through SMTP when configured. */
export const messagingModule: FastifyPluginAsync = async (app) => {
  const mailer = createMailer(app.config);
  let flushing: Promise<unknown> | null = null;
  // One flush at a time; a failure is logged and the queue keeps the notice for the next run.
  const flush = () => {
    if (!mailer || flushing) return;
    flushing = flushMailQueue(app.db, mailer, app.clock.now(), app.config.publicUrl)
      .catch((error: unknown) => app.log.error({ err: error }, 'mail queue flush failed'))
      .finally(() => {
        flushing = null;
      });
  };
  if (mailer) {
    const timer = setInterval(flush, FLUSH_EVERY_MS);
    timer.unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await flushing;
      mailer.close();
    });
  }
  const deps: MessagingContext = { db: app.db, clock: app.clock, noticesDue: flush };

  app.nav.push({
    href: '/messaging',
    label: t('messaging.nav'),
    service: 'messaging',
    order: 40,
    visible: (actor) => can(actor, 'messaging.mailbox.open', {}),
    count: (actor, db) => unreadCount(db, actor.personId),
  });
  await app.register(
    authenticated<MessagingContext>(async (app, opts) => {
      await app.register(messagingApi, { ...opts, prefix: '/api/messaging' });
      await app.register(messagingPages, opts);
      await app.register(messagingAdminPages, opts);
    }),
    deps,
  );
};
