import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../../kernel/http/schemas.js';
import * as schema from '../schema.js';
import * as service from '../service.js';

const tags = ['reading'];
const security = [{ session: [] }];

/** JSON API under /api/reading: one's own settings, and a class's defaults for its teachers and director. */
export const readingApi: FastifyPluginAsyncTypebox<service.Deps> = async (app, deps) => {
  const personal = { personal: true };

  app.get('/settings', {
    config: personal,
    schema: { tags, security, summary: 'Mes réglages de lecture (et d’où ils viennent)', response: { 200: schema.EffectiveSettings, ...errorResponses } },
    handler: async (request) => service.effectiveSettings(deps, request.actor.personId),
  });

  app.put('/settings', {
    config: personal,
    schema: { tags, security, summary: 'Choisir mes réglages de lecture', body: schema.Settings, response: { 200: schema.Settings, ...errorResponses } },
    handler: async (request) => service.saveOwn(deps, request.actor, request.body),
  });

  app.delete('/settings', {
    config: personal,
    schema: {
      tags,
      security,
      summary: 'Effacer mes réglages (ceux de ma classe, ou les habituels, s’appliquent)',
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await service.resetOwn(deps, request.actor);
      return reply.code(204).send(null);
    },
  });

  app.get('/classes/:id', {
    schema: {
      tags,
      security,
      summary: 'Réglages par défaut d’une classe (ses enseignants, la direction)',
      params: schema.IdParams,
      response: { 200: schema.ClassSettings, ...errorResponses },
    },
    handler: async (request) => service.classView(deps, request.actor, request.params.id),
  });

  app.put('/classes/:id', {
    schema: {
      tags,
      security,
      summary: 'Définir les réglages par défaut d’une classe',
      params: schema.IdParams,
      body: schema.Settings,
      response: { 200: schema.Settings, ...errorResponses },
    },
    handler: async (request) => service.saveClass(deps, request.actor, request.params.id, request.body),
  });

  app.delete('/classes/:id', {
    schema: {
      tags,
      security,
      summary: 'Supprimer les réglages par défaut d’une classe',
      params: schema.IdParams,
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await service.clearClass(deps, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  });
};
