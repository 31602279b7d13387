import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import { t } from '../i18n/fr.js';
import { CharterForm, NextQuery } from '../schema.js';
import { acceptCharter, charterAcceptedAt } from '../service.js';
import { CharterView } from '../views/charter.js';
import { accountsDeps, field, safeNext, schemaErrors } from './forms.js';

const title = t('accounts.charter.title');

/** The usage charter, readable by anyone: a stranger reads it, a pending person gets its form. */
export const charterPage: FastifyPluginAsyncTypebox = async (app) => {
  const deps = accountsDeps(app);

  app.get('/charter', { schema: { querystring: NextQuery }, attachValidation: true }, async (request, reply) => {
    const actor = request.optionalActor;
    if (!actor) return reply.page({ title, narrow: true }, h(CharterView, { csrfToken: request.csrfToken, mode: 'read' }));
    const next = request.validationError ? null : safeNext(request.query.next);
    if (actor.charterAccepted) {
      const acceptedAt = await charterAcceptedAt(deps, actor);
      return reply.page({ title, narrow: true }, h(CharterView, { csrfToken: request.csrfToken, mode: 'accepted', acceptedAt }));
    }
    return reply.page({ title, narrow: true }, h(CharterView, { csrfToken: request.csrfToken, mode: 'accept', next }));
  });
};

/** Accepting the charter: the signed-in person's own, reachable while it is still pending. */
export const charterAcceptance: FastifyPluginAsyncTypebox = async (app) => {
  const deps = accountsDeps(app);

  app.post('/charter', { schema: { body: CharterForm }, attachValidation: true, config: { beforeCharter: true, personal: true } }, async (request, reply) => {
    const actor = request.actor;
    const next = safeNext(field(request.body, 'next'));
    const refuse = (error: string) =>
      reply.page({ title, narrow: true, status: 400 }, h(CharterView, { csrfToken: request.csrfToken, mode: 'accept', next, error }));
    if (request.validationError) return refuse(Object.values(schemaErrors(request))[0] ?? t('error.validation'));
    if (!field(request.body, 'accept')) return refuse(t('accounts.charter.required'));
    await acceptCharter(deps, actor, { ip: request.ip });
    if (!actor.charterAccepted) reply.setFlash(t('accounts.charter.welcome'));
    return reply.redirect(next ?? '/', 303);
  });
};
