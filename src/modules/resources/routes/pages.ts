import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { InvalidInput } from '../../../kernel/http/errors.js';
import { personGroups, schoolYearOf } from '../../directory/index.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import { can } from '../../../kernel/authz/index.js';
import * as budgets from '../service/budgets.js';
import * as catalogue from '../service/catalogue.js';
import * as links from '../service/links.js';
import { CataloguePage } from '../views/catalogue.js';
import { EditLinkPage, LinksPage, type LinkFormValues } from '../views/links.js';
import { resourcesDeps, schemaFieldErrors } from './deps.js';

const page = { title: t('resources.title'), service: 'resources' };

/** What the person typed, to fill the form again. */
const typedValues = (raw: Partial<schema.LinkForm>): LinkFormValues => ({
  title: raw.title,
  url: raw.url,
  description: raw.description,
  levels: raw.levels,
  subjects: raw.subjects,
  theme: raw.theme,
  tags: raw.tags,
  groupIds: raw.groupIds,
  sharedWithSchool: !!raw.sharedWithSchool,
});

const linkBody = (input: schema.LinkForm): schema.LinkBody => ({
  title: input.title,
  url: input.url,
  description: input.description,
  levels: input.levels,
  subjects: words(input.subjects).slice(0, 10),
  theme: input.theme,
  tags: words(input.tags).slice(0, 10),
  groupIds: input.groupIds,
  sharedWithSchool: !!input.sharedWithSchool,
});

const problems = (error: InvalidInput) => Object.fromEntries(error.problems.map((p) => [p.field, p.message]));
const words = (s: string | undefined) =>
  (s ?? '')
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);

