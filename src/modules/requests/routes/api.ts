import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../../kernel/http/schemas.js';
import * as schema from '../schema.js';
import * as notes from '../service/notes.js';
import * as requests from '../service/requests.js';
import * as school from '../service/school.js';
import { requestsDeps } from './deps.js';

const tags = ['requests'];
const security = [{ session: [] }];

/** JSON API of the requests to the municipality under /api/requests; every list is scoped to the asker in SQL. */
export const requestsApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = requestsDeps(app);

  app.get('/items', {
    schema: {
      tags,
      security,
      summary: 'Demandes visibles : celles de la famille, la file de la mairie, celles de l’école du directeur',
      querystring: schema.ListQuery,
      response: { 200: Type.Array(schema.RequestSummary), ...errorResponses },
    },
    handler: async (request) =>
      requests.listRequests(deps, request.actor, { ...request.query, limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }),
  });

  app.get('/items/:id', {
    schema: {
      tags,
      security,
      summary: 'Une demande, avec son suivi daté, sa conversation et ses pièces',
      params: schema.IdParams,
      response: { 200: schema.RequestDetail, ...errorResponses },
    },
    handler: async (request) => requests.requestDetail(deps, request.actor, request.params.id),
  });

  app.post('/items/:id/messages', {
    schema: {
      tags,
      security,
      summary: 'Écrire dans la conversation d’une demande',
      params: schema.IdParams,
      body: schema.MessageBody,
      response: { 201: schema.Saved, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await requests.writeMessage(deps, request.actor, request.params.id, request.body.body)),
  });

  app.put('/items/:id/status', {
    schema: {
      tags,
      security,
      summary: 'Changer l’état d’une demande (agents de la mairie) ; chaque changement est gardé',
      params: schema.IdParams,
      body: schema.StatusBody,
      response: { 200: schema.StatusResult, ...errorResponses },
    },
    handler: async (request) => requests.changeStatus(deps, request.actor, request.params.id, request.body.status),
  });

  app.post('/school-requests', {
    schema: {
      tags,
      security,
      summary: 'Demande d’un directeur à la mairie de son école',
      body: schema.SchoolRequestBody,
      response: { 201: schema.Saved, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await school.fileSchoolRequest(deps, request.actor, request.body)),
  });

  app.get('/notes', {
    schema: {
      tags,
      security,
      summary: 'Notes de la mairie aux directeurs (avec l’état de lecture)',
      response: { 200: Type.Array(schema.NoteSummary), ...errorResponses },
    },
    handler: async (request) => notes.listNotes(deps, request.actor),
  });

  app.post('/notes', {
    schema: {
      tags,
      security,
      summary: 'Écrire une note aux directeurs de toutes les écoles de la commune ou d’écoles choisies',
      body: schema.NoteBody,
      response: { 201: schema.Saved, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await notes.writeNote(deps, request.actor, request.body)),
  });

  app.get('/notes/:id', {
    schema: {
      tags,
      security,
      summary: 'Une note ; la première lecture d’un directeur est enregistrée',
      params: schema.IdParams,
      response: { 200: schema.Note, ...errorResponses },
    },
    handler: async (request) => notes.readNote(deps, request.actor, request.params.id),
  });
};
