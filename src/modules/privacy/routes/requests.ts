import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { displayName } from '../../directory/index.js';
import { errorResponses, ErrorResponse } from '../../../kernel/http/schemas.js';
import { fieldErrors } from '../../../kernel/http/errors.js';
import { t } from '../i18n/fr.js';
import type { HandledRow, RequestRow } from '../repository/requests.js';
import * as schema from '../schema.js';
import type { Deps } from '../service/deps.js';
import { changeStatus, fileRequest, handledRequests, myRequests, requestForHandling } from '../service/requests.js';
import { HandledListPage, HandledRequestPage, type StatusFormState } from '../views/handle.js';
import { dataPage } from './pages.js';

const tags = ['privacy'];
const page = (title: string, status = 200) => ({ service: 'privacy', title, status });
/** Besides the usual errors: too many open requests, a request already answered or changed meanwhile. */
const withConflict = { ...errorResponses, 409: ErrorResponse };

export const requestJson = (r: RequestRow) => ({
  id: r.id,
  kind: r.kind,
  body: r.body,
  status: r.status,
  reason: r.reason,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});
export const handledJson = (r: HandledRow) => ({ ...requestJson(r), person: { id: r.personId, login: r.login, name: displayName(r) } });

/** The form's fields as typed (strings only), so that it comes back whole. */
const typed = (body: unknown, names: string[]): Record<string, string> => {
  const fields = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(names.flatMap((n) => (typeof fields[n] === 'string' ? [[n, fields[n]]] : [])));
};
const schemaErrors = (request: FastifyRequest) => (request.validationError ? { _form: t('privacy.error.field') } : null);

/**
 * Erasure and rectification requests: the person files one from "my data" (POST /privacy/requests);
 * administrators handle them under /privacy/requests; the same use cases under /api/privacy/requests.
 */
export const requestRoutes: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  app.post('/privacy/requests', { config: { personal: true }, schema: { body: schema.RequestForm }, attachValidation: true }, async (request, reply) => {
    const values = typed(request.body, ['kind', 'body']);
    const invalid = schemaErrors(request);
    if (invalid) return dataPage(deps, request, reply, { values, errors: invalid });
    try {
      await fileRequest(deps, request.actor, values, request.ip);
    } catch (error) {
      const errors = fieldErrors(error);
      if (!errors) throw error;
      return dataPage(deps, request, reply, { values, errors });
    }
    reply.setFlash(t('privacy.request.filed'));
    return reply.redirect('/privacy#requests', 303);
  });

  app.get('/privacy/requests', { schema: { querystring: schema.HandledPageQuery } }, async (request, reply) => {
    const { status: chosen, limit = 50, offset = 0 } = request.query;
    const status = chosen || undefined;
    const data = await handledRequests(deps, request.actor, { status, limit, offset });
    return reply.page(page(t('privacy.handle.title')), h(HandledListPage, { data: { ...data, all: request.actor.isSuperAdmin, status, limit, offset } }));
  });

  const handlePage = async (request: FastifyRequest, reply: FastifyReply, id: string, form: StatusFormState) => {
    const r = await requestForHandling(deps, request.actor, id);
    const title = t('privacy.handle.request', t(`privacy.request.kindOf.${r.kind}`));
    return reply.page(page(title, form.errors ? 400 : 200), h(HandledRequestPage, { request: r, csrf: request.csrfToken, form }));
  };

  app.get('/privacy/requests/:id', { schema: { params: schema.IdParams } }, async (request, reply) =>
    handlePage(request, reply, request.params.id, { values: {} }),
  );

  app.post('/privacy/requests/:id', { schema: { params: schema.IdParams, body: schema.StatusForm }, attachValidation: true }, async (request, reply) => {
    const values = typed(request.body, ['status', 'reason']);
    // The request is read (and authorized) before anything typed is looked at.
    const invalid = schemaErrors(request);
    if (invalid) return handlePage(request, reply, request.params.id, { values, errors: invalid });
    try {
      await changeStatus(deps, request.actor, request.params.id, values, request.ip);
    } catch (error) {
      const errors = fieldErrors(error);
      if (!errors || (error as { statusCode?: number }).statusCode === 404) throw error;
      return handlePage(request, reply, request.params.id, { values, errors });
    }
    reply.setFlash(t('privacy.handle.saved'));
    return reply.redirect(`/privacy/requests/${request.params.id}`, 303);
  });

  app.get(
    '/api/privacy/requests/mine',
    {
      config: { personal: true },
      schema: {
        summary: 'Mes demandes de rectification et d’effacement',
        tags,
        querystring: schema.EmptyQuery,
        response: { 200: schema.MyRequestList, ...errorResponses },
      },
    },
    async (request) => {
      const { items, canFile } = await myRequests(deps, request.actor);
      return { items: items.map(requestJson), canFile };
    },
  );

  app.post(
    '/api/privacy/requests',
    {
      config: { personal: true },
      schema: {
        summary: 'Déposer une demande de rectification ou d’effacement de mes données',
        tags,
        body: schema.RequestBody,
        response: { 201: schema.RequestOut, ...withConflict },
      },
    },
    async (request, reply) => reply.code(201).send(requestJson(await fileRequest(deps, request.actor, request.body, request.ip))),
  );

  app.get(
    '/api/privacy/requests',
    {
      schema: {
        summary: 'Les demandes que je traite (en attente d’abord), filtrées par état',
        tags,
        querystring: schema.HandledQuery,
        response: { 200: schema.HandledList, ...errorResponses },
      },
    },
    async (request) => {
      const { status, limit = 50, offset = 0 } = request.query;
      const data = await handledRequests(deps, request.actor, { status, limit, offset });
      return { items: data.rows.map(handledJson), hasMore: data.hasMore };
    },
  );

  app.patch(
    '/api/privacy/requests/:id',
    {
      schema: {
        summary: 'Changer l’état d’une demande (en cours, traitée, refusée) avec la réponse à la personne',
        tags,
        params: schema.IdParams,
        body: schema.StatusBody,
        response: { 200: schema.HandledOut, ...withConflict },
      },
    },
    async (request) => handledJson(await changeStatus(deps, request.actor, request.params.id, request.body, request.ip)),
  );
};
