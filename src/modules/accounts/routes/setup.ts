import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import { NotFound } from '../../../kernel/authz/index.js';
import { fieldErrors } from '../../../kernel/http/errors.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import { SetupForm } from '../schema.js';
import { createInstanceAdmin, setupOpen } from '../setup.js';
import { SetupView } from '../views/setup.js';
import { field, schemaErrors } from './forms.js';

/** First run: creates the instance administrator with the token `preau serve` printed. Gone once done. */
export const setupRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const title = t('accounts.setup.title');

  app.get('/setup', async (request, reply) => {
    if (!(await setupOpen(app.db))) throw new NotFound();
    return reply.page({ title, narrow: true }, h(SetupView, { csrfToken: request.csrfToken }));
  });

  app.post('/setup', { schema: { body: SetupForm }, attachValidation: true }, async (request, reply) => {
    if (!(await setupOpen(app.db))) throw new NotFound();
    const body = request.body;
    const values = { firstName: field(body, 'firstName'), lastName: field(body, 'lastName'), login: field(body, 'login') };
    const render = (errors: FieldErrors) => reply.page({ title, narrow: true, status: 400 }, h(SetupView, { csrfToken: request.csrfToken, values, errors }));
    if (request.validationError) return render(schemaErrors(request));
    let admin;
    try {
      admin = await createInstanceAdmin(app.db, {
        ...values,
        token: field(body, 'token'),
        password: field(body, 'password'),
        confirm: field(body, 'confirm'),
        ip: request.ip,
      });
    } catch (error) {
      const errors = error instanceof NotFound ? null : fieldErrors(error);
      if (errors) return render(errors);
      throw error;
    }
    await app.startSession(request, reply, admin.id, null);
    reply.setFlash(t('accounts.setup.done'));
    return reply.redirect('/', 303);
  });
};
