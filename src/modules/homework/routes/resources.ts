import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import { isUuid } from '../../../kernel/http/schemas.js';
import { pickResources } from '../../resources/index.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import * as reads from '../service/reads.js';
import { attachResource, detachResource } from '../service/resources.js';
import { PickerPage } from '../views/picker.js';
import { homeworkDeps } from './deps.js';

/** The page's title and service, in the request's language. */
const page = () => ({ title: t('homework.picker.title'), service: 'homework' });
const back = (lessonId: string, q?: string) => `/homework/lessons/${lessonId}/resources${q ? `?q=${encodeURIComponent(q)}` : ''}`;

/** The lesson form's picker: search links and the catalogue, attach or remove, without JavaScript. */
export const homeworkResourcePages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = homeworkDeps(app);
  const resourcesDeps = { db: app.db, clock: app.clock, log: app.log };

  app.get(
    '/homework/lessons/:id/resources',
    { config: { personal: true }, schema: { params: schema.IdParams, querystring: schema.PickerQuery } },
    async (request, reply) => {
      const lesson = await reads.editableLessonView(deps, request.actor, request.params.id);
      const q = (request.query.q ?? '').trim();
      const found = await pickResources(resourcesDeps, request.actor, q);
      return reply.page(page(), h(PickerPage, { csrf: request.csrfToken, lesson, q, found }));
    },
  );

  app.post('/homework/lessons/:id/resources/attach', { schema: { params: schema.IdParams, body: schema.PickForm } }, async (request, reply) => {
    const { kind, refId, assignmentId, q } = request.body;
    await attachResource(deps, request.actor, request.params.id, { kind, id: refId, ...(assignmentId && isUuid(assignmentId) ? { assignmentId } : {}) });
    reply.setFlash(t('homework.picker.added'));
    return reply.redirect(back(request.params.id, q), 303);
  });

  app.post(
    '/homework/lessons/:id/resources/:resourceId/remove',
    { schema: { params: schema.LessonResourceParams, body: schema.ConfirmForm } },
    async (request, reply) => {
      await detachResource(deps, request.actor, request.params.id, request.params.resourceId);
      reply.setFlash(t('homework.picker.removed'));
      return reply.redirect(back(request.params.id), 303);
    },
  );
};
