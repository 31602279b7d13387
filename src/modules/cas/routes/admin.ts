import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { InvalidInput } from '../../../kernel/http/errors.js';
import { errorResponses } from '../../../kernel/http/schemas.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import { EmptyQuery, ServiceBody, ServiceForm, ServiceList, ServiceOut } from '../schema.js';
import type { CasDeps } from '../service/deps.js';
import { listServices, registerService } from '../service/services.js';
import { CasAdminPage, emptyServiceForm, type ServiceFormValues } from '../views/admin.js';

const tags = ['cas'];

const text = (body: unknown, name: string) => {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
};

/** What the person typed, whatever the schema said of it, so the form comes back whole. */
function typed(body: unknown): ServiceFormValues {
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>).attributes : undefined;
  const attributes = [raw ?? []].flat().filter((v): v is string => typeof v === 'string');
  return { name: text(body, 'name'), urlPattern: text(body, 'urlPattern'), attributes, trusted: !!text(body, 'trusted'), proxy: !!text(body, 'proxy') };
}

/** The instance administrator's page and JSON API for registering partner services. */
export const casAdmin: FastifyPluginAsyncTypebox<CasDeps> = async (app, deps) => {
  const page = async (request: FastifyRequest, reply: FastifyReply, status: number, values: ServiceFormValues, errors?: FieldErrors) => {
    const services = await listServices(deps, request.actor);
    return reply.page(
      { title: t('cas.admin.title'), service: 'directory', status },
      h(CasAdminPage, { services, csrf: request.csrfToken, base: app.config.publicUrl, values, errors }),
    );
  };

  app.get('/admin/cas', { schema: { querystring: EmptyQuery } }, async (request, reply) => page(request, reply, 200, emptyServiceForm));

  app.post('/admin/cas/services', { schema: { body: ServiceForm }, attachValidation: true }, async (request, reply) => {
    const values = typed(request.body);
    // Asked first, so that a refused person learns nothing from the form's checks.
    await listServices(deps, request.actor);
    if (request.validationError) {
      const errors: FieldErrors = {};
      for (const problem of request.validationError.validation ?? []) {
        const name = problem.instancePath.replace(/^\//, '').split('/')[0];
        if (name && !(name in errors)) errors[name] = t('cas.error.field');
      }
      return page(request, reply, 400, values, Object.keys(errors).length ? errors : { _form: t('error.validation') });
    }
    const result = await registerService(deps, request.actor, values, request.ip);
    if (!result.ok) return page(request, reply, 400, values, result.errors);
    reply.setFlash(t('cas.admin.added', result.service.name));
    return reply.redirect('/admin/cas', 303);
  });

  app.get(
    '/api/cas/services',
    { schema: { summary: 'Les services partenaires CAS enregistrés', tags, querystring: EmptyQuery, response: { 200: ServiceList, ...errorResponses } } },
    async (request) => ({ items: await listServices(deps, request.actor) }),
  );

  app.post(
    '/api/cas/services',
    { schema: { summary: 'Enregistrer un service partenaire CAS', tags, body: ServiceBody, response: { 201: ServiceOut, ...errorResponses } } },
    async (request, reply) => {
      const result = await registerService(deps, request.actor, request.body, request.ip);
      if (!result.ok) throw new InvalidInput(Object.entries(result.errors).map(([field, message]) => ({ field, message })));
      return reply.code(201).send(result.service);
    },
  );
};
