import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../../kernel/http/schemas.js';
import * as schema from '../schema.js';
import { recordChange, removeChange } from '../service/changes.js';
import { importCsv, importIcal } from '../service/imports.js';
import * as reads from '../service/reads.js';
import { addRoom, removeRoom, saveAWeeks, schoolSettings } from '../service/school.js';
import { createSlot, deleteSlot, updateSlot } from '../service/slots.js';

const tags = ['timetable'];
const security = [{ session: [] }];
const weekResponse = { 200: schema.Week, ...errorResponses };

/** JSON API of the timetable under /api/timetable; every week is scoped to who asks. */
export const timetableApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { db: app.db, clock: app.clock };

  app.get('/week', {
    schema: {
      tags,
      security,
      summary: 'Sa semaine (élève, parent pour un enfant, enseignant)',
      querystring: schema.OwnWeekQuery,
      response: { 200: schema.OwnWeek, ...errorResponses },
    },
    handler: async (request) => reads.ownWeek(deps, request.actor, request.query),
  });

  app.get('/groups/:id/week', {
    schema: {
      tags,
      security,
      summary: 'La semaine d’une classe ou d’un groupe',
      params: schema.IdParams,
      querystring: schema.WeekQuery,
      response: weekResponse,
    },
    handler: async (request) => reads.groupWeek(deps, request.actor, request.params.id, request.query.week),
  });

  app.get('/teachers/:id/week', {
    schema: { tags, security, summary: 'La semaine d’un enseignant', params: schema.IdParams, querystring: schema.WeekQuery, response: weekResponse },
    handler: async (request) => reads.teacherWeek(deps, request.actor, request.params.id, request.query.week),
  });

  app.get('/rooms/:id/week', {
    schema: { tags, security, summary: 'La semaine d’une salle', params: schema.IdParams, querystring: schema.WeekQuery, response: weekResponse },
    handler: async (request) => reads.roomWeek(deps, request.actor, request.params.id, request.query.week),
  });

  app.post('/slots', {
    schema: {
      tags,
      security,
      summary: 'Ajouter un cours à l’emploi du temps',
      body: schema.SlotBody,
      response: { 201: schema.Slot, ...errorResponses, 409: errorResponses[400] },
    },
    handler: async (request, reply) => reply.code(201).send(await createSlot(deps, request.actor, request.body)),
  });

  app.put('/slots/:id', {
    schema: {
      tags,
      security,
      summary: 'Modifier un cours pour toutes ses semaines (mêmes contrôles de chevauchement)',
      params: schema.IdParams,
      body: schema.SlotBody,
      response: { 200: schema.Slot, ...errorResponses },
    },
    handler: async (request) => updateSlot(deps, request.actor, request.params.id, request.body),
  });

  app.delete('/slots/:id', {
    schema: { tags, security, summary: 'Supprimer un cours (et ses changements)', params: schema.IdParams, response: { 204: Type.Null(), ...errorResponses } },
    handler: async (request, reply) => {
      await deleteSlot(deps, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.post('/slots/:id/changes', {
    schema: {
      tags,
      security,
      summary: 'Changer un cours pour un jour (annulé, déplacé, remplacé, autre salle) et prévenir',
      params: schema.IdParams,
      body: schema.ChangeBody,
      response: { 201: schema.Change, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await recordChange(deps, request.actor, request.params.id, request.body)),
  });

  app.delete('/changes/:id', {
    schema: { tags, security, summary: 'Retirer un changement', params: schema.IdParams, response: { 204: Type.Null(), ...errorResponses } },
    handler: async (request, reply) => {
      await removeChange(deps, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.get('/rooms', {
    schema: { tags, security, summary: 'Les salles de l’établissement actif', response: { 200: Type.Array(schema.Room), ...errorResponses } },
    handler: async (request) => (await schoolSettings(deps, request.actor)).rooms,
  });

  app.post('/rooms', {
    schema: { tags, security, summary: 'Ajouter une salle', body: schema.RoomBody, response: { 201: schema.Room, ...errorResponses } },
    handler: async (request, reply) => reply.code(201).send(await addRoom(deps, request.actor, request.body.name)),
  });

  app.delete('/rooms/:id', {
    schema: {
      tags,
      security,
      summary: 'Supprimer une salle inutilisée',
      params: schema.IdParams,
      response: { 204: Type.Null(), ...errorResponses, 409: errorResponses[400] },
    },
    handler: async (request, reply) => {
      await removeRoom(deps, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.get('/settings', {
    schema: { tags, security, summary: 'Le calendrier des semaines A et B', response: { 200: schema.Settings, ...errorResponses } },
    handler: async (request) => ({ aWeeks: (await schoolSettings(deps, request.actor)).aWeeks }),
  });

  app.put('/settings', {
    schema: { tags, security, summary: 'Choisir les semaines A', body: schema.SettingsBody, response: { 200: schema.Settings, ...errorResponses } },
    handler: async (request) => saveAWeeks(deps, request.actor, request.body.aWeeks),
  });

  app.post('/import/csv', {
    schema: {
      tags,
      security,
      summary: 'Importer un emploi du temps CSV (tout ou rien)',
      body: schema.CsvImportBody,
      response: { 201: schema.ImportResult, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await importCsv(deps, request.actor, request.body)),
  });

  app.post('/import/ical', {
    schema: {
      tags,
      security,
      summary: 'Importer le fichier iCalendar d’une classe ou d’un enseignant (tout ou rien)',
      body: schema.IcalImportBody,
      response: { 201: schema.ImportResult, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await importIcal(deps, request.actor, request.body)),
  });
};
