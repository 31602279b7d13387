import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import { errorResponses } from '../../../kernel/http/schemas.js';
import { tf } from '../i18n/fr.js';
import * as schema from '../schema.js';
import * as online from '../service/online.js';
import { OnlineResultPage } from '../views/online.js';
import { billingDeps } from './deps.js';

const tags = ['billing'];
const security = [{ session: [] }];
const errors = { ...errorResponses, 409: errorResponses[400] };

/** Online payment, with a session: the agents' settings (JSON), the family's "pay online" form and return page. */
export const billingOnlineRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = billingDeps(app);

  app.get('/api/billing/municipalities/:id/online-payment', {
    schema: {
      tags,
      security,
      summary: 'Le prestataire de paiement en ligne de la commune (sans la clé secrète)',
      params: schema.IdParams,
      response: { 200: schema.OnlineSettings, ...errors },
    },
    handler: async (request) => online.onlineSettings(deps, request.actor, request.params.id),
  });
  app.put('/api/billing/municipalities/:id/online-payment', {
    schema: {
      tags,
      security,
      summary: 'Régler le paiement en ligne : adresse du prestataire, numéro client, clé secrète (écriture seule), ouverture',
      params: schema.IdParams,
      body: schema.OnlineSettingsBody,
      response: { 200: schema.OnlineSettings, ...errors },
    },
    handler: async (request) => online.saveOnlineSettings(deps, request.actor, request.params.id, request.body),
  });

  // The family's button: a plain form, so it works without JavaScript; the answer sends the browser to the provider.
  app.post('/billing/invoices/:id/pay-online', { schema: { params: schema.IdParams, body: schema.PayOnlineForm } }, async (request, reply) => {
    const url = await online.startOnlinePayment(deps, request.actor, request.params.id);
    return reply.header('cache-control', 'no-store').redirect(url, 303);
  });

  app.get('/billing/online/:id', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const result = await online.attemptResult(deps, request.actor, request.params.id);
    return reply.header('cache-control', 'no-store').page({ title: tf('billing.online.title'), service: 'billing' }, h(OnlineResultPage, { result }));
  });
};

/**
 * The provider's server-to-server notification: no session, no CSRF token (the provider's server
 * posts it, not a browser); the HMAC signature with the municipality's secret is the only authority.
 */
export const billingOnlineNotify: FastifyPluginAsyncTypebox = async (app) => {
  const deps = billingDeps(app);
  app.post(online.notificationPath, {
    config: { skipCsrf: true },
    schema: {
      tags,
      summary: 'Notification signée du prestataire de paiement (serveur à serveur)',
      body: schema.OnlineNotification,
      response: { 200: schema.OnlineNotified, ...errors },
    },
    handler: async (request) => online.applyNotification(deps, request.body),
  });
};
