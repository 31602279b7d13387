import fp from 'fastify-plugin';
import { notificationsMigrations } from './migrations.js';
import { notificationsApi } from './routes/api.js';
import { notificationsPages } from './routes/pages.js';
import { t } from './i18n/fr.js';
import { notify, unreadCount } from './service.js';
import './tables.js';

export { notificationsMigrations };
export { notify, unreadCount, type NotifyInput } from './service.js';

/**
 * In-app notifications: other modules call `notify()` (directly or from an event handler);
 * people read them under /notifications and /api/notifications.
 */
export const notificationsModule = fp(
  async (app) => {
    app.nav.push({
      href: '/notifications',
      label: t('notifications.nav'),
      service: 'notifications',
      order: 80,
      visible: () => true,
      count: (actor, db) => unreadCount(db, actor.personId),
    });
    // One notification per publication: the homework module sends the event once, on first publish.
    app.events.on('homework.published', async (event) => {
      await notify(app.db, {
        recipients: event.recipients,
        kind: 'homework.published',
        title: event.title,
        body: event.body,
        link: event.link,
        visibleAt: event.visibleAt,
      });
    });
    await app.register(notificationsApi, { prefix: '/api/notifications' });
    await app.register(notificationsPages);
  },
  { name: 'notifications' },
);
