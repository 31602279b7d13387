import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { BadRequest } from '../../../kernel/http/errors.js';
import { errorResponses } from '../../../kernel/http/schemas.js';
import { receiveFiles } from '../../../kernel/storage/http.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import { editItem } from '../service/edit.js';
import * as items from '../service/items.js';
import { reachableTargets } from '../service/targets.js';
import { newsDeps } from './deps.js';

const tags = ['news'];
const security = [{ session: [] }];

/** JSON API of the actualités under /api/news; every list is scoped to the reader in SQL. */
export const newsApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = newsDeps(app);
  const tooMany = () => new BadRequest('news.too_many_files', t('news.error.too_many_files'));

  app.get('', {
    config: { personal: true },
    schema: {
      tags,
      security,
      summary: 'Actualités en cours pour la personne (épinglées puis récentes)',
      querystring: schema.ListQuery,
      response: { 200: Type.Array(schema.Summary), ...errorResponses },
    },
    handler: async (request) => items.listItems(deps, request.actor, { limit: request.query.limit ?? 20, offset: request.query.offset ?? 0 }),
  });

  app.get('/mine', {
    config: { personal: true },
    schema: {
      tags,
      security,
      summary: 'Ses propres publications, retirées et programmées comprises',
      response: { 200: Type.Array(schema.Authored), ...errorResponses },
    },
    handler: async (request) => items.authored(deps, request.actor),
  });

  app.get('/audiences', {
    config: { personal: true },
    schema: { tags, security, summary: 'Publics que la personne peut informer', response: { 200: Type.Array(schema.AudienceOption), ...errorResponses } },
    handler: async (request) => {
      items.assertMayWrite(request.actor);
      return (await reachableTargets(deps.db, request.actor, deps.clock.now())).map((x) => ({ key: x.key, label: x.label }));
    },
  });

  app.post('', {
    config: { personal: true },
    schema: {
      tags,
      security,
      summary: 'Publier une actualité (image et pièces jointes ensuite)',
      body: schema.NewsBody,
      response: { 201: schema.Published, ...errorResponses },
    },
    handler: async (request, reply) => {
      const body = request.body;
      const published = await items.publish(deps, request.actor, async () => ({
        input: {
          title: body.title,
          body: body.body,
          audience: body.audience,
          publishFrom: body.publishFrom ?? null,
          publishTo: body.publishTo ?? null,
          pinned: body.pinned ?? false,
          imageAlt: null,
        },
        attachments: [],
      }));
      return reply.code(201).send(published);
    },
  });

  app.get('/:id', {
    schema: { tags, security, summary: 'Une actualité (l’ouvrir la marque lue)', params: schema.IdParams, response: { 200: schema.Item, ...errorResponses } },
    handler: async (request) => items.readItem(deps, request.actor, request.params.id),
  });

  app.get('/:id/receipts', {
    schema: {
      tags,
      security,
      summary: 'Lectures d’une actualité (auteur, direction)',
      params: schema.IdParams,
      response: { 200: schema.Receipts, ...errorResponses },
    },
    handler: async (request) => items.receipts(deps, request.actor, request.params.id),
  });

  app.patch('/:id', {
    schema: {
      tags,
      security,
      summary: 'Corriger une actualité (titre, texte, fin, épinglage ; auteur, direction)',
      params: schema.IdParams,
      body: schema.NewsPatch,
      response: { 200: schema.Edited, ...errorResponses },
    },
    handler: async (request) => editItem(deps, request.actor, request.params.id, request.body),
  });

  app.post('/:id/withdraw', {
    schema: {
      tags,
      security,
      summary: 'Retirer une actualité (conservée, marquée retirée)',
      params: schema.IdParams,
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await items.withdrawItem(deps, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.post('/:id/image', {
    schema: {
      tags,
      security,
      summary: 'Image de l’actualité (multipart, champ `image`), redimensionnée, sans métadonnées',
      params: schema.IdParams,
      querystring: schema.ImageQuery,
      response: { 200: Type.Object({ id: Type.String() }), ...errorResponses },
    },
    handler: async (request) =>
      items.replaceImage(deps, request.actor, request.params.id, async () => {
        const received = await receiveFiles(request, { maxBytes: deps.uploadMaxBytes, maxFiles: 1, tooMany });
        const file = received.files[0];
        if (!file) throw new BadRequest('news.invalid', t('news.error.image'), [{ field: 'image', message: t('news.error.image') }]);
        return { file, alt: request.query.alt ?? null };
      }),
  });

  app.post('/:id/attachments', {
    schema: {
      tags,
      security,
      summary: 'Joindre des fichiers à l’actualité (multipart)',
      params: schema.IdParams,
      response: { 201: Type.Array(schema.File), ...errorResponses },
    },
    handler: async (request, reply) => {
      const files = await items.addAttachments(
        deps,
        request.actor,
        request.params.id,
        async () => (await receiveFiles(request, { maxBytes: deps.uploadMaxBytes, maxFiles: items.MAX_FILES, tooMany })).files,
      );
      return reply.code(201).send(files);
    },
  });
};
