import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorResponse, errorResponses } from '../../../kernel/http/schemas.js';
import * as schema from '../schema.js';
import * as service from '../service.js';

const tags = ['directory'];
const security = [{ session: [] }];

/** JSON API of the directory under /api/directory. Every read is scoped to the actor. */
export const directoryApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { db: app.db, clock: app.clock };

  app.get('/people', {
    schema: {
      tags,
      security,
      summary: 'Rechercher des personnes visibles',
      querystring: schema.PeopleQuery,
      response: { 200: schema.PeoplePage, ...errorResponses },
    },
    handler: async (request) => {
      const q = request.query;
      return service.searchPeople(deps, request.actor, {
        q: q.q,
        profile: q.profile,
        structureId: q.structureId,
        includeDeactivated: q.includeDeactivated,
        limit: q.limit ?? 25,
        offset: q.offset ?? 0,
      });
    },
  });

  app.get('/people/:id', {
    schema: { tags, security, summary: 'Fiche d’une personne', params: schema.IdParams, response: { 200: schema.PersonDetail, ...errorResponses } },
    handler: async (request) => service.personDetail(deps, request.actor, request.params.id),
  });

  app.post('/people', {
    schema: { tags, security, summary: 'Créer une personne', body: schema.CreatePersonBody, response: { 201: schema.CreatedPerson, ...errorResponses } },
    handler: async (request, reply) => {
      const { structureId, ...input } = request.body;
      const person = await service.createPerson(deps, request.actor, structureId ?? request.actor.activeStructureId, input);
      return reply.code(201).send({ id: person.id, login: person.login, activationCode: person.activationCode });
    },
  });

  app.patch('/people/:id', {
    schema: {
      tags,
      security,
      summary: 'Modifier une personne',
      params: schema.IdParams,
      body: schema.UpdatePersonBody,
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await service.updatePerson(deps, request.actor, request.params.id, request.body);
      return reply.code(204).send(null);
    },
  });

  for (const [path, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    app.post(`/people/:id/${path}`, {
      schema: {
        tags,
        security,
        summary: active ? 'Réactiver un compte' : 'Désactiver un compte (les données sont conservées)',
        params: schema.IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
      handler: async (request, reply) => {
        await service.setPersonActive(deps, request.actor, request.params.id, active);
        return reply.code(204).send(null);
      },
    });
  }

  app.post('/people/:id/move', {
    schema: {
      tags,
      security,
      summary: 'Changer un élève de classe',
      params: schema.IdParams,
      body: schema.MoveBody,
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await service.movePupil(deps, request.actor, request.params.id, request.body.classId);
      return reply.code(204).send(null);
    },
  });

  app.post('/people/:id/reset-access', {
    schema: {
      tags,
      security,
      summary: 'Réinitialiser l’accès : nouveau code d’activation',
      params: schema.IdParams,
      response: { 200: schema.ResetResult, ...errorResponses },
    },
    handler: async (request) => ({ activationCode: await service.resetAccess(deps, request.actor, request.params.id, request.ip) }),
  });

  app.put('/people/:id/roles', {
    schema: {
      tags,
      security,
      summary: 'Rôles d’une personne dans un établissement',
      params: schema.IdParams,
      body: schema.RolesBody,
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await service.setRoles(deps, request.actor, request.params.id, request.body.structureId, request.body.roles);
      return reply.code(204).send(null);
    },
  });

  app.post('/links', {
    schema: { tags, security, summary: 'Rattacher un élève à un responsable', body: schema.LinkBody, response: { 204: Type.Null(), ...errorResponses } },
    handler: async (request, reply) => {
      const { relativeId, studentId, legalGuardian } = request.body;
      await service.linkRelative(deps, request.actor, relativeId, studentId, legalGuardian ?? true);
      return reply.code(204).send(null);
    },
  });

  app.get('/structures', {
    // Only the signed-in person's own structures: nobody else's id is taken.
    config: { personal: true },
    schema: { tags, security, summary: 'Mes établissements (tous pour l’administrateur)', response: { 200: Type.Array(schema.Structure), ...errorResponses } },
    handler: async (request) => service.structuresFor(deps, request.actor),
  });

  app.post('/structures', {
    schema: {
      tags,
      security,
      summary: 'Créer un établissement ou une collectivité',
      body: schema.CreateStructureBody,
      response: { 201: schema.Structure, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await service.createStructure(deps, request.actor, request.body)),
  });

  app.get('/structures/:id', {
    schema: {
      tags,
      security,
      summary: 'Un établissement, avec ses effectifs pour ses gestionnaires',
      params: schema.IdParams,
      querystring: schema.YearQuery,
      response: { 200: schema.StructureWithCounts, ...errorResponses },
    },
    handler: async (request) => service.structureDetail(deps, request.actor, request.params.id, request.query.year),
  });

  app.get('/structures/:id/classes', {
    schema: {
      tags,
      security,
      summary: 'Classes et groupes d’une année scolaire',
      params: schema.IdParams,
      querystring: schema.YearQuery,
      response: { 200: Type.Array(schema.ClassSummary), ...errorResponses },
    },
    handler: async (request) => service.classesOf(deps, request.actor, request.params.id, request.query.year),
  });

  app.post('/structures/:id/classes', {
    schema: {
      tags,
      security,
      summary: 'Créer une classe',
      params: schema.IdParams,
      body: schema.CreateClassBody,
      response: { 201: schema.ClassSummary, 409: ErrorResponse, ...errorResponses },
    },
    handler: async (request, reply) => {
      const { name, level, schoolYear } = request.body;
      const group = await service.createClass(deps, request.actor, request.params.id, { name, level: level ?? null, schoolYear });
      return reply.code(201).send({ ...group, students: 0 });
    },
  });

  app.get('/classes/:id', {
    schema: {
      tags,
      security,
      summary: 'Une classe, ses élèves, leurs responsables et ses enseignants',
      params: schema.IdParams,
      response: { 200: schema.ClassDetail, ...errorResponses },
    },
    handler: async (request) => service.classDetail(deps, request.actor, request.params.id),
  });

  app.get('/classes/:id/activation-codes', {
    schema: {
      tags,
      security,
      summary: 'Identifiants et codes d’activation d’une classe',
      params: schema.IdParams,
      response: { 200: Type.Array(schema.ActivationSheet), ...errorResponses },
    },
    handler: async (request) => (await service.activationSheets(deps, request.actor, request.params.id)).sheets,
  });
};
