import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses, IdParams } from '../../../kernel/http/schemas.js';
import { ListQuery, MarkedCount, NotificationList } from '../schema.js';
import { listNotifications, markAllRead, markNotificationRead } from '../service.js';

const tags = ['notifications'];
const security = [{ session: [] }];

/** The actor's own notifications under /api/notifications. */
export const notificationsApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { db: app.db, clock: app.clock };

  // At the prefix itself, and only there: `/api/notifications`, no trailing-slash twin.
  app.get('/', {
    prefixTrailingSlash: 'no-slash',
    config: { personal: true },
    schema: { tags, security, summary: 'Mes notifications', querystring: ListQuery, response: { 200: NotificationList, ...errorResponses } },
    handler: async (request) =>
      listNotifications(deps, request.actor, {
        limit: request.query.limit ?? 50,
        offset: request.query.offset ?? 0,
        unreadOnly: request.query.unread,
      }),
  });

  app.post('/read-all', {
    config: { personal: true },
    schema: { tags, security, summary: 'Tout marquer comme lu', response: { 200: MarkedCount, ...errorResponses } },
    handler: async (request) => ({ updated: await markAllRead(deps, request.actor) }),
  });

  app.post('/:id/read', {
    schema: { tags, security, summary: 'Marquer une notification comme lue', params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
    handler: async (request, reply) => {
      await markNotificationRead(deps, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  });
};
