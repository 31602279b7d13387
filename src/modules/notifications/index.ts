import type { FastifyPluginAsync } from 'fastify';
import { authenticated } from '../../kernel/auth/plugin.js';
import { can } from '../../kernel/authz/index.js';
import { notificationsMigrations } from './migrations.js';
import { notificationsPrivacy } from './privacy.js';
import { notificationsApi } from './routes/api.js';
import { notificationsPages } from './routes/pages.js';
import { t } from './i18n/fr.js';
import { countUnreadQuery } from './repository.js';
import { notify } from './service.js';
import './policy.js';
import './tables.js';

export { notificationsMigrations };
export { notify, unreadCount, type NotifyInput } from './service.js';

/**
 * In-app notifications: other modules call `notify()` (directly or from an event handler);
 * people read them under /notifications and /api/notifications.
 */
export const notificationsModule: FastifyPluginAsync = async (app) => {
  app.privacy.declare(notificationsPrivacy);
  app.nav.push({
    href: '/notifications',
    label: () => t('notifications.nav'),
    service: 'notifications',
    order: 80,
    visible: (actor) => can(actor, 'notifications.notification.read', { recipientId: actor.personId, visible: true }),
    counter: (actor, db) => countUnreadQuery(db, actor.personId, app.clock.now().toISOString()),
  });
  // One notification per publication: the homework module publishes the event once, with the lesson;
  // a retried delivery after a crash writes nothing twice (the source key is unique per recipient).
  app.events.on('homework.published', 'notifications', async (event, { now }) => {
    await notify(
      app.db,
      {
        recipients: event.recipients,
        kind: 'homework.published',
        source: `homework.published:${event.lessonId}`,
        title: event.title,
        body: event.body,
        link: event.link,
        visibleAt: event.visibleAt,
      },
      now,
    );
  });
  await app.register(
    authenticated(async (app) => {
      await app.register(notificationsApi, { prefix: '/api/notifications' });
      await app.register(notificationsPages);
    }),
  );
};
