import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { fieldErrors } from '../../../kernel/http/errors.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { withLocale } from '../../../kernel/i18n/index.js';
import { t } from '../i18n/fr.js';
import { t as tl } from '../i18n/language.js';
import { saveLanguage } from '../language.js';
import * as schema from '../schema.js';
import * as service from '../service.js';
import { parseSettings, type ReadingSettings } from '../settings.js';
import { ClassPage } from '../views/class.js';
import type { LanguageFormProps } from '../views/language.js';
import { SettingsPage } from '../views/settings.js';

const page = { service: 'accounts' };

/** Re-renders a form with its messages when the use case refused the input; anything else is thrown on. */
function refused(error: unknown): FieldErrors {
  const errors = fieldErrors(error);
  if (!errors || (error as { statusCode?: number }).statusCode !== 400) throw error;
  return errors;
}

/** The reading settings pages: one's own settings, and the defaults of the classes one may set. */
export const readingPages: FastifyPluginAsyncTypebox<service.Deps> = async (app, deps) => {
  const showSettings = async (request: FastifyRequest, reply: FastifyReply, typed?: ReadingSettings, errors?: FieldErrors, language?: LanguageFormProps) => {
    const [current, classes] = await Promise.all([service.effectiveSettings(deps, request.actor.personId), service.classesOf(deps, request.actor)]);
    return reply.page(
      { ...page, title: t('reading.title'), status: errors || language?.error ? 400 : 200 },
      h(SettingsPage, {
        csrf: request.csrfToken,
        current,
        values: typed ?? current.settings,
        errors,
        classes,
        language: language ?? { csrf: request.csrfToken, value: request.locale },
      }),
    );
  };

  app.get('/reading', { config: { personal: true }, schema: { querystring: schema.EmptyQuery } }, async (request, reply) => showSettings(request, reply));

  app.post('/reading', { config: { personal: true }, schema: { body: schema.SettingsForm } }, async (request, reply) => {
    try {
      await service.saveOwn(deps, request.actor, request.body);
    } catch (error) {
      return showSettings(request, reply, parseSettings(request.body).settings, refused(error));
    }
    reply.setFlash(t('reading.saved'));
    return reply.redirect('/reading', 303);
  });

  app.post('/reading/reset', { config: { personal: true }, schema: { body: schema.CsrfForm } }, async (request, reply) => {
    await service.resetOwn(deps, request.actor);
    reply.setFlash(t('reading.resetDone'));
    return reply.redirect('/reading', 303);
  });

  app.post('/reading/language', { config: { personal: true }, schema: { body: schema.LanguageForm } }, async (request, reply) => {
    let locale;
    try {
      locale = await saveLanguage(deps, request.actor, request.body);
    } catch (error) {
      const errors = refused(error);
      return showSettings(request, reply, undefined, undefined, { csrf: request.csrfToken, value: String(request.body.locale ?? ''), error: errors.locale });
    }
    // Said in the language just chosen, as the next page will be.
    reply.setFlash(withLocale(locale, () => tl('reading.language.saved')));
    return reply.redirect('/reading#language', 303);
  });

  app.get('/reading/classes/:id', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const view = await service.classView(deps, request.actor, request.params.id);
    return reply.page({ ...page, title: t('reading.class.title', view.name) }, h(ClassPage, { csrf: request.csrfToken, view }));
  });

  app.post('/reading/classes/:id', { schema: { params: schema.IdParams, body: schema.SettingsForm } }, async (request, reply) => {
    const view = await service.classView(deps, request.actor, request.params.id);
    try {
      await service.saveClass(deps, request.actor, request.params.id, request.body);
    } catch (error) {
      const errors = refused(error);
      const values = parseSettings(request.body).settings;
      return reply.page({ ...page, title: t('reading.class.title', view.name), status: 400 }, h(ClassPage, { csrf: request.csrfToken, view, values, errors }));
    }
    reply.setFlash(t('reading.class.saved'));
    return reply.redirect(`/reading/classes/${view.groupId}`, 303);
  });

  app.post('/reading/classes/:id/clear', { schema: { params: schema.IdParams, body: schema.CsrfForm } }, async (request, reply) => {
    await service.clearClass(deps, request.actor, request.params.id);
    reply.setFlash(t('reading.class.cleared'));
    return reply.redirect(`/reading/classes/${request.params.id}`, 303);
  });
};
