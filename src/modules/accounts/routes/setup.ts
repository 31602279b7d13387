import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import { fieldErrors, InvalidInput } from '../../../kernel/http/errors.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import { SetupForm } from '../schema.js';
import { createInstanceAdmin, openSetup } from '../setup.js';
import { SetupView } from '../views/setup.js';
import { accountsDeps, field, schemaErrors } from './forms.js';

/** First run: creates the instance administrator with the token `preau serve` printed. Gone (404) once done. */
export const setupRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = accountsDeps(app);
  const title = t('accounts.setup.title');

  app.get('/setup', async (request, reply) => {
    await openSetup(deps, request.optionalActor);
    return reply.page({ title, narrow: true }, h(SetupView, { csrfToken: request.csrfToken }));
  });

  app.post('/setup', { schema: { body: SetupForm }, attachValidation: true }, async (request, reply) => {
    const body = request.body;
    const values = { firstName: field(body, 'firstName'), lastName: field(body, 'lastName'), login: field(body, 'login') };
    const render = (errors: FieldErrors) => reply.page({ title, narrow: true, status: 400 }, h(SetupView, { csrfToken: request.csrfToken, values, errors }));
    if (request.validationError) {
      await openSetup(deps, request.optionalActor);
      return render(schemaErrors(request));
    }
    let admin;
    try {
      admin = await createInstanceAdmin(deps, request.optionalActor, {
        ...values,
        token: field(body, 'token'),
        password: field(body, 'password'),
        confirm: field(body, 'confirm'),
        ip: request.ip,
      });
    } catch (error) {
      if (error instanceof InvalidInput) return render(fieldErrors(error) ?? {});
      throw error;
    }
    await app.startSession(request, reply, admin.id, null);
    reply.setFlash(t('accounts.setup.done'));
    return reply.redirect('/', 303);
  });
};
