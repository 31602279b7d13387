import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../../kernel/http/schemas.js';
import * as schema from '../schema.js';
import { dayView } from '../service/day.js';
import { pupilRecord, recordAnnounced, reviewJustification, submitJustification } from '../service/pupils.js';
import { rollCallView, saveRollCall } from '../service/roll-call.js';
import { monthlyFigures, readSettings, updateSettings } from '../service/stats.js';
import { attendanceDeps } from './deps.js';

const tags = ['attendance'];
const security = [{ session: [] }];

/** JSON API of attendance under /api/attendance. */
export const attendanceApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = attendanceDeps(app);

  app.get('/groups/:id/roll-call', {
    schema: {
      tags,
      security,
      summary: 'L’appel d’un groupe pour une demi-journée ou une séance',
      params: schema.IdParams,
      querystring: schema.SlotQuery,
      response: { 200: schema.RollCallView, ...errorResponses },
    },
    handler: async (request) => rollCallView(deps, request.actor, request.params.id, request.query),
  });

  app.put('/groups/:id/roll-call', {
    schema: {
      tags,
      security,
      summary: 'Faire (ou refaire) l’appel : les élèves non listés sont présents',
      params: schema.IdParams,
      body: schema.RollCallBody,
      response: { 200: schema.SavedRollCall, ...errorResponses },
    },
    handler: async (request) => saveRollCall(deps, request.actor, request.params.id, request.body),
  });

  app.get('/day', {
    schema: {
      tags,
      security,
      summary: 'Les absences du jour de l’établissement actif',
      querystring: schema.DayQuery,
      response: { 200: schema.DayView, ...errorResponses },
    },
    handler: async (request) => dayView(deps, request.actor, request.query.date),
  });

  app.post('/announced', {
    schema: {
      tags,
      security,
      summary: 'Enregistrer une absence annoncée à l’avance',
      body: schema.AnnouncedBody,
      response: { 201: schema.Saved, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await recordAnnounced(deps, request.actor, request.body)),
  });

  app.get('/pupils/:id', {
    schema: {
      tags,
      security,
      summary: 'Absences, retards et justifications d’un élève (année en cours)',
      params: schema.IdParams,
      response: { 200: schema.PupilRecord, ...errorResponses },
    },
    handler: async (request) => pupilRecord(deps, request.actor, request.params.id),
  });

  app.post('/justifications', {
    schema: {
      tags,
      security,
      summary: 'Justifier les absences de son enfant (sans document ; le formulaire en accepte un)',
      body: schema.JustificationBody,
      response: { 201: schema.Saved, ...errorResponses },
    },
    handler: async (request, reply) => {
      const { studentId, ...input } = request.body;
      return reply.code(201).send(await submitJustification(deps, request.actor, studentId, async () => ({ input, files: [] })));
    },
  });

  app.post('/justifications/:id/review', {
    schema: {
      tags,
      security,
      summary: 'Valider ou refuser une justification',
      params: schema.IdParams,
      body: schema.ReviewBody,
      response: { 200: schema.Saved, ...errorResponses },
    },
    handler: async (request) => reviewJustification(deps, request.actor, request.params.id, request.body),
  });

  app.get('/stats', {
    schema: {
      tags,
      security,
      summary: 'Bilan mensuel d’une classe par élève',
      querystring: schema.StatsQuery,
      response: { 200: schema.Figures, ...errorResponses },
    },
    handler: async (request) => monthlyFigures(deps, request.actor, request.query.groupId, request.query.month),
  });

  app.get('/settings', {
    schema: { tags, security, summary: 'Réglages de l’établissement actif', response: { 200: schema.Settings, ...errorResponses } },
    handler: async (request) => readSettings(deps, request.actor),
  });

  app.put('/settings', {
    schema: {
      tags,
      security,
      summary: 'Modifier les réglages de l’établissement actif',
      body: schema.SettingsBody,
      response: { 200: schema.Settings, ...errorResponses },
    },
    handler: async (request) => updateSettings(deps, request.actor, request.body),
  });
};
