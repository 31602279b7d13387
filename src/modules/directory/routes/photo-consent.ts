import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { CsrfField, IdParams } from '../../../kernel/http/schemas.js';
import { t } from '../i18n/fr.js';
import { photoConsentOf, setPhotoConsent } from '../photo-consent.js';
import { PhotoConsentPage } from '../views/photo-consent.js';

const ConsentForm = Type.Object({
  ...CsrfField,
  consent: Type.Union([Type.Literal('yes'), Type.Literal('no'), Type.Literal('unknown')], { description: 'Autorisation photo : oui, non, non renseignée.' }),
});

/** The school's managers change a pupil's photo consent; the change is published for the blog. */
export const photoConsentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { db: app.db, clock: app.clock, events: app.events };

  async function render(request: FastifyRequest, reply: FastifyReply, id: string, error?: string) {
    const pupil = await photoConsentOf(deps, request.actor, id);
    return reply.page(
      { title: t('directory.consent.title', pupil.displayName), service: 'directory', status: error ? 400 : 200 },
      h(PhotoConsentPage, { pupil, csrf: request.csrfToken, error }),
    );
  }

  app.get('/directory/people/:id/photo-consent', { schema: { params: IdParams } }, async (request, reply) => render(request, reply, request.params.id));

  app.post('/directory/people/:id/photo-consent', { schema: { params: IdParams, body: ConsentForm }, attachValidation: true }, async (request, reply) => {
    if (request.validationError) return render(request, reply, request.params.id, t('error.validation'));
    const consent = request.body.consent === 'unknown' ? null : request.body.consent === 'yes';
    await setPhotoConsent(deps, request.actor, request.params.id, consent);
    reply.setFlash(t('directory.consent.saved'));
    return reply.redirect(`/directory/people/${request.params.id}`, 303);
  });
};
