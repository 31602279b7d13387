import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import { addClient, clientsFor, deleteClient, revokeTokens, splitLines, type ClientsDeps } from '../service/clients.js';
import { ClientsPage, type ClientsPageProps } from '../views/admin.js';

const page = { service: 'federation', title: t('federation.admin.title') };

/** The instance administrator's page of partner applications: list, add, revoke tokens, delete. */
export async function adminRoutes(app: FastifyInstance, deps: ClientsDeps) {
  const render = async (request: FastifyRequest, reply: FastifyReply, status: number, extra: Partial<ClientsPageProps> = {}) => {
    const clients = await clientsFor(deps, request.actor);
    const discovery = `${app.config.publicUrl}/.well-known/openid-configuration`;
    return reply.page({ ...page, status }, h(ClientsPage, { clients, csrf: request.csrfToken, discovery, ...extra }));
  };

  app.get('/admin/federation', { schema: { querystring: schema.EmptyQuery } }, (request, reply) => render(request, reply, 200));

  app.post<{ Body: schema.ClientFormInput }>(
    '/admin/federation/clients',
    { schema: { body: schema.ClientForm }, attachValidation: true },
    async (request, reply) => {
      const body = (request.body ?? {}) as schema.ClientFormInput;
      const values = {
        name: body.name ?? '',
        redirectUris: body.redirectUris ?? '',
        postLogoutRedirectUris: body.postLogoutRedirectUris ?? '',
        trusted: body.trusted === 'on',
        refreshAllowed: body.refreshAllowed === 'on',
        consentPreapproved: body.consentPreapproved === 'on',
      };
      if (request.validationError) {
        await clientsFor(deps, request.actor);
        return render(request, reply, 400, { values, errors: { name: t('federation.form.name') } });
      }
      const result = await addClient(deps, request.actor, {
        ...values,
        redirectUris: splitLines(values.redirectUris),
        postLogoutRedirectUris: splitLines(values.postLogoutRedirectUris),
      });
      if (!result.ok) return render(request, reply, 400, { values, errors: result.errors });
      return render(request, reply, 201, { created: { name: values.name.trim(), clientId: result.clientId, clientSecret: result.clientSecret } });
    },
  );

  const action = { schema: { params: schema.ClientParams, body: schema.CsrfForm } };
  app.post<{ Params: { clientId: string } }>('/admin/federation/clients/:clientId/revoke', action, async (request, reply) => {
    const name = await revokeTokens(deps, request.actor, request.params.clientId);
    reply.setFlash(t('federation.admin.revoked', name));
    return reply.redirect('/admin/federation', 303);
  });
  app.post<{ Params: { clientId: string } }>('/admin/federation/clients/:clientId/delete', action, async (request, reply) => {
    const name = await deleteClient(deps, request.actor, request.params.clientId);
    reply.setFlash(t('federation.admin.deleted', name));
    return reply.redirect('/admin/federation', 303);
  });
}
