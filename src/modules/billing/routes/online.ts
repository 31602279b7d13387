import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { AppError, fieldErrors } from '../../../kernel/http/errors.js';
import { errorResponses } from '../../../kernel/http/schemas.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t, tf } from '../i18n/fr.js';
import * as schema from '../schema.js';
import * as online from '../service/online.js';
import { managedMunicipality } from '../service/run.js';
import { OnlineResultPage } from '../views/online.js';
import { OnlineSettingsPage } from '../views/online-settings.js';
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

  async function settingsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    townId: string,
    typed?: { values: Record<string, string | undefined>; errors: FieldErrors },
  ) {
    const town = await managedMunicipality(deps, request.actor, townId);
    const settings = await online.onlineSettings(deps, request.actor, townId);
    return reply.page(
      { title: t('billing.online.settingsTitle', town.name), service: 'billing', status: typed ? 400 : undefined },
      h(OnlineSettingsPage, { town, settings, csrf: request.csrfToken, typed }),
    );
  }
  app.get('/billing/manage/:id/online', { schema: { params: schema.IdParams } }, async (request, reply) => settingsPage(request, reply, request.params.id));
  app.post('/billing/manage/:id/online', { schema: { params: schema.IdParams, body: schema.OnlineSettingsForm } }, async (request, reply) => {
    const b = request.body;
    try {
      await online.saveOnlineSettings(deps, request.actor, request.params.id, {
        providerUrl: b.providerUrl ?? '',
        clientNumber: b.clientNumber ?? '',
        secret: b.secret,
        enabled: b.enabled === 'on',
      });
    } catch (error) {
      if (!(error instanceof AppError && error.statusCode === 400)) throw error;
      // The secret is never typed back into the page.
      const values = { providerUrl: b.providerUrl, clientNumber: b.clientNumber, enabled: b.enabled };
      return settingsPage(request, reply, request.params.id, { values, errors: fieldErrors(error) ?? {} });
    }
    reply.setFlash(t('billing.online.saved'));
    return reply.redirect(`/billing/manage/${request.params.id}/online`, 303);
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
