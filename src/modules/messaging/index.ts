import fp from 'fastify-plugin';
import { createMailer } from '../../kernel/mail/index.js';
import { schoolYearOf } from '../directory/index.js';
import { t } from './i18n/fr.js';
import { messagingMigrations } from './migrations/index.js';
import { flushMailQueue } from './notify.js';
import { canUseMessaging } from './policy.js';
import { unreadCount } from './repository.js';
import { messagingApi } from './routes/api.js';
import type { MessagingContext } from './routes/context.js';
import { messagingPages } from './routes/pages.js';
import { messagingAdminPages } from './routes/admin-pages.js';
import './tables.js';

export { messagingMigrations };
export { flushMailQueue } from './notify.js';
export { mayWrite, searchReachable } from './rules.js';

/** How often queued email notices are looked at. */
const FLUSH_EVERY_MS = 60_000;

/** Messaging under /messaging and /api/messaging; email notices through SMTP when configured. */
export const messagingModule = fp(
  async (app) => {
    const mailer = createMailer(app.config);
    let flushing: Promise<unknown> | null = null;
    // One flush at a time; a failure is logged and the queue keeps the notice for the next run.
    const flush = () => {
      if (!mailer || flushing) return;
      flushing = flushMailQueue(app.db, mailer, new Date(), app.config.publicUrl)
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
    const ctx: MessagingContext = { clock: () => ({ now: new Date(), year: schoolYearOf(), noticesDue: flush }) };

    app.nav.push({
      href: '/messaging',
      label: t('messaging.nav'),
      service: 'messaging',
      order: 40,
      visible: canUseMessaging,
      count: (actor, db) => unreadCount(db, actor.personId),
    });
    await app.register(messagingApi, { prefix: '/api/messaging', ...ctx });
    await app.register(messagingPages, ctx);
    await app.register(messagingAdminPages, ctx);
  },
  { name: 'messaging' },
);
