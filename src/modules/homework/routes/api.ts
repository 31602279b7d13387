import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../../kernel/http/schemas.js';
import { receiveFiles } from '../../../kernel/storage/http.js';
import * as schema from '../schema.js';
import * as agenda from '../service/agenda.js';
import { attachFiles, detachFile, MAX_FILES } from '../service/attachments.js';
import { calendarStatus, calendarUrl, regenerateCalendarToken, revokeCalendarToken } from '../service/calendar.js';
import * as service from '../service/lessons.js';
import * as reads from '../service/reads.js';
import { readSettings, updateSettings } from '../service/settings.js';
import { attachResource, detachResource } from '../service/resources.js';

import { homeworkDeps } from './deps.js';

const tags = ['homework'];
const security = [{ session: [] }];

/** JSON API of the cahier de textes under /api/homework; every read is scoped to the actor in SQL. */
export const homeworkApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = homeworkDeps(app);

  app.get('/subjects', {
    config: { personal: true },
    schema: { tags, security, summary: 'Matières de l’établissement actif', response: { 200: Type.Array(schema.Subject), ...errorResponses } },
    handler: async (request) => reads.structureSubjects(deps, request.actor),
  });

  app.get('/lessons', {
    schema: {
      tags,
      security,
      summary: 'Séances visibles (les plus récentes d’abord)',
      querystring: schema.LessonQuery,
      response: { 200: Type.Array(schema.Lesson), ...errorResponses },
    },
    handler: async (request) => reads.listLessons(deps, request.actor, { ...request.query, limit: request.query.limit ?? 50 }),
  });

  app.post('/lessons', {
    config: { activity: 'homework.lesson.published' },
    schema: {
      tags,
      security,
      summary: 'Remplir une séance et son travail à faire',
      body: schema.LessonBody,
      response: { 201: schema.SavedLesson, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await service.saveLesson(deps, request.actor, request.body)),
  });

  app.get('/lessons/:id', {
    schema: { tags, security, summary: 'Une séance', params: schema.IdParams, response: { 200: schema.Lesson, ...errorResponses } },
    handler: async (request) => reads.lessonDetail(deps, request.actor, request.params.id),
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
    handler: async (request) => service.saveLesson(deps, request.actor, request.body, request.params.id),
  });

  app.delete('/lessons/:id', {
    schema: { tags, security, summary: 'Supprimer sa séance', params: schema.IdParams, response: { 204: Type.Null(), ...errorResponses } },
    handler: async (request, reply) => {
      await service.deleteLesson(deps, request.actor, request.params.id);
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
    handler: async (request, reply) => reply.code(201).send(await service.copyLesson(deps, request.actor, request.params.id, request.body.groupId)),
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
    handler: async (request, reply) => reply.code(201).send(await service.copyAssignment(deps, request.actor, request.params.id, request.body.groupId)),
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
    handler: async (request) => agenda.setDone(deps, request.actor, request.params.id, request.body.done, request.body.studentId),
  });

  app.get('/agenda', {
    schema: {
      tags,
      security,
      summary: 'Agenda d’un élève : travail à faire par date de remise',
      querystring: schema.AgendaQuery,
      response: { 200: schema.Agenda, ...errorResponses },
    },
    handler: async (request) => agenda.pupilAgenda(deps, request.actor, request.query.studentId, request.query),
  });

  app.get('/due', {
    schema: {
      tags,
      security,
      summary: 'Nombre de travaux à remettre par jour pour une classe',
      querystring: schema.DueQuery,
      response: { 200: schema.DueLoad, ...errorResponses },
    },
    handler: async (request) => reads.dueLoad(deps, request.actor, request.query.groupId, request.query.from),
  });

  app.get('/settings', {
    schema: { tags, security, summary: 'Ouverture du cahier de textes (direction)', response: { 200: schema.Settings, ...errorResponses } },
    handler: async (request) => readSettings(deps, request.actor),
  });

  app.put('/settings', {
    schema: {
      tags,
      security,
      summary: 'Ouvrir le cahier de textes aux élèves, aux parents',
      body: schema.SettingsBody,
      response: { 200: schema.Settings, ...errorResponses },
    },
    handler: async (request) => updateSettings(deps, request.actor, request.body),
  });

  app.get('/calendar', {
    config: { personal: true },
    schema: { tags, security, summary: 'Mon flux d’agenda est-il actif ?', response: { 200: schema.CalendarStatus, ...errorResponses } },
    handler: async (request) => calendarStatus(deps, request.actor),
  });

  app.post('/calendar', {
    config: { personal: true },
    schema: { tags, security, summary: 'Créer ou remplacer l’adresse secrète du flux iCalendar', response: { 201: schema.CalendarToken, ...errorResponses } },
    handler: async (request, reply) => reply.code(201).send({ url: calendarUrl(app.config.publicUrl, await regenerateCalendarToken(deps, request.actor)) }),
  });

  app.delete('/calendar', {
    config: { personal: true },
    schema: { tags, security, summary: 'Supprimer l’adresse du flux iCalendar', response: { 204: Type.Null(), ...errorResponses } },
    handler: async (request, reply) => {
      await revokeCalendarToken(deps, request.actor);
      return reply.code(204).send(null);
    },
  });

  app.post('/lessons/:id/attachments', {
    schema: {
      tags,
      security,
      summary: 'Joindre des fichiers à sa séance (multipart ; jeton CSRF en en-tête ou `?_csrf=`)',
      params: schema.IdParams,
      querystring: schema.MultipartQuery,
      consumes: ['multipart/form-data'],
      response: { 201: Type.Array(schema.Attachment), ...errorResponses },
    },
    handler: async (request, reply) => {
      const receive = async () => (await receiveFiles(request, { maxBytes: app.config.uploadMaxBytes, maxFiles: MAX_FILES })).files;
      return reply.code(201).send(await attachFiles(deps, request.actor, request.params.id, receive));
    },
  });

  app.delete('/lessons/:id/attachments/:attachmentId', {
    schema: {
      tags,
      security,
      summary: 'Retirer une pièce jointe de sa séance',
      params: schema.AttachmentParams,
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await detachFile(deps, request.actor, request.params.id, request.params.attachmentId);
      return reply.code(204).send(null);
    },
  });

  app.post('/lessons/:id/resources', {
    schema: {
      tags,
      security,
      summary: 'Joindre à sa séance (ou à un de ses travaux) un lien de la banque de liens ou une ressource du catalogue',
      params: schema.IdParams,
      body: schema.AttachResourceBody,
      response: { 201: schema.LessonResource, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await attachResource(deps, request.actor, request.params.id, request.body)),
  });

  app.delete('/lessons/:id/resources/:resourceId', {
    schema: {
      tags,
      security,
      summary: 'Retirer un lien ou une ressource de sa séance',
      params: schema.LessonResourceParams,
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await detachResource(deps, request.actor, request.params.id, request.params.resourceId);
      return reply.code(204).send(null);
    },
  });
};
