import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import { requireUser } from '../../../kernel/auth/plugin.js';
import { t } from '../i18n/fr.js';
import { charterAcceptedAt } from '../repository.js';
import { CharterForm, NextQuery } from '../schema.js';
import { acceptCharter } from '../service.js';
import { CharterView } from '../views/charter.js';
import { field, safeNext } from './forms.js';

/** The usage charter: readable by anyone, accepted once by each person (see the guard in index.ts). */
export const charterRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const title = t('accounts.charter.title');

  app.get('/charter', { schema: { querystring: NextQuery }, attachValidation: true }, async (request, reply) => {
    const actor = request.optionalActor;
    if (!actor) return reply.page({ title, narrow: true }, h(CharterView, { csrfToken: request.csrfToken, mode: 'read' }));
    const next = request.validationError ? null : safeNext(request.query.next);
    if (actor.charterAccepted) {
      const acceptedAt = await charterAcceptedAt(app.db, actor.personId);
      return reply.page({ title, narrow: true }, h(CharterView, { csrfToken: request.csrfToken, mode: 'accepted', acceptedAt }));
    }
    return reply.page({ title, narrow: true }, h(CharterView, { csrfToken: request.csrfToken, mode: 'accept', next }));
  });

  app.post('/charter', { schema: { body: CharterForm }, attachValidation: true, preHandler: requireUser }, async (request, reply) => {
    const actor = request.actor!;
    const next = safeNext(field(request.body, 'next'));
    if (!field(request.body, 'accept')) {
      return reply.page(
        { title, narrow: true, status: 400 },
        h(CharterView, { csrfToken: request.csrfToken, mode: 'accept', next, error: t('accounts.charter.required') }),
      );
    }
    await acceptCharter(app.db, actor.personId, request.ip);
    if (!actor.charterAccepted) reply.setFlash(t('accounts.charter.welcome'));
    return reply.redirect(next ?? '/', 303);
  });
};
