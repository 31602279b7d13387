import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../../kernel/http/schemas.js';
import * as schema from '../schema.js';
import { publicKey, subscribe, unsubscribe, type OfflineDeps } from '../service.js';

const tags = ['offline'];

/** Web Push subscriptions of the signed-in person's devices, under /api/offline. */
export const offlineApi: FastifyPluginAsyncTypebox<OfflineDeps> = async (app, deps) => {
  app.get(
    '/push/key',
    { config: { personal: true }, schema: { summary: 'La clé publique VAPID de l’instance', tags, response: { 200: schema.KeyResponse, ...errorResponses } } },
    async () => ({ publicKey: await publicKey(deps) }),
  );

  app.post(
    '/push/subscriptions',
    {
      config: { personal: true },
      schema: {
        summary: 'Recevoir les notifications sur cet appareil (abonnement Web Push)',
        tags,
        body: schema.SubscriptionBody,
        response: { 201: schema.SubscribedResponse, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await subscribe(deps, request.actor, request.body)),
  );

  app.delete(
    '/push/subscriptions',
    {
      schema: {
        summary: 'Ne plus recevoir les notifications sur cet appareil',
        tags,
        body: schema.EndpointBody,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await unsubscribe(deps, request.actor, request.body.endpoint);
      return reply.code(204).send(null);
    },
  );
};
