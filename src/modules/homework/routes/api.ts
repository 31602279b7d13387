import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireUser } from '../../../kernel/auth/plugin.js';
import { Forbidden } from '../../../kernel/authz/index.js';
import { errorResponses } from '../../../kernel/http/schemas.js';
import { calendarStatus, calendarUrl, regenerateCalendarToken, revokeCalendarToken } from '../calendar.js';
import { todayInParis } from '../dates.js';
import { attachFiles, detachFile, receiveLessonFiles, removeBlobs } from '../attachments.js';
import * as reads from '../reads.js';
import * as schema from '../schema.js';
import * as service from '../service.js';
import { readSettings, updateSettings } from '../settings.js';
import { subjectsOf } from '../subjects.js';

const tags = ['homework'];
const security = [{ session: [] }];

/** JSON API of the cahier de textes under /api/homework; every read is scoped to the actor in SQL. */
export const homeworkApi: FastifyPluginAsyncTypebox = async (app) => {
  // onRequest, so that a missing session answers 401 before the body is validated.
  app.addHook('onRequest', requireUser);
  const db = app.db;
  const deps = { db, events: app.events };

  app.get('/subjects', {
    schema: { tags, security, summary: 'Matières de l’établissement actif', response: { 200: Type.Array(schema.Subject), ...errorResponses } },
    handler: async (request) => {
      const structureId = request.actor!.activeStructureId;
      if (!structureId) throw new Forbidden();
      return subjectsOf(db, structureId);
    },
  });

  app.get('/lessons', {
    schema: {
      tags,
      security,
      summary: 'Séances visibles (les plus récentes d’abord)',
      querystring: schema.LessonQuery,
      response: { 200: Type.Array(schema.Lesson), ...errorResponses },
    },
    handler: async (request) => reads.listLessons(db, request.actor!, { ...request.query, limit: request.query.limit ?? 50 }),
  });

  app.post('/lessons', {
    schema: {
      tags,
      security,
      summary: 'Remplir une séance et son travail à faire',
      body: schema.LessonBody,
      response: { 201: schema.SavedLesson, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await service.saveLesson(deps, request.actor!, request.body)),
  });

  app.get('/lessons/:id', {
    schema: { tags, security, summary: 'Une séance', params: schema.IdParams, response: { 200: schema.Lesson, ...errorResponses } },
    handler: async (request) => reads.lessonDetail(db, request.actor!, request.params.id),
  });

  app.put('/lessons/:id', {
    schema: {
      tags,
      security,
      summary: 'Modifier sa séance (le travail absent de la liste est supprimé)',
      params: schema.IdParams,
      body: schema.LessonBody,
      response: { 200: schema.SavedLesson, ...errorResponses },
    },
    handler: async (request) => service.saveLesson(deps, request.actor!, request.body, request.params.id),
  });

  app.delete('/lessons/:id', {
    schema: { tags, security, summary: 'Supprimer sa séance', params: schema.IdParams, response: { 204: Type.Null(), ...errorResponses } },
    handler: async (request, reply) => {
      await removeBlobs(app, await service.deleteLesson(deps, request.actor!, request.params.id));
      return reply.code(204).send(null);
    },
  });

  app.post('/lessons/:id/copy', {
    schema: {
      tags,
      security,
      summary: 'Copier sa séance vers une autre classe (brouillon)',
      params: schema.IdParams,
      body: schema.CopyBody,
      response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await service.copyLesson(deps, request.actor!, request.params.id, request.body.groupId)),
  });

  app.post('/assignments/:id/copy', {
    schema: {
      tags,
      security,
      summary: 'Copier un travail vers une autre classe (nouvelle séance en brouillon)',
      params: schema.IdParams,
      body: schema.CopyBody,
      response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await service.copyAssignment(deps, request.actor!, request.params.id, request.body.groupId)),
  });

  app.put('/assignments/:id/done', {
    schema: {
      tags,
      security,
      summary: 'Cocher ou décocher « fait » (élève, ou parent pour son enfant)',
      params: schema.IdParams,
      body: schema.DoneBody,
      response: { 200: schema.DoneResult, ...errorResponses },
    },
    handler: async (request) => reads.setDone(db, request.actor!, request.params.id, request.body.done, request.body.studentId),
  });

  app.get('/agenda', {
    schema: {
      tags,
      security,
      summary: 'Agenda d’un élève : travail à faire par date de remise',
      querystring: schema.AgendaQuery,
      response: { 200: schema.Agenda, ...errorResponses },
    },
    handler: async (request) => {
      const studentId = await reads.agendaStudent(db, request.actor!, request.query.studentId);
      if (!studentId) throw new Forbidden();
      return reads.agenda(db, request.actor!, studentId, request.query);
    },
  });

  app.get('/due', {
    schema: {
      tags,
      security,
      summary: 'Nombre de travaux à remettre par jour pour une classe',
      querystring: schema.DueQuery,
      response: { 200: schema.DueLoad, ...errorResponses },
    },
    handler: async (request) => reads.dueLoad(db, request.actor!, request.query.groupId, request.query.from ?? todayInParis()),
  });

  app.get('/settings', {
    schema: { tags, security, summary: 'Ouverture du cahier de textes (direction)', response: { 200: schema.Settings, ...errorResponses } },
    handler: async (request) => readSettings(db, request.actor!),
  });

  app.put('/settings', {
    schema: {
      tags,
      security,
      summary: 'Ouvrir le cahier de textes aux élèves, aux parents',
      body: schema.SettingsBody,
      response: { 200: schema.Settings, ...errorResponses },
    },
    handler: async (request) => updateSettings(db, request.actor!, request.body),
  });

  app.get('/calendar', {
    schema: { tags, security, summary: 'Mon flux d’agenda est-il actif ?', response: { 200: schema.CalendarStatus, ...errorResponses } },
    handler: async (request) => calendarStatus(db, request.actor!.personId),
  });

  app.post('/calendar', {
    schema: { tags, security, summary: 'Créer ou remplacer l’adresse secrète du flux iCalendar', response: { 201: schema.CalendarToken, ...errorResponses } },
    handler: async (request, reply) =>
      reply.code(201).send({ url: calendarUrl(app.config.publicUrl, await regenerateCalendarToken(db, request.actor!.personId)) }),
  });

  app.delete('/calendar', {
    schema: { tags, security, summary: 'Supprimer l’adresse du flux iCalendar', response: { 204: Type.Null(), ...errorResponses } },
    handler: async (request, reply) => {
      await revokeCalendarToken(db, request.actor!.personId);
      return reply.code(204).send(null);
    },
  });
  app.post('/lessons/:id/attachments', {
    schema: {
      tags,
      security,
      summary: 'Joindre des fichiers à sa séance (multipart ; jeton CSRF en en-tête ou `?_csrf=`)',
      params: schema.IdParams,
      consumes: ['multipart/form-data'],
      response: { 201: Type.Array(schema.Attachment), ...errorResponses },
    },
    handler: async (request, reply) => {
      const { files } = await receiveLessonFiles(request);
      return reply.code(201).send(await attachFiles(app, request.actor!, request.params.id, files));
    },
  });

  app.delete('/lessons/:id/attachments/:attachmentId', {
    schema: {
      tags,
      security,
      summary: 'Retirer une pièce jointe de sa séance',
      params: Type.Object({ id: Type.String({ format: 'uuid' }), attachmentId: Type.String({ format: 'uuid' }) }),
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await removeBlobs(app, [await detachFile(db, request.actor!, request.params.id, request.params.attachmentId)]);
      return reply.code(204).send(null);
    },
  });
};
