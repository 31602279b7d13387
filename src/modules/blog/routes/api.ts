import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../../kernel/http/schemas.js';
import * as schema from '../schema.js';
import { blogDeps } from '../service/deps.js';
import * as reads from '../service/reads.js';
import { postJson } from './present.js';

/** The blog's JSON API (reading); writing goes through the pages' forms. */
export const blogApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = blogDeps(app);
  app.get(
    '/classes/:groupId/posts',
    {
      schema: {
        summary: 'Articles d’un blog de classe que la personne peut lire',
        tags: ['blog'],
        params: schema.GroupParams,
        querystring: schema.PageQuery,
        response: { 200: schema.PostList, ...errorResponses },
      },
    },
    async (request) => {
      const page = await reads.blogPage(
        deps,
        request.actor,
        { groupId: request.params.groupId },
        { limit: request.query.limit ?? 20, offset: request.query.offset ?? 0 },
      );
      return { items: page.posts.map(postJson) };
    },
  );
  app.get(
    '/schools/:structureId/posts',
    {
      schema: {
        summary: 'Articles du blog de l’école que la personne peut lire',
        tags: ['blog'],
        params: schema.SchoolParams,
        querystring: schema.PageQuery,
        response: { 200: schema.PostList, ...errorResponses },
      },
    },
    async (request) => {
      const page = await reads.blogPage(
        deps,
        request.actor,
        { schoolId: request.params.structureId },
        { limit: request.query.limit ?? 20, offset: request.query.offset ?? 0 },
      );
      return { items: page.posts.map(postJson) };
    },
  );
  app.get(
    '/posts/:id',
    { schema: { summary: 'Un article, avec ses photos', tags: ['blog'], params: schema.IdParams, response: { 200: schema.PostOut, ...errorResponses } } },
    async (request) => {
      const page = await reads.postPage(deps, request.actor, request.params.id);
      return postJson({ ...page.post, media: page.media });
    },
  );
};