/** The links page (everyone's classes' links, the teacher's own and colleagues'), the catalogue, and opening a resource. */
export const resourcesPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = resourcesDeps(app);

  const teacherGroups = async (personId: string, profile: string) =>
    profile === 'teacher'
      ? (await personGroups(app.db, personId, schoolYearOf(app.clock.now()))).filter((g) => g.role === 'teacher').map((g) => ({ id: g.id, name: g.name }))
      : [];

  const render = async (
    request: { actor: Parameters<typeof links.listLinks>[1]; csrfToken: string },
    scope: 'all' | 'mine' | 'school',
    extra: { values?: LinkFormValues; errors?: Record<string, string>; status?: number } = {},
  ) => {
    const actor = request.actor;
    const [list, groups, more] = await Promise.all([links.listLinks(deps, actor, scope), teacherGroups(actor.personId, actor.profile), moreLinks(actor)]);
    return {
      meta: { ...page, title: t('resources.links.title'), ...(extra.status ? { status: extra.status } : {}) },
      body: h(LinksPage, {
        csrf: request.csrfToken,
        links: list,
        teacher: actor.profile === 'teacher',
        scope,
        groups,
        values: extra.values,
        errors: extra.errors,
        more,
      }),
    };
  };

  /** Budgets for who sets them; the active school's basket and licences for who has them. */
  async function moreLinks(actor: Parameters<typeof links.listLinks>[1]) {
    const more: { href: string; label: string }[] = [];
    if (can(actor, 'resources.budgets.open', {})) more.push({ href: '/resources/budgets', label: t('resources.budgets.title') });
    const school = actor.activeStructureId;
    if (school && (await budgets.canOnSchool(deps, actor, 'resources.basket.read', school)))
      more.push({ href: `/resources/schools/${school}/basket`, label: t('resources.basket.nav') });
    if (school && (await budgets.canOnSchool(deps, actor, 'resources.licence.manage', school)))
      more.push({ href: `/resources/schools/${school}/licences`, label: t('resources.licences.nav') });
    return more;
  }

  app.get('/resources', { config: { personal: true } }, async (_request, reply) => reply.redirect('/resources/links', 303));

  app.get('/resources/links', { config: { personal: true }, schema: { querystring: schema.LinkQuery } }, async (request, reply) => {
    const { meta, body } = await render(request, request.query.scope ?? 'all');
    return reply.page(meta, body);
  });

  app.post('/resources/links', { schema: { body: schema.LinkForm }, attachValidation: true }, async (request, reply) => {
    const values = typedValues((request.body ?? {}) as Partial<schema.LinkForm>);
    if (request.validationError) {
      // Someone who may not add links is refused as the API would refuse them.
      if (request.actor.profile !== 'teacher') await links.createLink(deps, request.actor, { title: '', url: '' });
      const { meta, body } = await render(request, 'all', { values, errors: schemaFieldErrors(request), status: 400 });
      return reply.page(meta, body);
    }
    try {
      await links.createLink(deps, request.actor, linkBody(request.body));
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      const { meta, body } = await render(request, 'all', { values, errors: problems(error), status: 400 });
      return reply.page(meta, body);
    }
    reply.setFlash(t('resources.links.saved'));
    return reply.redirect('/resources/links?scope=mine', 303);
  });

  const renderEdit = async (
    request: { actor: Parameters<typeof links.listLinks>[1]; csrfToken: string },
    id: string,
    extra: { values?: LinkFormValues; errors?: Record<string, string>; status?: number } = {},
  ) => {
    const [link, groups] = await Promise.all([links.editableLink(deps, request.actor, id), teacherGroups(request.actor.personId, request.actor.profile)]);
    return {
      meta: { ...page, title: t('resources.form.editTitle'), ...(extra.status ? { status: extra.status } : {}) },
      body: h(EditLinkPage, { csrf: request.csrfToken, link, groups, values: extra.values, errors: extra.errors }),
    };
  };

  app.get('/resources/links/:id/edit', { config: { personal: true }, schema: { params: schema.IdParams } }, async (request, reply) => {
    const { meta, body } = await renderEdit(request, request.params.id);
    return reply.page(meta, body);
  });

  app.post('/resources/links/:id', { schema: { params: schema.IdParams, body: schema.LinkForm }, attachValidation: true }, async (request, reply) => {
    const id = request.params.id;
    if (request.validationError) {
      // The owner's form comes back with its messages; anyone else gets the 404 of the rule.
      const { meta, body } = await renderEdit(request, id, {
        values: typedValues((request.body ?? {}) as Partial<schema.LinkForm>),
        errors: schemaFieldErrors(request),
        status: 400,
      });
      return reply.page(meta, body);
    }
    try {
      await links.updateLink(deps, request.actor, id, linkBody(request.body));
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      const { meta, body } = await renderEdit(request, id, { values: typedValues(request.body), errors: problems(error), status: 400 });
      return reply.page(meta, body);
    }
    reply.setFlash(t('resources.links.updated'));
    return reply.redirect('/resources/links?scope=mine', 303);
  });

  app.post('/resources/links/:id/copy', { schema: { params: schema.IdParams, body: schema.CsrfOnly } }, async (request, reply) => {
    await links.copyLink(deps, request.actor, request.params.id);
    reply.setFlash(t('resources.links.copied'));
    return reply.redirect('/resources/links?scope=mine', 303);
  });

  app.post('/resources/links/:id/delete', { schema: { params: schema.IdParams, body: schema.CsrfOnly } }, async (request, reply) => {
    await links.deleteLink(deps, request.actor, request.params.id);
    reply.setFlash(t('resources.links.deleted'));
    return reply.redirect('/resources/links?scope=mine', 303);
  });

  app.get('/resources/catalogue', { config: { personal: true }, schema: { querystring: schema.CatalogueQuery } }, async (request, reply) => {
    const result = await catalogue.searchCatalogue(deps, request.actor, request.query);
    const school = request.actor.activeStructureId;
    const [propose, licence] = school
      ? await Promise.all([
          budgets.canOnSchool(deps, request.actor, 'resources.basket.propose', school),
          budgets.canOnSchool(deps, request.actor, 'resources.licence.manage', school),
        ])
      : [false, false];
    return reply.page(
      { ...page, title: t('resources.catalogue.title') },
      h(CataloguePage, { q: request.query, result, basketSchoolId: propose ? school : null, licenceSchoolId: licence ? school : null }),
    );
  });

  app.get('/resources/:id/open', { schema: { params: schema.IdParams, response: { 302: Type.Null() } } }, async (request, reply) => {
    const url = await catalogue.openResource(deps, request.actor, request.params.id);
    return reply.redirect(url, 302);
  });
};
