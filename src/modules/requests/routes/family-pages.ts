import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { can } from '../../../kernel/authz/index.js';
import { BadRequest } from '../../../kernel/http/errors.js';
import { receiveForm, sendBlob } from '../../../kernel/storage/http.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import * as requests from '../service/requests.js';
import { DetailPage, type DetailValues } from '../views/detail.js';
import { FamilyForm, FamilyIndex, type FamilyFormValues } from '../views/family.js';
import { kindLabel } from '../views/common.js';
import { requestsDeps } from './deps.js';
import { formRefusal, schemaFieldErrors } from './forms.js';

const page = (title = t('requests.title')) => ({ title, service: 'requests' });

/** The families' pages (/demarches), and each request's page, shared by everyone who may read it. */
export const requestsFamilyPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = requestsDeps(app);

  app.get('/demarches', { config: { personal: true } }, async (request, reply) => {
    if (can(request.actor, 'requests.agent.open', {})) return reply.redirect('/demarches/gestion', 303);
    if (!can(request.actor, 'requests.family.open', {}) && can(request.actor, 'requests.school.open', {})) return reply.redirect('/mairie', 303);
    const children = await requests.formChildren(deps, request.actor);
    const list = await requests.listRequests(deps, request.actor, { limit: 100, offset: 0 });
    return reply.page(page(), h(FamilyIndex, { requests: list, children }));
  });

  async function form(request: FastifyRequest, reply: FastifyReply, values: FamilyFormValues, errors?: FieldErrors, status?: number) {
    const children = await requests.formChildren(deps, request.actor);
    return reply.page({ ...page(t('requests.form.title')), status }, h(FamilyForm, { children, values, errors, csrf: request.csrfToken }));
  }

  app.get('/demarches/nouvelle', { config: { personal: true }, schema: { querystring: schema.NewQuery } }, async (request, reply) =>
    form(request, reply, { kind: request.query.kind, childId: request.query.childId }),
  );

  app.post('/demarches', { config: { personal: true }, schema: { querystring: schema.MultipartQuery }, attachValidation: true }, async (request, reply) => {
    if (request.validationError) return form(request, reply, {}, schemaFieldErrors(request), 400);
    let values: FamilyFormValues = {};
    try {
      const saved = await requests.fileFamilyRequest(deps, request.actor, async () => {
        const received = await receiveForm(request, {
          maxBytes: app.config.uploadMaxBytes,
          maxFiles: requests.MAX_FILES,
          tooMany: () => new BadRequest('requests.too_many_files', t('requests.error.fileField')),
        });
        const f = received.fields;
        values = { childId: f.childId ?? '', kind: f.kind ?? '', details: f.details ?? '', reason: f.reason ?? '', attestationKind: f.attestationKind ?? '' };
        if (received.refusal) throw received.refusal;
        return {
          input: { childId: values.childId!, kind: values.kind!, details: values.details!, reason: values.reason!, attestationKind: values.attestationKind! },
          files: received.files,
        };
      });
      reply.setFlash(t('requests.form.filed'));
      return reply.redirect(`/demarches/${saved.id}`, 303);
    } catch (error) {
      const { errors, status } = formRefusal(error);
      return form(request, reply, values, errors, status);
    }
  });

  async function detail(request: FastifyRequest, reply: FastifyReply, id: string, values: DetailValues = {}, errors?: FieldErrors, status?: number) {
    const r = await requests.requestDetail(deps, request.actor, id);
    return reply.page({ ...page(r.origin === 'school' ? r.title : kindLabel(r.kind)), status }, h(DetailPage, { r, csrf: request.csrfToken, values, errors }));
  }

  app.get('/demarches/:id', { schema: { params: schema.IdParams } }, async (request, reply) => detail(request, reply, request.params.id));

  app.post('/demarches/:id/messages', { schema: { params: schema.IdParams, body: schema.MessageForm }, attachValidation: true }, async (request, reply) => {
    const body = request.body?.body ?? '';
    if (request.validationError) return detail(request, reply, request.params.id, { body }, schemaFieldErrors(request), 400);
    try {
      await requests.writeMessage(deps, request.actor, request.params.id, body);
    } catch (error) {
      const { errors, status } = formRefusal(error);
      return detail(request, reply, request.params.id, { body }, errors, status);
    }
    reply.setFlash(t('requests.detail.sent'));
    return reply.redirect(`/demarches/${request.params.id}`, 303);
  });

  app.post(
    '/demarches/:id/documents',
    { schema: { params: schema.IdParams, querystring: schema.MultipartQuery }, attachValidation: true },
    async (request, reply) => {
      if (request.validationError) return detail(request, reply, request.params.id, {}, schemaFieldErrors(request), 400);
      try {
        await requests.addFiles(deps, request.actor, request.params.id, 'document', async () => {
          const received = await receiveForm(request, { maxBytes: app.config.uploadMaxBytes, maxFiles: 1 });
          if (received.refusal) throw received.refusal;
          return { files: received.files, documentKind: received.fields.documentKind ?? '' };
        });
      } catch (error) {
        const { errors, status } = formRefusal(error);
        return detail(request, reply, request.params.id, {}, errors, status);
      }
      reply.setFlash(t('requests.detail.added'));
      return reply.redirect(`/demarches/${request.params.id}`, 303);
    },
  );

  app.get('/demarches/:id/fichiers/:fileId', { schema: { params: schema.FileParams } }, async (request, reply) => {
    const file = await requests.fileOf(deps, request.actor, request.params.id, request.params.fileId);
    return sendBlob(request, reply, { key: file.blobKey, size: file.size, contentType: file.contentType, filename: file.fileName, sha256: file.sha256 });
  });
};
