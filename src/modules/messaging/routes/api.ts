import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../../kernel/http/schemas.js';
import { sortByDisplay } from '../../../kernel/i18n/index.js';
import { sendBlob } from '../../../kernel/storage/http.js';
import { normalizeKey } from '../../../kernel/text.js';
import { displayName } from '../../directory/index.js';
import * as admin from '../admin.js';
import { recipients } from '../compose.js';
import { messageView } from '../read.js';
import * as schema from '../schema.js';
import * as service from '../service.js';
import type { MessagingContext } from './context.js';
import { receiveAttachments } from './files.js';

const tags = ['messaging'];
const security = [{ session: [] }];
const withErrors = { ...errorResponses, 409: errorResponses[400], 413: errorResponses[400], 429: errorResponses[400] };

/** JSON API of the messaging under /api/messaging: only one's own messages, recipients within the rules. */
export const messagingApi: FastifyPluginAsyncTypebox<MessagingContext> = async (app, deps) => {
  const personal = { personal: true };

  app.get('/unread', {
    config: personal,
    schema: { tags, security, summary: 'Nombre de messages non lus', response: { 200: schema.Unread, ...errorResponses } },
    handler: async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { unread: await service.unreadCount(deps, request.actor) };
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
      const q = request.query.q ?? '';
      const { people, groups } = await recipients(deps, request.actor, q, request.query.limit ?? 10);
      const key = normalizeKey(q);
      return {
        people: sortByDisplay(
          people.map((p) => ({ token: `person:${p.id}`, id: p.id, displayName: displayName(p), profile: p.profile })),
          (p) => p.displayName,
        ),
        groups: key ? groups.filter((g) => normalizeKey(g.label).includes(key)) : groups,
      };
    },
  });

  app.get('/messages', {
    config: personal,
    schema: {
      tags,
      security,
      summary: 'Un dossier (réception, envoyés, brouillons, corbeille), avec recherche',
      querystring: schema.FolderQuery,
      response: { 200: schema.ListPage, ...errorResponses },
    },
    handler: async (request) => {
      const { folder = 'inbox', q = '', limit = 25, offset = 0 } = request.query;
      const result = await service.folderPage(deps, request.actor, folder, q, limit, offset);
      return { ...result, limit, offset };
    },
  });

  app.get('/messages/:id', {
    schema: {
      tags,
      security,
      summary: 'Lire un message (et sa conversation), sans le marquer comme lu : pour cela, POST /api/messaging/messages/:id/read',
      params: schema.IdParams,
      response: { 200: schema.MessageView, ...errorResponses },
    },
    handler: async (request) => messageView(deps, request.actor, request.params.id),
  });

  app.post('/messages', {
    config: { activity: 'messaging.message.sent' },
    schema: { tags, security, summary: 'Envoyer un message', body: schema.ComposeBody, response: { 201: schema.SendResult, ...withErrors } },
    handler: async (request, reply) => reply.code(201).send(await service.sendMessage(deps, request.actor, request.body)),
  });

  app.post('/messages/:id/read', {
    schema: {
      tags,
      security,
      summary: 'Marquer un message comme lu ({ read: true }) ou non lu ({ read: false }) : la lecture en JSON ne le fait pas',
      params: schema.IdParams,
      body: schema.ReadBody,
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await service.setRead(deps, request.actor, request.params.id, request.body.read);
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
        await service.moveToTrash(deps, request.actor, request.params.id, trash);
        return reply.code(204).send(null);
      },
    });
  }

  app.post('/trash/empty', {
    config: personal,
    schema: { tags, security, summary: 'Vider sa corbeille', response: { 204: Type.Null(), ...errorResponses } },
    handler: async (request, reply) => {
      await service.emptyTrash(deps, request.actor);
      return reply.code(204).send(null);
    },
  });

  app.post('/drafts', {
    schema: { tags, security, summary: 'Enregistrer un brouillon', body: schema.DraftBody, response: { 201: schema.Created, ...withErrors } },
    handler: async (request, reply) => reply.code(201).send(await service.saveDraft(deps, request.actor, request.body)),
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
      await service.saveDraft(deps, request.actor, { ...request.body, draftId: request.params.id });
      return reply.code(204).send(null);
    },
  });

  app.delete('/drafts/:id', {
    schema: { tags, security, summary: 'Supprimer un brouillon', params: schema.IdParams, response: { 204: Type.Null(), ...withErrors } },
    handler: async (request, reply) => {
      await service.deleteDraft(deps, request.actor, request.params.id);
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
      response: { 201: schema.AttachmentList, ...withErrors },
    },
    handler: async (request, reply) => {
      // The draft's rule runs before the stream is read: a refused upload stores nothing.
      const files = await service.saveDraftFiles(deps, request.actor, request.params.id, async (room) => (await receiveAttachments(request, room)).files);
      return reply.code(201).send(files);
    },
  });

  app.get('/attachments/:id', {
    schema: { tags, security, summary: 'Télécharger une pièce jointe', params: schema.IdParams, produces: ['application/octet-stream'] },
    handler: async (request, reply) => sendBlob(request, reply, await service.attachmentToSend(deps, request.actor, request.params.id)),
  });

  app.get('/preferences', {
    config: personal,
    schema: { tags, security, summary: 'Mes notifications par courriel', response: { 200: schema.Preferences, ...errorResponses } },
    handler: async (request) => admin.preferencesOf(deps, request.actor),
  });

  app.put('/preferences', {
    config: personal,
    schema: {
      tags,
      security,
      summary: 'Choisir ses notifications par courriel',
      body: schema.PreferencesBody,
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await admin.setPreferences(deps, request.actor, request.body.emailMode);
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
    handler: async (request) => admin.settingsOf(deps, request.actor, request.params.id),
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
      await admin.setRules(deps, request.actor, request.params.id, request.body.rules as never, request.ip);
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
      await admin.setQuietHours(deps, request.actor, request.params.id, request.body);
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
      await admin.setReadOnly(deps, request.actor, request.params.id, request.body.readOnly, request.ip);
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
    handler: async (request) => admin.listHeld(deps, request.actor, request.params.id),
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
        await admin.decideHeld(deps, request.actor, request.params.id, release, request.ip);
        return reply.code(204).send(null);
      },
    });
  }
};
