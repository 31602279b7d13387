import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../../kernel/http/schemas.js';
import * as schema from '../schema.js';
import type { Deps } from '../service/deps.js';
import { forumPage, myForums, reportsPage, saveSettings, subscribeForum } from '../service/forums.js';
import { createThread, dismissReport, moderatePost, moderateThread, reply, reportPost, subscribeThread, threadPage, editPost } from '../service/threads.js';
import { forumPageJson, reportsJson, threadPageJson } from './present.js';

const tags = ['forum'];

/** The forum's JSON API under /api/forum: the same use cases as the pages. */
export const forumApi: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  app.get(
    '/forums',
    {
      config: { personal: true },
      schema: { summary: 'Les forums lus cette année', tags, querystring: schema.EmptyQuery, response: { 200: schema.ForumList, ...errorResponses } },
    },
    async (request) => ({ items: await myForums(deps, request.actor) }),
  );

  app.get(
    '/forums/:id',
    {
      schema: {
        summary: 'Un forum et ses discussions',
        tags,
        params: schema.IdParams,
        querystring: schema.ThreadsQuery,
        response: { 200: schema.ForumPageOut, ...errorResponses },
      },
    },
    async (request) =>
      forumPageJson(await forumPage(deps, request.actor, request.params.id, { limit: request.query.limit ?? 20, offset: request.query.offset ?? 0 })),
  );

  app.put(
    '/forums/:id/settings',
    {
      schema: {
        summary: 'Régler un forum (écriture des élèves, lecture des parents)',
        tags,
        params: schema.IdParams,
        body: schema.SettingsBody,
        response: { 200: schema.Done, ...errorResponses },
      },
    },
    async (request) => {
      const b = request.body;
      await saveSettings(deps, request.actor, request.params.id, { pupilsWrite: b.pupilsWrite, parentsRead: b.parentsRead, pupilsRead: b.pupilsRead ?? false });
      return { ok: true };
    },
  );

  app.put(
    '/forums/:id/subscription',
    {
      schema: { summary: 'Suivre un forum', tags, params: schema.IdParams, body: schema.SubscriptionBody, response: { 200: schema.Done, ...errorResponses } },
    },
    async (request) => {
      await subscribeForum(deps, request.actor, request.params.id, request.body.subscribed);
      return { ok: true };
    },
  );

  app.post(
    '/forums/:id/threads',
    {
      schema: {
        summary: 'Ouvrir une discussion',
        description:
          'Refusé (403) à qui ne peut pas écrire à tous les lecteurs du forum selon les règles de communication, et aux élèves tant qu’un enseignant n’a pas ouvert le forum à leur écriture.',
        tags,
        params: schema.IdParams,
        body: schema.NewThreadBody,
        response: { 201: schema.Created, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await createThread(deps, request.actor, request.params.id, request.body);
      return reply.code(201).send({ id: created.id });
    },
  );

  app.get(
    '/forums/:id/reports',
    { schema: { summary: 'Signalements en attente (modérateurs)', tags, params: schema.IdParams, response: { 200: schema.ReportList, ...errorResponses } } },
    async (request) => reportsJson(await reportsPage(deps, request.actor, request.params.id)),
  );

  app.get(
    '/threads/:id',
    {
      schema: {
        summary: 'Une discussion et ses messages (la marque comme lue)',
        tags,
        params: schema.IdParams,
        querystring: schema.PostsQuery,
        response: { 200: schema.ThreadPageOut, ...errorResponses },
      },
    },
    async (request) =>
      threadPageJson(await threadPage(deps, request.actor, request.params.id, { limit: request.query.limit ?? 30, offset: request.query.offset ?? 0 })),
  );

  app.post(
    '/threads/:id/replies',
    {
      schema: {
        summary: 'Répondre dans une discussion',
        tags,
        params: schema.IdParams,
        body: schema.ReplyBody,
        response: { 201: schema.Created, ...errorResponses },
      },
    },
    async (request, res) => res.code(201).send(await reply(deps, request.actor, request.params.id, request.body)),
  );

  app.post(
    '/threads/:id/moderation',
    {
      schema: {
        summary: 'Verrouiller, déverrouiller, masquer ou rendre visible une discussion',
        tags,
        params: schema.IdParams,
        body: schema.ThreadModerationBody,
        response: { 200: schema.Done, ...errorResponses },
      },
    },
    async (request) => {
      await moderateThread(deps, request.actor, request.params.id, request.body.action, request.body.reason ?? '');
      return { ok: true };
    },
  );

  app.put(
    '/threads/:id/subscription',
    {
      schema: {
        summary: 'Suivre une discussion',
        tags,
        params: schema.IdParams,
        body: schema.SubscriptionBody,
        response: { 200: schema.Done, ...errorResponses },
      },
    },
    async (request) => {
      await subscribeThread(deps, request.actor, request.params.id, request.body.subscribed);
      return { ok: true };
    },
  );

  app.post(
    '/posts/:id/moderation',
    {
      schema: {
        summary: 'Masquer ou rendre visible un message',
        tags,
        params: schema.IdParams,
        body: schema.PostModerationBody,
        response: { 200: schema.Done, ...errorResponses },
      },
    },
    async (request) => {
      await moderatePost(deps, request.actor, request.params.id, request.body.action, request.body.reason ?? '');
      return { ok: true };
    },
  );

  app.patch(
    '/posts/:id',
    {
      schema: {
        summary: 'Corriger son message (son auteur, tant qu’il peut écrire dans le fil)',
        tags,
        params: schema.IdParams,
        body: schema.ReplyBody,
        response: { 200: schema.EditedOut, ...errorResponses },
      },
    },
    async (request) => editPost(deps, request.actor, request.params.id, request.body),
  );

  app.post(
    '/posts/:id/reports',
    {
      schema: {
        summary: 'Signaler un message aux modérateurs',
        tags,
        params: schema.IdParams,
        body: schema.ReportBody,
        response: { 201: schema.Created, ...errorResponses },
      },
    },
    async (request, res) => {
      const created = await reportPost(deps, request.actor, request.params.id, request.body.reason);
      return res.code(201).send({ id: created.id });
    },
  );

  app.post(
    '/reports/:id/dismiss',
    { schema: { summary: 'Clore un signalement en gardant le message', tags, params: schema.IdParams, response: { 200: schema.Done, ...errorResponses } } },
    async (request) => {
      await dismissReport(deps, request.actor, request.params.id);
      return { ok: true };
    },
  );
};
