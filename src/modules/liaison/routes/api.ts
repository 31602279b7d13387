import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../../kernel/http/schemas.js';
import * as schema from '../schema.js';
import * as family from '../service/family.js';
import * as notes from '../service/notes.js';
import { liaisonDeps } from './deps.js';

const tags = ['liaison'];
const security = [{ session: [] }];

/** JSON API of the cahier de liaison under /api/liaison; every list is scoped to the asker in SQL. */
export const liaisonApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = liaisonDeps(app);

  app.get('/notes', {
    schema: {
      tags,
      security,
      summary: 'Mots visibles (les plus récents d’abord)',
      querystring: schema.NoteQuery,
      response: { 200: Type.Array(schema.NoteSummary), ...errorResponses },
    },
    handler: async (request) =>
      notes.listNotes(deps, request.actor, { groupId: request.query.groupId, limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }),
  });

  app.post('/notes', {
    schema: {
      tags,
      security,
      summary: 'Envoyer un mot aux familles d’une classe ou à des familles choisies',
      body: schema.NoteBody,
      response: { 201: schema.Saved, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await notes.createNote(deps, request.actor, request.body)),
  });

  app.get('/notes/:id', {
    schema: {
      tags,
      security,
      summary: 'Un mot, avec les signatures et réponses par enfant',
      params: schema.IdParams,
      response: { 200: schema.Note, ...errorResponses },
    },
    handler: async (request) => notes.noteDetail(deps, request.actor, request.params.id),
  });

  app.post('/notes/:id/signatures', {
    schema: {
      tags,
      security,
      summary: 'Signer (et répondre au coupon) pour son enfant ; signer à nouveau corrige la réponse',
      params: schema.IdParams,
      body: schema.SignBody,
      response: { 200: schema.SavedAnswer, ...errorResponses },
    },
    handler: async (request) => notes.signNote(deps, request.actor, request.params.id, request.body),
  });

  app.put('/notes/:id/paper/:studentId', {
    schema: {
      tags,
      security,
      summary: 'Saisir le coupon papier d’un enfant (expéditeur, direction)',
      params: schema.PaperParams,
      body: schema.PaperBody,
      response: { 200: schema.SavedAnswer, ...errorResponses },
    },
    handler: async (request) =>
      notes.recordPaperAnswer(deps, request.actor, request.params.id, { studentId: request.params.studentId, answer: request.body.answer }),
  });

  app.post('/notes/:id/reminders', {
    schema: {
      tags,
      security,
      summary: 'Relancer les familles qui n’ont pas signé (hors heures calmes)',
      params: schema.IdParams,
      response: { 202: schema.Reminder, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(202).send(await notes.remindNote(deps, request.actor, request.params.id)),
  });

  app.post('/notes/:id/withdraw', {
    schema: { tags, security, summary: 'Retirer un mot (il reste, marqué retiré)', params: schema.IdParams, response: { 204: Type.Null(), ...errorResponses } },
    handler: async (request, reply) => {
      await notes.withdrawNote(deps, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.get('/family-notes', {
    schema: {
      tags,
      security,
      summary: 'Mots des familles aux enseignants',
      querystring: schema.ListQuery,
      response: { 200: Type.Array(schema.FamilyNote), ...errorResponses },
    },
    handler: async (request) => family.listFamilyNotes(deps, request.actor, { limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }),
  });

  app.post('/family-notes', {
    schema: {
      tags,
      security,
      summary: 'Écrire à l’enseignant de son enfant (absence, question)',
      body: schema.FamilyNoteBody,
      response: { 201: schema.Saved, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await family.createFamilyNote(deps, request.actor, request.body)),
  });

  app.post('/family-notes/:id/acknowledge', {
    schema: {
      tags,
      security,
      summary: 'Accuser réception du mot d’un parent',
      params: schema.IdParams,
      response: { 200: schema.Acknowledged, ...errorResponses },
    },
    handler: async (request) => family.acknowledgeFamilyNote(deps, request.actor, request.params.id),
  });
};
