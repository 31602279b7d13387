import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { can } from '../../../kernel/authz/index.js';
import { sendBlob } from '../../../kernel/storage/http.js';
import { archiveFileName } from '../archive.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import { auditCsv, auditPage } from '../service/audit.js';
import type { Deps } from '../service/deps.js';
import { downloadableExport, myExports, requestExport } from '../service/exports.js';
import { processingRegister } from '../service/register.js';
import { myRequests, openHandledCount } from '../service/requests.js';
import { AuditLogPage } from '../views/audit.js';
import { DataPage } from '../views/data.js';
import { RegisterPage } from '../views/register.js';
import type { RequestFormState } from '../views/requests.js';

const page = { service: 'privacy' };

/** "My data", with the request form as typed (status 400 when it comes back with its messages). */
export async function dataPage(deps: Deps, request: FastifyRequest, reply: FastifyReply, form: RequestFormState = { values: {} }) {
  const actor = request.actor;
  const [exports, requests, openRequests] = await Promise.all([myExports(deps, actor), myRequests(deps, actor), openHandledCount(deps, actor)]);
  const admin = { register: can(actor, 'privacy.register.read', {}), audit: can(actor, 'privacy.audit.read', {}), requests: openRequests };
  return reply.page(
    { ...page, title: t('privacy.title'), status: form.errors ? 400 : 200 },
    h(DataPage, { exports, requests: { ...requests, form }, csrf: request.csrfToken, admin }),
  );
}

/** The privacy pages: "my data" for everyone, the register and the audit log for administrators. */
export const privacyPages: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  app.get('/privacy', { config: { personal: true }, schema: { querystring: schema.EmptyQuery } }, async (request, reply) => dataPage(deps, request, reply));

  app.post('/privacy/exports', { config: { personal: true }, schema: { body: schema.ExportForm } }, async (request, reply) => {
    const { created } = await requestExport(deps, request.actor, request.ip);
    reply.setFlash(t(created ? 'privacy.export.requested' : 'privacy.export.already'));
    return reply.redirect('/privacy', 303);
  });

  app.get('/privacy/exports/:id/download', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const e = await downloadableExport(deps, request.actor, request.params.id);
    reply.header('Cache-Control', 'private, no-store');
    return sendBlob(request, reply, {
      key: e.blobKey,
      size: Number(e.size),
      contentType: 'application/zip',
      filename: archiveFileName(e.createdAt),
      sha256: e.sha256,
    });
  });

  app.get('/privacy/register', { schema: { querystring: schema.EmptyQuery } }, async (request, reply) => {
    const entries = processingRegister(deps, request.actor);
    return reply.page({ ...page, title: t('privacy.register.title') }, h(RegisterPage, { entries }));
  });

  app.get('/privacy/audit', { schema: { querystring: schema.AuditQuery } }, async (request, reply) => {
    const { limit = 50, offset = 0, ...filter } = request.query;
    const data = await auditPage(deps, request.actor, filter, { limit, offset });
    return reply.page({ ...page, title: t('privacy.audit.title'), status: data.errors ? 400 : 200 }, h(AuditLogPage, { data }));
  });

  app.get('/privacy/audit.csv', { schema: { querystring: schema.AuditCsvQuery } }, async (request, reply) => {
    const result = await auditCsv(deps, request.actor, request.query);
    if ('errors' in result) {
      const data = await auditPage(deps, request.actor, request.query, { limit: 50, offset: 0 });
      return reply.page({ ...page, title: t('privacy.audit.title'), status: 400 }, h(AuditLogPage, { data }));
    }
    return reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="journal-preau.csv"')
      .header('Cache-Control', 'private, no-store')
      .send(result.csv);
  });
};
