import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../../kernel/http/schemas.js';
import * as schema from '../schema.js';
import * as catalogue from '../service/catalogue.js';
import * as links from '../service/links.js';
import { resourcesDeps } from './deps.js';

const tags = ['resources'];
const security = [{ session: [] }];
const Created = Type.Object({ id: Type.String() });

/** JSON API of the link bank and the catalogue under /api/resources; every list is scoped in SQL. */
export const resourcesApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = resourcesDeps(app);

  app.get('/links', {
    schema: {
      tags,
      security,
      summary: 'Liens visibles : les siens, ceux de ses classes, ceux des collègues',
      querystring: schema.LinkQuery,
      response: { 200: Type.Array(schema.Link), ...errorResponses },
    },
    handler: async (request) => links.listLinks(deps, request.actor, request.query.scope ?? 'all'),
  });

  app.post('/links', {
    schema: { tags, security, summary: 'Ajouter un lien (enseignant)', body: schema.LinkBody, response: { 201: Created, ...errorResponses } },
    handler: async (request, reply) => reply.code(201).send(await links.createLink(deps, request.actor, request.body)),
  });

  app.get('/links/:id', {
    schema: { tags, security, summary: 'Un lien', params: schema.IdParams, response: { 200: schema.Link, ...errorResponses } },
    handler: async (request) => links.readLink(deps, request.actor, request.params.id),
  });

  app.put('/links/:id', {
    schema: { tags, security, summary: 'Modifier son lien', params: schema.IdParams, body: schema.LinkBody, response: { 200: Created, ...errorResponses } },
    handler: async (request) => links.updateLink(deps, request.actor, request.params.id, request.body),
  });

  app.delete('/links/:id', {
    schema: { tags, security, summary: 'Supprimer son lien', params: schema.IdParams, response: { 204: Type.Null(), ...errorResponses } },
    handler: async (request, reply) => {
      await links.deleteLink(deps, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.post('/links/:id/copy', {
    schema: {
      tags,
      security,
      summary: 'Copier le lien partagé d’un collègue dans ses liens',
      params: schema.IdParams,
      response: { 201: Created, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await links.copyLink(deps, request.actor, request.params.id)),
  });

  app.get('/catalogue', {
    schema: {
      tags,
      security,
      summary: 'Rechercher dans le catalogue (classé, avec facettes niveau, matière, type)',
      querystring: schema.CatalogueQuery,
      response: { 200: schema.CatalogueResult, ...errorResponses },
    },
    handler: async (request) => catalogue.searchCatalogue(deps, request.actor, request.query),
  });

  app.get('/catalogue/:id', {
    schema: { tags, security, summary: 'Une ressource du catalogue', params: schema.IdParams, response: { 200: schema.Resource, ...errorResponses } },
    handler: async (request) => catalogue.readResource(deps, request.actor, request.params.id),
  });

  app.post('/catalogue/import', {
    bodyLimit: 25 * 1024 * 1024,
    schema: {
      tags,
      security,
      summary: 'Importer un catalogue ScoLOMFR ou CSV (administrateur de l’instance), idempotent par identifiant',
      body: schema.ImportBody,
      response: { 200: schema.ImportReport, ...errorResponses },
    },
    handler: async (request) => catalogue.importCatalogue(deps, request.actor, request.body.format, request.body.content),
  });
};
