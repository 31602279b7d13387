import type { FastifyPluginAsync } from 'fastify';
import { h } from 'preact';
import { requireUser } from '../../../kernel/auth/plugin.js';
import { t } from '../i18n/fr.js';
import { listNotifications, markRead } from '../service.js';
import { NotificationsPage } from '../views/list.js';

/** The notification list page and its "mark all read" form. */
export const notificationsPages: FastifyPluginAsync = async (app) => {
  app.addHook('preHandler', requireUser);

  app.get('/notifications', async (request, reply) => {
    const { unread, items } = await listNotifications(app.db, request.actor!.personId, { limit: 100, offset: 0 });
    return reply.page({ title: t('notifications.title'), service: 'notifications' }, h(NotificationsPage, { unread, items, csrf: request.csrfToken }));
  });

  app.post('/notifications/read-all', async (request, reply) => {
    await markRead(app.db, request.actor!.personId);
    reply.setFlash(t('notifications.markedAll'));
    return reply.redirect('/notifications', 303);
  });
};
