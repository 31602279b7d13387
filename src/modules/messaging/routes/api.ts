import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireUser } from '../../../kernel/auth/plugin.js';
import { errorResponses } from '../../../kernel/http/schemas.js';
import { displayName } from '../../directory/index.js';
import * as admin from '../admin.js';
import { messageView } from '../read.js';
import * as repo from '../repository.js';
import { rulesOf, searchReachable } from '../rules.js';
import * as schema from '../schema.js';
import * as service from '../service.js';
import { groupTargets } from '../targets.js';
import { normalizeKey } from '../../../kernel/text.js';
import type { MessagingContext } from './context.js';
import { receiveAttachments, sendAttachment } from './files.js';

const tags = ['messaging'];
const security = [{ session: [] }];
const withErrors = { ...errorResponses, 409: errorResponses[400], 413: errorResponses[400], 429: errorResponses[400] };

/** JSON API of the messaging under /api/messaging: only one's own messages, recipients within the rules. */
export const messagingApi: FastifyPluginAsyncTypebox<MessagingContext> = async (app, ctx) => {
  app.addHook('onRequest', requireUser);
  const db = app.db;

  app.get('/unread', {
    schema: { tags, security, summary: 'Nombre de messages non lus', response: { 200: schema.Unread, ...errorResponses } },
    handler: async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { unread: await repo.unreadCount(db, request.actor!.personId) };
    },
  });

  app.get('/recipients', {
    schema: {
      tags,
      security,
      summary: 'Destinataires possibles (règles de communication appliquées)',
      querystring: schema.RecipientQuery,
      response: { 200: schema.Recipients, ...errorResponses },
    },
    handler: async (request) => {
      const actor = request.actor!;
      const structureId = actor.activeStructureId;
      if (!structureId) return { people: [], groups: [] };
      const q = request.query.q ?? '';
      const { year } = ctx.clock();
      const [people, groups] = await Promise.all([
        searchReachable(db, actor, structureId, q, request.query.limit ?? 10, year),
        rulesOf(db, structureId).then((rules) => groupTargets(db, actor, structureId, rules, year)),
      ]);
      const key = normalizeKey(q);
      return {
        people: people.map((p) => ({ token: `person:${p.id}`, id: p.id, displayName: displayName(p), profile: p.profile })),
        groups: key ? groups.filter((g) => normalizeKey(g.label).includes(key)) : groups,
      };
    },
  });

  app.get('/messages', {
    schema: {
      tags,
      security,
      summary: 'Un dossier (réception, envoyés, brouillons, corbeille), avec recherche',
      querystring: schema.FolderQuery,
      response: { 200: schema.ListPage, ...errorResponses },
    },
    handler: async (request) => {
      const { folder = 'inbox', q = '', page = 1, pageSize = 25 } = request.query;
      const result = await repo.listFolder(db, request.actor!.personId, folder, q, pageSize, (page - 1) * pageSize);
      return { ...result, page, pageSize };
    },
  });

  app.get('/messages/:id', {
    schema: {
      tags,
      security,
      summary: 'Lire un message (et sa conversation) ; il devient lu',
      params: schema.IdParams,
      response: { 200: schema.MessageView, ...errorResponses },
    },
    handler: async (request) => messageView(db, request.actor!, request.params.id, new Date()),
  });

  app.post('/messages', {
    schema: { tags, security, summary: 'Envoyer un message', body: schema.ComposeBody, response: { 201: schema.SendResult, ...withErrors } },
    handler: async (request, reply) => reply.code(201).send(await service.sendMessage(db, request.actor!, request.body, ctx.clock())),
  });

  app.post('/messages/:id/read', {
    schema: {
      tags,
      security,
      summary: 'Marquer lu ou non lu',
      params: schema.IdParams,
      body: schema.ReadBody,
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await service.setRead(db, request.actor!, request.params.id, request.body.read, new Date());
      return reply.code(204).send(null);
    },
  });

  for (const [path, trash] of [
    ['trash', true],
    ['restore', false],
  ] as const) {
    app.post(`/messages/:id/${path}`, {
      schema: {
        tags,
        security,
        summary: trash ? 'Mettre à la corbeille (sa copie seulement)' : 'Restaurer depuis la corbeille',
        params: schema.IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
      handler: async (request, reply) => {
        await service.moveToTrash(db, request.actor!, request.params.id, trash);
        return reply.code(204).send(null);
      },
    });
  }

  app.post('/trash/empty', {
    schema: { tags, security, summary: 'Vider sa corbeille', response: { 204: Type.Null(), ...errorResponses } },
    handler: async (request, reply) => {
      await service.emptyTrash(db, request.actor!);
      return reply.code(204).send(null);
    },
  });

  app.post('/drafts', {
    schema: { tags, security, summary: 'Enregistrer un brouillon', body: schema.DraftBody, response: { 201: schema.Created, ...withErrors } },
    handler: async (request, reply) => reply.code(201).send(await service.saveDraft(db, request.actor!, request.body, ctx.clock())),
  });

  app.put('/drafts/:id', {
    schema: {
      tags,
      security,
      summary: 'Modifier un brouillon',
      params: schema.IdParams,
      body: schema.DraftBody,
      response: { 204: Type.Null(), ...withErrors },
    },
    handler: async (request, reply) => {
      await service.saveDraft(db, request.actor!, { ...request.body, draftId: request.params.id }, ctx.clock());
      return reply.code(204).send(null);
    },
  });

  app.delete('/drafts/:id', {
    schema: { tags, security, summary: 'Supprimer un brouillon', params: schema.IdParams, response: { 204: Type.Null(), ...withErrors } },
    handler: async (request, reply) => {
      await service.deleteDraft(db, request.actor!, request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.post('/drafts/:id/attachments', {
    schema: {
      tags,
      security,
      summary: 'Joindre des fichiers à un brouillon (multipart, champ `files`)',
      consumes: ['multipart/form-data'],
      params: schema.IdParams,
      response: {
        201: Type.Array(Type.Object({ id: Type.String(), filename: Type.String(), contentType: Type.String(), size: Type.Integer() })),
        ...withErrors,
      },
    },
    handler: async (request, reply) => {
      const actor = request.actor!;
      await service.saveDraftFiles(db, actor, request.params.id, async (room) => (await receiveAttachments(request, room)).files);
      const files = await repo.attachmentsOf(db, [request.params.id]);
      return reply.code(201).send(files.map(({ messageId: _, ...f }) => f));
    },
  });

  app.get('/attachments/:id', {
    schema: { tags, security, summary: 'Télécharger une pièce jointe', params: schema.IdParams, produces: ['application/octet-stream'] },
    handler: async (request, reply) => sendAttachment(request, reply, request.params.id),
  });

  app.get('/preferences', {
    schema: { tags, security, summary: 'Mes notifications par courriel', response: { 200: schema.Preferences, ...errorResponses } },
    handler: async (request) => admin.preferencesOf(db, request.actor!),
  });

  app.put('/preferences', {
    schema: {
      tags,
      security,
      summary: 'Choisir ses notifications par courriel',
      body: schema.PreferencesBody,
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await admin.setPreferences(db, request.actor!, request.body.emailMode);
      return reply.code(204).send(null);
    },
  });

  app.get('/structures/:id/settings', {
    schema: {
      tags,
      security,
      summary: 'Règles de communication et réglages d’un établissement (gestionnaires)',
      params: schema.IdParams,
      response: { 200: schema.SettingsView, ...errorResponses },
    },
    handler: async (request) => admin.settingsOf(db, request.actor!, request.params.id),
  });

  app.put('/structures/:id/rules', {
    schema: {
      tags,
      security,
      summary: 'Remplacer les règles de communication',
      params: schema.IdParams,
      body: schema.RulesBody,
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await admin.setRules(db, request.actor!, request.params.id, request.body.rules as never, request.ip);
      return reply.code(204).send(null);
    },
  });

  app.put('/structures/:id/quiet-hours', {
    schema: {
      tags,
      security,
      summary: 'Heures calmes des notifications',
      params: schema.IdParams,
      body: schema.QuietBody,
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await admin.setQuietHours(db, request.actor!, request.params.id, request.body);
      return reply.code(204).send(null);
    },
  });

  app.put('/structures/:id/read-only', {
    schema: {
      tags,
      security,
      summary: 'Passer la messagerie de l’établissement en lecture seule (ou la rétablir)',
      params: schema.IdParams,
      body: schema.ReadOnlyBody,
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await admin.setReadOnly(db, request.actor!, request.params.id, request.body.readOnly, request.ip);
      return reply.code(204).send(null);
    },
  });

  app.get('/structures/:id/held', {
    schema: {
      tags,
      security,
      summary: 'Envois massifs en attente de validation',
      params: schema.IdParams,
      response: { 200: schema.HeldList, ...errorResponses },
    },
    handler: async (request) => admin.listHeld(db, request.actor!, request.params.id),
  });

  for (const [path, release] of [
    ['release', true],
    ['reject', false],
  ] as const) {
    app.post(`/held/:id/${path}`, {
      schema: {
        tags,
        security,
        summary: release ? 'Distribuer un envoi retenu' : 'Refuser un envoi retenu',
        params: schema.IdParams,
        response: { 204: Type.Null(), ...withErrors },
      },
      handler: async (request, reply) => {
        const { noticesDue } = await admin.decideHeld(db, request.actor!, request.params.id, release, new Date(), request.ip);
        if (noticesDue > 0) ctx.clock().noticesDue?.();
        return reply.code(204).send(null);
      },
    });
  }
};
