import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../../kernel/http/schemas.js';
import { receiveFiles } from '../../../kernel/storage/http.js';
import * as schema from '../schema.js';
import type { NewPostBody } from '../schema.js';
import { addComment, moderateComment } from '../service/comments.js';
import { blogDeps } from '../service/deps.js';
import { addMedia, deletePost, MAX_FILES, saveSettings, savePost, type PostInput } from '../service/posts.js';
import * as reads from '../service/reads.js';
import { postJson } from './present.js';

const tags = ['blog'];

/** Writing through the JSON API: the same use cases as the forms. */
export const blogWriteApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = blogDeps(app);
  const current = async (actor: Parameters<typeof reads.postPage>[1], id: string) => {
    const page = await reads.postPage(deps, actor, id);
    return postJson({ ...page.post, media: page.media });
  };

  const newPost = (b: NewPostBody): PostInput => ({
    title: b.title,
    body: b.body ?? '',
    audience: b.audience ?? 'families',
    action: b.action ?? 'draft',
    captions: {},
    tags: {},
    remove: [],
  });

  app.post(
    '/classes/:groupId/posts',
    {
      schema: {
        summary: 'Écrire un article (brouillon, ou envoi à l’enseignant pour un élève)',
        tags,
        params: schema.GroupParams,
        body: schema.NewPostBody,
        response: { 201: schema.PostOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const input = newPost(request.body);
      const saved = await savePost(deps, request.actor, { groupId: request.params.groupId }, async () => ({ input, files: [] }));
      return reply.code(201).send(await current(request.actor, saved.id));
    },
  );

  app.post(
    '/schools/:structureId/posts',
    {
      schema: {
        summary: 'Écrire un article dans le blog de l’école (brouillon, ou envoi à la direction pour un élève)',
        tags,
        params: schema.SchoolParams,
        body: schema.NewPostBody,
        response: { 201: schema.PostOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const input = newPost(request.body);
      const saved = await savePost(deps, request.actor, { schoolId: request.params.structureId }, async () => ({ input, files: [] }));
      return reply.code(201).send(await current(request.actor, saved.id));
    },
  );

  app.put(
    '/posts/:id',
    {
      schema: {
        summary: 'Modifier, étiqueter, publier un article',
        description: 'Publier pour les familles est refusé (400, un détail par photo) si une photo montre un élève sans autorisation photo.',
        tags,
        params: schema.IdParams,
        body: schema.EditPostBody,
        response: { 200: schema.PostOut, ...errorResponses },
      },
    },
    async (request) => {
      const b = request.body;
      const media = b.media ?? [];
      const input: PostInput = {
        title: b.title,
        body: b.body ?? '',
        audience: b.audience,
        action: b.action,
        captions: Object.fromEntries(media.filter((m) => m.caption !== undefined).map((m) => [m.id, m.caption!])),
        tags: Object.fromEntries(media.map((m) => [m.id, m.tags])),
        remove: b.remove ?? [],
      };
      await savePost(deps, request.actor, { postId: request.params.id }, async () => ({ input, files: [] }));
      return current(request.actor, request.params.id);
    },
  );

  app.post(
    '/posts/:id/media',
    {
      schema: {
        summary: 'Ajouter des photos ou des vidéos à un article (multipart, champ `files`)',
        tags,
        params: schema.IdParams,
        response: { 201: schema.PostOut, ...errorResponses },
      },
    },
    async (request, reply) => {
      const receive = async () => (await receiveFiles(request, { maxBytes: app.config.uploadMaxBytes, maxFiles: MAX_FILES })).files;
      await addMedia(deps, request.actor, request.params.id, receive);
      return reply.code(201).send(await current(request.actor, request.params.id));
    },
  );

  app.delete(
    '/posts/:id',
    { schema: { summary: 'Supprimer un article (gardé, tracé)', tags, params: schema.IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      await deletePost(deps, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/posts/:id/comments',
    {
      schema: {
        summary: 'Commenter un article (parent ; en attente de modération)',
        tags,
        params: schema.IdParams,
        body: schema.CommentBody,
        response: { 201: schema.Created, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await addComment(deps, request.actor, request.params.id, request.body.body)),
  );

  app.put(
    '/comments/:id',
    {
      schema: {
        summary: 'Accepter ou refuser un commentaire',
        tags,
        params: schema.IdParams,
        body: schema.ModerateBody,
        response: { 200: schema.Created, ...errorResponses },
      },
    },
    async (request) => {
      const comment = await moderateComment(deps, request.actor, request.params.id, request.body.decision === 'approve');
      return { id: comment.id };
    },
  );

  app.put(
    '/classes/:groupId/settings',
    {
      schema: {
        summary: 'Régler le blog d’une classe (enseignants de la classe)',
        tags,
        params: schema.GroupParams,
        body: schema.SettingsBody,
        response: { 200: schema.SettingsBody, ...errorResponses },
      },
    },
    async (request) => {
      await saveSettings(deps, request.actor, { groupId: request.params.groupId }, request.body);
      return request.body;
    },
  );
};
