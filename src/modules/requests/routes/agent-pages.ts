import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { authorize } from '../../../kernel/authz/index.js';
import { receiveForm } from '../../../kernel/storage/http.js';
import { ts } from '../i18n/staff.js';
import * as schema from '../schema.js';
import * as requests from '../service/requests.js';
import { DetailPage } from '../views/detail.js';
import { AgentQueue } from '../views/agent.js';
import { kindLabel, statusLabel } from '../views/common.js';
import { requestsDeps } from './deps.js';
import { formRefusal, schemaFieldErrors } from './forms.js';

const PAGE_SIZE = 50;

/** The municipality's agents: the queue, the status, the answer document. */
export const requestsAgentPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = requestsDeps(app);

  app.get('/demarches/gestion', { config: { personal: true }, schema: { querystring: schema.QueueQuery } }, async (request, reply) => {
    authorize(request.actor, 'requests.agent.open', {});
    const q = request.query;
    const filter = { kind: q.kind ?? '', status: q.status ?? '', origin: q.origin ?? '' };
    const list = await requests.listRequests(deps, request.actor, {
      kind: filter.kind || undefined,
      status: filter.status || undefined,
      origin: filter.origin || undefined,
      limit: PAGE_SIZE + 1,
      offset: ((q.page ?? 1) - 1) * PAGE_SIZE,
    });
    return reply.page(
      { title: ts('requests.agent.title'), service: 'requests' },
      h(AgentQueue, { requests: list.slice(0, PAGE_SIZE), filter, page: q.page ?? 1, more: list.length > PAGE_SIZE }),
    );
  });

  /** The request's page again, with the agent's problem. */
  async function again(request: FastifyRequest, reply: FastifyReply, id: string, errors: Record<string, string>, status: number) {
    const r = await requests.requestDetail(deps, request.actor, id);
    return reply.page(
      { title: r.origin === 'school' ? r.title : kindLabel(r.kind), service: 'requests', status },
      h(DetailPage, { r, csrf: request.csrfToken, values: {}, errors }),
    );
  }

  app.post('/demarches/:id/status', { schema: { params: schema.IdParams, body: schema.StatusForm }, attachValidation: true }, async (request, reply) => {
    if (request.validationError) return again(request, reply, request.params.id, schemaFieldErrors(request), 400);
    try {
      const done = await requests.changeStatus(deps, request.actor, request.params.id, request.body.status ?? '');
      reply.setFlash(done.changed ? ts('requests.handle.saved', statusLabel(done.status)) : ts('requests.handle.same'));
    } catch (error) {
      const { errors, status } = formRefusal(error);
      return again(request, reply, request.params.id, errors, status);
    }
    return reply.redirect(`/demarches/${request.params.id}`, 303);
  });

  app.post(
    '/demarches/:id/answer',
    { schema: { params: schema.IdParams, querystring: schema.MultipartQuery }, attachValidation: true },
    async (request, reply) => {
      if (request.validationError) return again(request, reply, request.params.id, schemaFieldErrors(request), 400);
      try {
        await requests.addFiles(deps, request.actor, request.params.id, 'answer', async () => {
          const received = await receiveForm(request, { maxBytes: app.config.uploadMaxBytes, maxFiles: 1 });
          if (received.refusal) throw received.refusal;
          return { files: received.files };
        });
      } catch (error) {
        const { errors, status } = formRefusal(error);
        return again(request, reply, request.params.id, errors.files ? { answer: errors.files } : errors, status);
      }
      reply.setFlash(ts('requests.handle.attached'));
      return reply.redirect(`/demarches/${request.params.id}`, 303);
    },
  );
};
