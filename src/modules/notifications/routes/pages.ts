import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { h } from 'preact';
import { t } from '../i18n/fr.js';
import { MarkAllForm } from '../schema.js';
import { listNotifications, markAllRead, type NotificationsDeps } from '../service.js';
import { NotificationsPage } from '../views/list.js';

async function listPage(deps: NotificationsDeps, reply: FastifyReply, status = 200, error?: string) {
  const { unread, items } = await listNotifications(deps, reply.request.actor, { limit: 100, offset: 0 });
  return reply.page(
    { title: t('notifications.title'), service: 'notifications', status },
    h(NotificationsPage, { unread, items, csrf: reply.request.csrfToken, error }),
  );
}

/** The notification list page and its "mark all read" form: the signed-in person's own. */
export const notificationsPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { db: app.db, clock: app.clock };

  app.get('/notifications', { config: { personal: true } }, async (_request, reply) => listPage(deps, reply));

  app.post('/notifications/read-all', { schema: { body: MarkAllForm }, attachValidation: true, config: { personal: true } }, async (request, reply) => {
    if (request.validationError) return listPage(deps, reply, 400, t('error.validation'));
    await markAllRead(deps, request.actor);
    reply.setFlash(t('notifications.markedAll'));
    return reply.redirect('/notifications', 303);
  });
};
