import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { requireUser } from '../../../kernel/auth/plugin.js';
import { Forbidden, NotFound, type Actor, type Profile } from '../../../kernel/authz/index.js';
import { AppError, fieldErrors } from '../../../kernel/http/errors.js';
import { t } from '../i18n/fr.js';
import { canBrowseDirectory, canCreateStructures, managedStructureId } from '../policy.js';
import * as repo from '../repository.js';
import { schoolYearOf } from '../school-year.js';
import * as service from '../service.js';
import { ClassPage } from '../views/class.js';
import { CodesPage, codesCsv } from '../views/codes.js';
import { PROFILES } from '../views/labels.js';
import { PersonForm, PersonPage, type PersonFormValues } from '../views/person.js';
import { DirectoryPage } from '../views/search.js';
import { StructuresPage, type StructureFormValues } from '../views/structures.js';

type Form = Record<string, string | undefined>;
type IdReq = FastifyRequest<{ Params: { id: string } }>;

const PAGE_SIZE = 25;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function idParam(request: IdReq): string {
  if (!UUID.test(request.params.id)) throw new NotFound();
  return request.params.id;
}

const directoryPage = { title: t('directory.title'), service: 'directory' };

/** Server-rendered directory pages under /directory, and structures under /admin. */
export const directoryPages: FastifyPluginAsync = async (app) => {
  const db = app.db;
  app.addHook('preHandler', requireUser);

  async function classOptions(actor: Actor) {
    const structureId = managedStructureId(actor);
    if (!structureId) return [];
    return (await repo.listGroups(db, structureId, schoolYearOf(), 'class')).map((g) => ({ id: g.id, name: g.name }));
  }

  app.get('/directory', async (request: FastifyRequest<{ Querystring: Form }>, reply) => {
    const actor = request.actor!;
    if (!canBrowseDirectory(actor)) throw new Forbidden();
    const query = request.query;
    const page = Math.min(Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1), 10_000);
    const profile = PROFILES.includes(query.profile as Profile) ? (query.profile as Profile) : undefined;
    const manager = !!managedStructureId(actor);
    const year = schoolYearOf();
    const [result, classes] = await Promise.all([
      repo.searchPeople(db, actor, {
        q: (query.q ?? '').slice(0, 100),
        profile,
        structureId: actor.activeStructureId ?? undefined,
        includeDeactivated: manager && query.includeDeactivated === 'on',
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
        year,
      }),
      actor.activeStructureId ? service.classesOf(db, actor, actor.activeStructureId, year) : Promise.resolve([]),
    ]);
    return reply.page(
      directoryPage,
      h(DirectoryPage, {
        q: query.q ?? '',
        profile: profile ?? '',
        includeDeactivated: query.includeDeactivated === 'on',
        page,
        pageSize: PAGE_SIZE,
        total: result.total,
        items: result.items,
        classes,
        schoolYear: year,
        manager,
      }),
    );
  });

  app.get('/directory/classes/:id', async (request: IdReq, reply) => {
    const detail = await service.classDetail(db, request.actor!, idParam(request));
    return reply.page({ ...directoryPage, title: detail.name }, h(ClassPage, { detail }));
  });

  app.get('/directory/classes/:id/codes', async (request: IdReq, reply) => {
    const { detail, sheets } = await service.activationSheets(db, request.actor!, idParam(request));
    return reply.page(
      { ...directoryPage, title: t('directory.codes.title', detail.name) },
      h(CodesPage, { className: detail.name, structureName: detail.structure.name, sheets, publicUrl: app.config.publicUrl }),
    );
  });

  app.get('/directory/classes/:id/codes.csv', async (request: IdReq, reply) => {
    const { detail, sheets } = await service.activationSheets(db, request.actor!, idParam(request));
    const filename = `codes-${detail.name.replace(/[^\p{L}\p{N}_-]+/gu, '_')}.csv`;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${encodeURIComponent(filename)}"`)
      .header('cache-control', 'no-store')
      .send(codesCsv(sheets, detail.name));
  });

  async function renderPerson(request: FastifyRequest, reply: FastifyReply, personId: string, errors?: Record<string, string>) {
    const actor = request.actor!;
    const person = await service.personDetail(db, actor, personId, schoolYearOf());
    let classes: { id: string; name: string }[] = [];
    let pupils: { id: string; label: string; className: string }[] = [];
    if (person.managed) {
      classes = await classOptions(actor);
      if (person.profile === 'relative') pupils = await pupilOptions(actor);
    }
    const managedHere = managedStructureId(actor);
    const membership = person.structures.find((s) => s.id === managedHere);
    const rolesStructure =
      person.managed && membership && person.id !== actor.personId ? { id: membership.id, name: membership.name, roles: membership.roles } : null;
    return reply.page(
      { ...directoryPage, title: person.displayName, status: errors ? 400 : 200 },
      h(PersonPage, { person, csrf: request.csrfToken, classes, pupils, errors, rolesStructure }),
    );
  }

  async function pupilOptions(actor: Actor) {
    const structureId = managedStructureId(actor);
    return structureId ? repo.pupilsByClass(db, structureId, schoolYearOf()) : [];
  }

  app.get('/directory/people/new', async (request, reply) => {
    const actor = request.actor!;
    if (!managedStructureId(actor)) throw new Forbidden();
    return reply.page(
      { ...directoryPage, title: t('directory.people.new') },
      h(PersonForm, {
        action: '/directory/people',
        values: { profile: 'student' },
        csrf: request.csrfToken,
        classes: await classOptions(actor),
        creating: true,
      }),
    );
  });

  app.post('/directory/people', async (request: FastifyRequest<{ Body: Form }>, reply) => {
    const actor = request.actor!;
    const body = request.body ?? {};
    const values: PersonFormValues = { ...body };
    try {
      if (!PROFILES.includes(body.profile as Profile)) throw new AppError(400, 'validation', t('error.validation'));
      const person = await service.createPerson(db, actor, managedStructureId(actor), {
        profile: body.profile as Profile,
        civility: body.civility,
        firstName: body.firstName ?? '',
        lastName: body.lastName ?? '',
        usageName: body.usageName,
        birthDate: body.birthDate,
        email: body.email,
        phone: body.phone,
        classId: body.classId || null,
      });
      reply.setFlash(t('directory.people.created', person.login));
      return reply.redirect(`/directory/people/${person.id}`, 303);
    } catch (error) {
      const errors = error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
      if (!errors) throw error;
      return reply.page(
        { ...directoryPage, title: t('directory.people.new'), status: 400 },
        h(PersonForm, { action: '/directory/people', values, errors, csrf: request.csrfToken, classes: await classOptions(actor), creating: true }),
      );
    }
  });

  app.get('/directory/people/:id', async (request: IdReq, reply) => renderPerson(request, reply, idParam(request)));

  app.get('/directory/people/:id/edit', async (request: IdReq, reply) => {
    const { person } = await service.managedPerson(db, request.actor!, idParam(request));
    return reply.page(
      { ...directoryPage, title: t('directory.people.edit') },
      h(PersonForm, { action: `/directory/people/${person.id}/edit`, values: person, csrf: request.csrfToken, classes: [], creating: false }),
    );
  });

  app.post('/directory/people/:id/edit', async (request: FastifyRequest<{ Params: { id: string }; Body: Form }>, reply) => {
    const id = idParam(request);
    const body = request.body ?? {};
    try {
      await service.updatePerson(db, request.actor!, id, {
        civility: body.civility,
        firstName: body.firstName ?? '',
        lastName: body.lastName ?? '',
        usageName: body.usageName,
        birthDate: body.birthDate,
        email: body.email,
        phone: body.phone,
      });
      reply.setFlash(t('directory.people.saved'));
      return reply.redirect(`/directory/people/${id}`, 303);
    } catch (error) {
      const errors = error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
      if (!errors) throw error;
      return reply.page(
        { ...directoryPage, title: t('directory.people.edit'), status: 400 },
        h(PersonForm, { action: `/directory/people/${id}/edit`, values: { ...body }, errors, csrf: request.csrfToken, classes: [], creating: false }),
      );
    }
  });

  /** Small actions on a person: each redirects back to the person's page with a message, or shows the page with the error. */
  const action = (path: string, run: (actor: Actor, id: string, body: Form, request: FastifyRequest) => Promise<string>) =>
    app.post(`/directory/people/:id/${path}`, async (request: FastifyRequest<{ Params: { id: string }; Body: Form }>, reply) => {
      const id = idParam(request);
      try {
        reply.setFlash(await run(request.actor!, id, request.body ?? {}, request));
        return reply.redirect(`/directory/people/${id}`, 303);
      } catch (error) {
        const errors = error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
        if (!errors) throw error;
        return renderPerson(request, reply, id, errors);
      }
    });

  action('deactivate', async (actor, id) => (await service.setPersonActive(db, actor, id, false), t('directory.people.deactivatedDone')));
  action('reactivate', async (actor, id) => (await service.setPersonActive(db, actor, id, true), t('directory.people.reactivatedDone')));
  action('move', async (actor, id, body) => (await service.movePupil(db, actor, id, body.classId ?? ''), t('directory.people.movedDone')));
  action(
    'link',
    async (actor, id, body) => (await service.linkRelative(db, actor, id, body.studentId ?? '', body.legalGuardian === 'on'), t('directory.people.linkedDone')),
  );
  action('roles', async (actor, id, body) => {
    const raw = (body as Record<string, string | string[] | undefined>).roles;
    const roles = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter((r): r is 'director' | 'localAdmin' => r === 'director' || r === 'localAdmin');
    await service.setRoles(db, actor, id, body.structureId ?? '', roles);
    return t('directory.people.rolesDone');
  });
  action('reset', async (actor, id, _body, request) => t('directory.people.resetDone', await service.resetAccess(db, actor, id, request.ip)));

  app.get('/admin/structures', async (request, reply) => {
    const actor = request.actor!;
    if (!canCreateStructures(actor)) throw new Forbidden();
    const structures = await service.structuresFor(db, actor);
    return reply.page(
      { title: t('directory.structures.title'), service: 'directory' },
      h(StructuresPage, { structures, csrf: request.csrfToken, values: { kind: 'school' } }),
    );
  });

  app.post('/admin/structures', async (request: FastifyRequest<{ Body: Form }>, reply) => {
    const actor = request.actor!;
    const body = request.body ?? {};
    const values: StructureFormValues = { ...body };
    try {
      const kind = ['school', 'college', 'lycee', 'municipality'].includes(body.kind ?? '') ? (body.kind as 'school') : null;
      if (!kind) throw new AppError(400, 'validation', t('error.validation'));
      await service.createStructure(db, actor, { kind, name: body.name ?? '', uai: body.uai, parentId: body.parentId || null });
      reply.setFlash(t('directory.structures.created'));
      return reply.redirect('/admin/structures', 303);
    } catch (error) {
      const errors = error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
      if (!errors) throw error;
      const structures = await service.structuresFor(db, actor);
      return reply.page(
        { title: t('directory.structures.title'), service: 'directory', status: 400 },
        h(StructuresPage, { structures, csrf: request.csrfToken, values, errors }),
      );
    }
  });
};
