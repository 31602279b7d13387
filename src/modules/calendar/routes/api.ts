import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { BadRequest } from '../../../kernel/http/errors.js';
import { errorResponses } from '../../../kernel/http/schemas.js';
import { receiveFiles } from '../../../kernel/storage/http.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import * as service from '../service.js';

const tags = ['calendar'];
const security = [{ session: [] }];

/** JSON API of the school calendar under /api/calendar; lists are scoped to the reader in SQL. */
export const calendarApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { db: app.db, clock: app.clock, blobs: app.blobs, uploadMaxBytes: app.config.uploadMaxBytes };
  const tooMany = () => new BadRequest('calendar.invalid', t('calendar.error.too_many_files', service.MAX_FILES));

  app.get('/events', {
    config: { personal: true },
    schema: {
      tags,
      security,
      summary: 'Événements d’un mois (`month`) ou des 60 jours à venir',
      querystring: Type.Composite([schema.MonthQuery, schema.ListQuery]),
      response: { 200: Type.Array(schema.Event), ...errorResponses },
    },
    handler: async (request) =>
      request.query.month ? service.monthEvents(deps, request.actor, request.query.month) : service.upcoming(deps, request.actor, request.query.from),
  });

  app.post('/events', {
    config: { personal: true },
    schema: {
      tags,
      security,
      summary: 'Ajouter un événement',
      body: schema.EventBody,
      response: { 201: Type.Object({ id: Type.String() }), ...errorResponses },
    },
    handler: async (request, reply) => {
      const b = request.body;
      const saved = await service.createEvent(deps, request.actor, {
        kind: b.kind,
        title: b.title,
        description: b.description ?? '',
        place: b.place ?? null,
        startDay: b.startDay,
        endDay: b.endDay ?? null,
        startTime: b.startTime ?? null,
        endTime: b.endTime ?? null,
        audience: b.audience,
      });
      return reply.code(201).send(saved);
    },
  });

  app.get('/events/:id', {
    schema: { tags, security, summary: 'Un événement', params: schema.IdParams, response: { 200: schema.EventDetail, ...errorResponses } },
    handler: async (request) => service.eventDetail(deps, request.actor, request.params.id),
  });

  app.put('/events/:id', {
    schema: {
      tags,
      security,
      summary: 'Modifier un événement (son auteur ou la direction, tant qu’il n’est pas annulé)',
      params: schema.IdParams,
      body: schema.EventBody,
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      const b = request.body;
      await service.updateEvent(deps, request.actor, request.params.id, {
        kind: b.kind,
        title: b.title,
        description: b.description ?? '',
        place: b.place ?? null,
        startDay: b.startDay,
        endDay: b.endDay ?? null,
        startTime: b.startTime ?? null,
        endTime: b.endTime ?? null,
        audience: b.audience,
      });
      return reply.code(204).send(null);
    },
  });

  app.post('/events/:id/attachments', {
    schema: {
      tags,
      security,
      summary: 'Joindre des fichiers à l’événement (multipart ; son auteur ou la direction)',
      params: schema.IdParams,
      response: { 201: Type.Array(schema.File), ...errorResponses },
    },
    handler: async (request, reply) => {
      const files = await service.addAttachments(
        deps,
        request.actor,
        request.params.id,
        async () => (await receiveFiles(request, { maxBytes: deps.uploadMaxBytes, maxFiles: service.MAX_FILES, tooMany })).files,
      );
      return reply.code(201).send(files);
    },
  });

  app.delete('/events/:id/attachments/:attachmentId', {
    schema: { tags, security, summary: 'Retirer une pièce jointe', params: schema.AttachmentParams, response: { 204: Type.Null(), ...errorResponses } },
    handler: async (request, reply) => {
      await service.removeAttachment(deps, request.actor, request.params.id, request.params.attachmentId);
      return reply.code(204).send(null);
    },
  });

  app.post('/events/:id/cancel', {
    schema: {
      tags,
      security,
      summary: 'Annuler un événement (conservé, marqué annulé)',
      params: schema.IdParams,
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await service.cancelEvent(deps, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.get('/settings/:structureId', {
    schema: { tags, security, summary: 'Zone de vacances de l’école', params: schema.StructureParams, response: { 200: schema.Zone, ...errorResponses } },
    handler: async (request) => service.readZone(deps, request.actor, request.params.structureId),
  });

  app.put('/settings/:structureId', {
    schema: {
      tags,
      security,
      summary: 'Choisir la zone de vacances de l’école (direction)',
      params: schema.StructureParams,
      body: schema.ZoneBody,
      response: { 200: schema.Zone, ...errorResponses },
    },
    handler: async (request) => service.updateZone(deps, request.actor, request.params.structureId, request.body.zone),
  });
};
