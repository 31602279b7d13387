import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import { AppError, fieldErrors } from '../../../kernel/http/errors.js';
import { contentDisposition } from '../../../kernel/storage/names.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import * as service from '../service.js';
import { ClassPage } from '../views/class.js';
import { CodesPage, codesCsv } from '../views/codes.js';
import { PersonForm, PersonPage, type PersonFormValues } from '../views/person.js';
import { DirectoryPage } from '../views/search.js';
import { StructuresPage } from '../views/structures.js';
import { schemaErrors, typedValues } from './forms.js';

const PAGE_SIZE = 25;
const directoryPage = { title: t('directory.title'), service: 'directory' };
const structuresPage = { title: t('directory.structures.title'), service: 'directory' };

/** A field problem of a use case (400) as the form's messages; any other error goes on. */
function formErrorsOf(error: unknown): FieldErrors {
  const errors = error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
  if (!errors) throw error;
  return errors;
}

/** Server-rendered directory pages under /directory, and structures under /admin. */
export const directoryPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { db: app.db, clock: app.clock };

  app.get('/directory', { schema: { querystring: schema.DirectoryQuery } }, async (request, reply) => {
    const query = request.query;
    const page = query.page ?? 1;
    const found = await service.directorySearch(deps, request.actor, {
      q: query.q ?? '',
      profile: query.profile || undefined,
      includeDeactivated: !!query.includeDeactivated,
      page,
      pageSize: PAGE_SIZE,
    });
    return reply.page(
      directoryPage,
      h(DirectoryPage, {
        q: query.q ?? '',
        profile: query.profile ?? '',
        includeDeactivated: !!query.includeDeactivated,
        page,
        pageSize: PAGE_SIZE,
        total: found.total,
        items: found.items,
        classes: found.classes,
        schoolYear: found.schoolYear,
        manager: found.manager,
      }),
    );
  });

  app.get('/directory/classes/:id', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const detail = await service.classDetail(deps, request.actor, request.params.id);
    return reply.page({ ...directoryPage, title: detail.name }, h(ClassPage, { detail }));
  });

  app.get('/directory/classes/:id/codes', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const { detail, sheets } = await service.activationSheets(deps, request.actor, request.params.id);
    return reply.page(
      { ...directoryPage, title: t('directory.codes.title', detail.name) },
      h(CodesPage, { className: detail.name, structureName: detail.structure.name, sheets, publicUrl: app.config.publicUrl }),
    );
  });

  app.get('/directory/classes/:id/codes.csv', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const { detail, sheets } = await service.activationSheets(deps, request.actor, request.params.id);
    const filename = `codes-${detail.name.replace(/[^\p{L}\p{N}_-]+/gu, '_')}.csv`;
    // RFC 6266: the exact name in `filename*` (RFC 5987), an ASCII fallback in `filename`.
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', contentDisposition('attachment', filename))
      .header('cache-control', 'no-store')
      .send(codesCsv(sheets, detail.name));
  });

  async function renderPerson(request: FastifyRequest, reply: FastifyReply, personId: string, errors?: FieldErrors) {
    const actor = request.actor;
    const person = await service.personDetail(deps, actor, personId);
    const [classes, pupils] = person.managed
      ? await Promise.all([service.classChoices(deps, actor), person.profile === 'relative' ? service.pupilChoices(deps, actor) : Promise.resolve([])])
      : [[], []];
    const rolesStructure = service.rolesStructureOf(actor, person);
    return reply.page(
      { ...directoryPage, title: person.displayName, status: errors ? 400 : 200 },
      h(PersonPage, { person, csrf: request.csrfToken, classes, pupils, errors, rolesStructure }),
    );
  }

  async function newPersonForm(request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors?: FieldErrors) {
    const classes = await service.newPersonChoices(deps, request.actor);
    return reply.page(
      { ...directoryPage, title: t('directory.people.new'), status: errors ? 400 : 200 },
      h(PersonForm, { action: '/directory/people', values, errors, csrf: request.csrfToken, classes, creating: true }),
    );
  }

  app.get('/directory/people/new', async (request, reply) => newPersonForm(request, reply, {}));

  app.post('/directory/people', { schema: { body: schema.NewPersonForm }, attachValidation: true }, async (request, reply) => {
    const values = typedValues(request.body);
    if (request.validationError) return newPersonForm(request, reply, values, schemaErrors(request));
    const body = request.body;
    try {
      const person = await service.createPerson(deps, request.actor, service.creationStructureOf(request.actor), {
        ...body,
        firstName: body.firstName ?? '',
        lastName: body.lastName ?? '',
        classId: body.classId || null,
      });
      reply.setFlash(t('directory.people.created', person.login));
      return reply.redirect(`/directory/people/${person.id}`, 303);
    } catch (error) {
      return newPersonForm(request, reply, values, formErrorsOf(error));
    }
  });

  app.get('/directory/people/:id', { schema: { params: schema.IdParams } }, async (request, reply) => renderPerson(request, reply, request.params.id));

  async function editForm(request: FastifyRequest, reply: FastifyReply, id: string, values: PersonFormValues, errors?: FieldErrors) {
    return reply.page(
      { ...directoryPage, title: t('directory.people.edit'), status: errors ? 400 : 200 },
      h(PersonForm, { action: `/directory/people/${id}/edit`, values, errors, csrf: request.csrfToken, classes: [], creating: false }),
    );
  }

  app.get('/directory/people/:id/edit', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const { person } = await service.managedPerson(deps, request.actor, request.params.id);
    return editForm(request, reply, person.id, person);
  });

  app.post(
    '/directory/people/:id/edit',
    { schema: { params: schema.IdParams, body: schema.EditPersonForm }, attachValidation: true },
    async (request, reply) => {
      const id = request.params.id;
      await service.managedPerson(deps, request.actor, id);
      const values = typedValues(request.body);
      if (request.validationError) return editForm(request, reply, id, values, schemaErrors(request));
      const body = request.body;
      try {
        await service.updatePerson(deps, request.actor, id, { ...body, firstName: body.firstName ?? '', lastName: body.lastName ?? '' });
        reply.setFlash(t('directory.people.saved'));
        return reply.redirect(`/directory/people/${id}`, 303);
      } catch (error) {
        return editForm(request, reply, id, values, formErrorsOf(error));
      }
    },
  );

  /** Small actions on a person: each redirects back to the person's page with a message, or shows the page with the error. */
  function action<B extends Record<string, unknown>>(
    path: string,
    body: import('@sinclair/typebox').TSchema,
    run: (request: FastifyRequest, id: string, body: B) => Promise<string>,
  ) {
    app.post(`/directory/people/:id/${path}`, { schema: { params: schema.IdParams, body }, attachValidation: true }, async (request, reply) => {
      const id = request.params.id;
      if (request.validationError) {
        await service.managedPerson(deps, request.actor, id);
        return renderPerson(request, reply, id, schemaErrors(request));
      }
      try {
        reply.setFlash(await run(request, id, request.body as B));
        return reply.redirect(`/directory/people/${id}`, 303);
      } catch (error) {
        return renderPerson(request, reply, id, formErrorsOf(error));
      }
    });
  }

  action(
    'deactivate',
    schema.EmptyForm,
    async (request, id) => (await service.setPersonActive(deps, request.actor, id, false), t('directory.people.deactivatedDone')),
  );
  action(
    'reactivate',
    schema.EmptyForm,
    async (request, id) => (await service.setPersonActive(deps, request.actor, id, true), t('directory.people.reactivatedDone')),
  );
  action<{ classId: string }>(
    'move',
    schema.MoveForm,
    async (request, id, body) => (await service.movePupil(deps, request.actor, id, body.classId), t('directory.people.movedDone')),
  );
  action<{ studentId: string; legalGuardian?: string }>(
    'link',
    schema.LinkForm,
    async (request, id, body) => (await service.linkRelative(deps, request.actor, id, body.studentId, !!body.legalGuardian), t('directory.people.linkedDone')),
  );
  action<{ structureId: string; roles?: ('director' | 'localAdmin')[] }>('roles', schema.RolesForm, async (request, id, body) => {
    await service.setRoles(deps, request.actor, id, body.structureId, body.roles ?? []);
    return t('directory.people.rolesDone');
  });
  action('reset', schema.EmptyForm, async (request, id) => t('directory.people.resetDone', await service.resetAccess(deps, request.actor, id, request.ip)));

  async function structuresForm(request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors?: FieldErrors) {
    const structures = await service.structuresToManage(deps, request.actor);
    return reply.page({ ...structuresPage, status: errors ? 400 : 200 }, h(StructuresPage, { structures, csrf: request.csrfToken, values, errors }));
  }

  app.get('/admin/structures', async (request, reply) => structuresForm(request, reply, { kind: 'school' }));

  app.post('/admin/structures', { schema: { body: schema.StructureForm }, attachValidation: true }, async (request, reply) => {
    const values = typedValues(request.body);
    if (request.validationError) return structuresForm(request, reply, values, schemaErrors(request));
    const body = request.body;
    try {
      await service.createStructure(deps, request.actor, { kind: body.kind, name: body.name ?? '', uai: body.uai, parentId: body.parentId || null });
      reply.setFlash(t('directory.structures.created'));
      return reply.redirect('/admin/structures', 303);
    } catch (error) {
      return structuresForm(request, reply, values, formErrorsOf(error));
    }
  });
};
