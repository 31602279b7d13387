import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../../kernel/http/schemas.js';
import * as schema from '../schema.js';
import * as service from '../service.js';

const tags = ['polls'];
const security = [{ session: [] }];

/** JSON API of polls under /api/polls. */
export const pollsApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { db: app.db, clock: app.clock };

  app.get('', {
    schema: {
      tags,
      security,
      summary: 'Sondages visibles (les plus récents d’abord)',
      querystring: schema.ListQuery,
      response: { 200: Type.Array(schema.PollSummary), ...errorResponses },
    },
    handler: async (request) => service.listPolls(deps, request.actor, { limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }),
  });

  app.post('', {
    schema: {
      tags,
      security,
      summary: 'Créer un sondage pour un public qu’on peut atteindre',
      body: schema.PollBody,
      response: { 201: schema.Saved, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await service.createPoll(deps, request.actor, request.body)),
  });

  app.get('/:id', {
    schema: {
      tags,
      security,
      summary: 'Un sondage, ses votes à soi et ses résultats quand ils sont visibles',
      params: schema.IdParams,
      response: { 200: schema.Poll, ...errorResponses },
    },
    handler: async (request) => service.pollDetail(deps, request.actor, request.params.id),
  });

  app.put('/:id', {
    schema: {
      tags,
      security,
      summary: 'Modifier ou retirer son sondage (l’anonymat ne change plus après le premier vote : 409)',
      params: schema.IdParams,
      body: schema.PollEditBody,
      response: { 200: schema.Poll, ...errorResponses },
    },
    handler: async (request) => service.editPoll(deps, request.actor, request.params.id, request.body),
  });

  app.post('/:id/votes', {
    schema: {
      tags,
      security,
      summary: 'Voter (pour soi, ou pour la famille d’un enfant de la classe) ; un vote anonyme est définitif',
      params: schema.IdParams,
      body: schema.VoteBody,
      response: { 200: schema.Voted, ...errorResponses },
    },
    handler: async (request) => service.vote(deps, request.actor, request.params.id, request.body),
  });
};
