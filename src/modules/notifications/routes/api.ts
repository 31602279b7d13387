import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireUser } from '../../../kernel/auth/plugin.js';
import { NotFound } from '../../../kernel/authz/index.js';
import { errorResponses } from '../../../kernel/http/schemas.js';
import { listNotifications, markRead } from '../service.js';

const tags = ['notifications'];
const security = [{ session: [] }];

const ListQuery = Type.Object({
  unread: Type.Optional(Type.Boolean({ description: 'Seulement les non lues.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, default: 0 })),
});

const Notification = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: 'Origine, par exemple `homework.published`.' }),
  title: Type.String(),
  body: Type.Union([Type.String(), Type.Null()]),
  link: Type.String({ description: 'Chemin de la page concernée.' }),
  at: Type.String({ description: 'Date de la notification (ISO).' }),
  read: Type.Boolean(),
});

const NotificationList = Type.Object({ unread: Type.Integer({ description: 'Nombre de notifications non lues.' }), items: Type.Array(Notification) });

/** The actor's own notifications under /api/notifications. */
export const notificationsApi: FastifyPluginAsyncTypebox = async (app) => {
  // onRequest, so that a missing session answers 401 before the body is validated.
  app.addHook('onRequest', requireUser);

  app.get('/', {
    schema: { tags, security, summary: 'Mes notifications', querystring: ListQuery, response: { 200: NotificationList, ...errorResponses } },
    handler: async (request) =>
      listNotifications(app.db, request.actor!.personId, {
        limit: request.query.limit ?? 50,
        offset: request.query.offset ?? 0,
        unreadOnly: request.query.unread,
      }),
  });

  app.post('/read-all', {
    schema: { tags, security, summary: 'Tout marquer comme lu', response: { 200: Type.Object({ updated: Type.Integer() }), ...errorResponses } },
    handler: async (request) => ({ updated: await markRead(app.db, request.actor!.personId) }),
  });

  app.post('/:id/read', {
    schema: {
      tags,
      security,
      summary: 'Marquer une notification comme lue',
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      const updated = await markRead(app.db, request.actor!.personId, request.params.id);
      if (updated === 0) {
        const own = await app.db
          .selectFrom('notifications')
          .select('id')
          .where('id', '=', request.params.id)
          .where('recipientId', '=', request.actor!.personId)
          .executeTakeFirst();
        if (!own) throw new NotFound();
      }
      return reply.code(204).send(null);
    },
  });
};
