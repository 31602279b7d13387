import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { InvalidInput } from '../../../kernel/http/errors.js';
import { errorResponses } from '../../../kernel/http/schemas.js';
import * as schema from '../schema.js';
import { auditPage } from '../service/audit.js';
import type { Deps } from '../service/deps.js';
import { myExports, requestExport } from '../service/exports.js';
import { processingRegister } from '../service/register.js';
import { auditJson, exportJson } from './present.js';

const tags = ['privacy'];

/** The privacy JSON API under /api/privacy: the same use cases as the pages. */
export const privacyApi: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  app.get(
    '/exports',
    {
      config: { personal: true },
      schema: { summary: 'Mes archives de données', tags, querystring: schema.EmptyQuery, response: { 200: schema.ExportList, ...errorResponses } },
    },
    async (request) => ({ items: (await myExports(deps, request.actor)).map(exportJson) }),
  );

  app.post(
    '/exports',
    {
      config: { personal: true },
      schema: {
        summary: 'Demander l’archive de mes données (préparée en arrière-plan)',
        tags,
        body: schema.ExportForm,
        response: { 202: schema.ExportCreated, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(202).send(await requestExport(deps, request.actor, request.ip)),
  );

  app.get(
    '/register',
    { schema: { summary: 'Le registre des traitements', tags, querystring: schema.EmptyQuery, response: { 200: schema.RegisterOut, ...errorResponses } } },
    async (request) => ({
      items: processingRegister(deps, request.actor).map((e) => ({ module: e.module, title: e.title, ...e.processing })),
    }),
  );

  app.get(
    '/audit',
    {
      schema: {
        summary: 'Le journal des actions (filtré par personne, action, dates)',
        tags,
        querystring: schema.AuditQuery,
        response: { 200: schema.AuditList, ...errorResponses },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0, ...filter } = request.query;
      const data = await auditPage(deps, request.actor, filter, { limit, offset });
      if (data.errors) throw new InvalidInput(Object.entries(data.errors).map(([field, message]) => ({ field, message })));
      return { items: data.rows.map(auditJson), hasMore: data.hasMore };
    },
  );
};
