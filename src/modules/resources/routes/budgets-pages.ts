import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import type { Actor } from '../../../kernel/authz/index.js';
import { AppError, InvalidInput } from '../../../kernel/http/errors.js';
import { schoolYearOf } from '../../directory/index.js';
import * as catalogue from '../catalogue-repository.js';
import { t } from '../i18n/fr.js';
import { LEVELS, type Level } from '../schema.js';
import * as schema from '../schema.js';
import * as budgets from '../service/budgets.js';
import * as licences from '../service/licences.js';
import { BasketPage, BudgetsPage, LicencesPage, type BasketFormValues, type LicenceFormValues } from '../views/basket.js';
import { resourcesDeps, schemaFieldErrors } from './deps.js';

const page = { title: t('resources.basket.title'), service: 'resources' };
type Req = { actor: Actor; csrfToken: string };
type Extra<V> = { values?: V; errors?: Record<string, string>; status?: number };

/** `12,50`, `1 500`, `1500.5 €` → cents; null when it is not an amount. */
export function euroCents(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 100);
}

/** `group:<id>` or `level:<niveau>` from the form's select. */
function target(value: string): { groupId?: string; level?: Level } | null {
  const [kind, rest = ''] = value.split(':', 2);
  if (kind === 'group' && /^[0-9a-f-]{36}$/i.test(rest)) return { groupId: rest };
  if (kind === 'level' && (LEVELS as readonly string[]).includes(rest)) return { level: rest as Level };
  return null;
}

/** Field problems as the form's fields: the JSON names of the service become the form's. */
const formErrors = (error: InvalidInput, names: Record<string, string>) =>
  Object.fromEntries(error.problems.map((p) => [names[p.field] ?? p.field, p.message]));

/** Budgets (académie, municipalities), a school's basket (teachers, director) and its licences (direction). */
export const resourcesBudgetsPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = resourcesDeps(app);

  const renderBudgets = async (request: Req, extra: Extra<never> = {}) => ({
    meta: { ...page, title: t('resources.budgets.title'), ...(extra.status ? { status: extra.status } : {}) },
    body: h(BudgetsPage, {
      csrf: request.csrfToken,
      year: schoolYearOf(app.clock.now()),
      schools: await budgets.listFundedSchools(deps, request.actor),
      errors: extra.errors,
    }),
  });

  app.get('/resources/budgets', { config: { personal: true } }, async (request, reply) => {
    const { meta, body } = await renderBudgets(request);
    return reply.page(meta, body);
  });

  app.post(
    '/resources/schools/:id/budget',
    { schema: { params: schema.IdParams, body: schema.BudgetForm }, attachValidation: true },
    async (request, reply) => {
      await budgets.authorizeSchool(deps, request.actor, 'resources.budget.set', request.params.id);
      const cents = request.validationError ? null : euroCents(request.body.amount);
      try {
        if (cents === null || cents > 100_000_000) throw new InvalidInput([{ field: 'amount', message: t('resources.error.amount') }]);
        await budgets.setBudget(deps, request.actor, request.params.id, cents);
      } catch (error) {
        if (!(error instanceof AppError) || (error.statusCode !== 400 && error.statusCode !== 409)) throw error;
        const { meta, body } = await renderBudgets(request, { errors: { _form: error.message }, status: error.statusCode });
        return reply.page(meta, body);
      }
      reply.setFlash(t('resources.budgets.saved'));
      return reply.redirect('/resources/budgets', 303);
    },
  );

  app.get('/resources/basket', { config: { personal: true } }, async (request, reply) => {
    const school = request.actor.activeStructureId;
    return reply.redirect(school ? `/resources/schools/${school}/basket` : '/resources/links', 303);
  });

  const renderBasket = async (request: Req, id: string, resourceId: string | undefined, extra: Extra<BasketFormValues> = {}) => {
    const actor = request.actor;
    const basket = await budgets.readBasket(deps, actor, id);
    const school = (await budgets.schoolOf(deps, id))!;
    const [decide, exportable, licencesToo, propose] = await Promise.all([
      budgets.canOnSchool(deps, actor, 'resources.basket.decide', id),
      budgets.canOnSchool(deps, actor, 'resources.basket.export', id),
      budgets.canOnSchool(deps, actor, 'resources.licence.manage', id),
      budgets.canOnSchool(deps, actor, 'resources.basket.propose', id),
    ]);
    const resource = resourceId ? await catalogue.findResource(app.db, resourceId) : undefined;
    return {
      meta: { ...page, title: `${t('resources.basket.title')} — ${school.name}`, ...(extra.status ? { status: extra.status } : {}) },
      body: h(BasketPage, {
        csrf: request.csrfToken,
        school: { id, name: school.name },
        basket,
        decide,
        exportable,
        licences: licencesToo,
        propose: propose ? { classes: await budgets.classesOf(deps, id), resource: resource ? { id: resource.id, title: resource.title } : null } : null,
        values: extra.values,
        errors: extra.errors,
      }),
    };
  };

  app.get(
    '/resources/schools/:id/basket',
    { config: { personal: true }, schema: { params: schema.IdParams, querystring: schema.BasketPageQuery } },
    async (request, reply) => {
      const { meta, body } = await renderBasket(request, request.params.id, request.query.resourceId);
      return reply.page(meta, body);
    },
  );

  app.post(
    '/resources/schools/:id/basket',
    { schema: { params: schema.IdParams, body: schema.BasketLineForm }, attachValidation: true },
    async (request, reply) => {
      const id = request.params.id;
      await budgets.authorizeSchool(deps, request.actor, 'resources.basket.propose', id);
      const raw = (request.body ?? {}) as Partial<schema.BasketLineForm>;
      const values: BasketFormValues = { target: raw.target, quantity: raw.quantity, unitPrice: raw.unitPrice };
      const resourceId = typeof raw.resourceId === 'string' && /^[0-9a-f-]{36}$/i.test(raw.resourceId) ? raw.resourceId : undefined;
      const fail = async (errors: Record<string, string>) => {
        const { meta, body } = await renderBasket(request, id, resourceId, { values, errors, status: 400 });
        return reply.page(meta, body);
      };
      if (request.validationError) return fail(schemaFieldErrors(request));
      const errors: Record<string, string> = {};
      const to = target(request.body.target);
      if (!to) errors.target = t('resources.error.target');
      const quantity = /^\s*\d{1,5}\s*$/.test(request.body.quantity) ? Number(request.body.quantity) : 0;
      if (quantity < 1 || quantity > 10_000) errors.quantity = t('resources.error.quantity');
      const price = euroCents(request.body.unitPrice);
      if (price === null) errors.unitPrice = t('resources.error.amount');
      if (!resourceId) errors.resourceId = t('resources.error.resource');
      if (Object.keys(errors).length > 0) return fail(errors);
      try {
        await budgets.proposeLine(deps, request.actor, id, { resourceId: resourceId!, quantity, unitPriceCents: price!, ...to });
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        return fail(formErrors(error, { groupId: 'target' }));
      }
      reply.setFlash(t('resources.basket.proposedFlash'));
      return reply.redirect(`/resources/schools/${id}/basket`, 303);
    },
  );

  app.post('/resources/basket-lines/:id/decision', { schema: { params: schema.IdParams, body: schema.DecisionForm } }, async (request, reply) => {
    let basket;
    try {
      basket = await budgets.decideLine(deps, request.actor, request.params.id, request.body.decision);
    } catch (error) {
      if (!(error instanceof AppError) || error.statusCode !== 409) throw error;
      // Over budget: the basket comes back with the reason, nothing changed.
      const line = await budgets.lineSchool(deps, request.params.id);
      const { meta, body } = await renderBasket(request, line!, undefined, { errors: { _form: error.message }, status: 409 });
      return reply.page(meta, body);
    }
    reply.setFlash(t(`resources.basket.decided.${request.body.decision}`));
    return reply.redirect(`/resources/schools/${basket.budget.structureId}/basket`, 303);
  });

  const renderLicences = async (request: Req, id: string, resourceId: string | undefined, extra: Extra<LicenceFormValues> = {}) => {
    const renewalDays = 90;
    const list = await licences.listLicences(deps, request.actor, id, { renewalDays });
    const school = (await budgets.schoolOf(deps, id))!;
    const resources = await budgets.validatedResources(deps, id);
    const extraResource = resourceId && !resources.some((r) => r.id === resourceId) ? await catalogue.findResource(app.db, resourceId) : undefined;
    if (extraResource) resources.push({ id: extraResource.id, title: extraResource.title });
    return {
      meta: { ...page, title: `${t('resources.licences.title')} — ${school.name}`, ...(extra.status ? { status: extra.status } : {}) },
      body: h(LicencesPage, {
        csrf: request.csrfToken,
        school: { id, name: school.name },
        licences: list,
        renewalDays,
        today: licences.parisDay(app.clock.now()),
        classes: await budgets.classesOf(deps, id),
        resources,
        values: extra.values ?? (resourceId ? { resourceId } : undefined),
        errors: extra.errors,
      }),
    };
  };

  app.get(
    '/resources/schools/:id/licences',
    { config: { personal: true }, schema: { params: schema.IdParams, querystring: schema.BasketPageQuery } },
    async (request, reply) => {
      const { meta, body } = await renderLicences(request, request.params.id, request.query.resourceId);
      return reply.page(meta, body);
    },
  );

  app.post(
    '/resources/schools/:id/licences',
    { schema: { params: schema.IdParams, body: schema.LicenceForm }, attachValidation: true },
    async (request, reply) => {
      const id = request.params.id;
      await budgets.authorizeSchool(deps, request.actor, 'resources.licence.manage', id);
      const raw = (request.body ?? {}) as Partial<schema.LicenceForm>;
      const values: LicenceFormValues = { resourceId: raw.resourceId, target: raw.target, startsOn: raw.startsOn, endsOn: raw.endsOn };
      const fail = async (errors: Record<string, string>) => {
        const { meta, body } = await renderLicences(request, id, undefined, { values, errors, status: 400 });
        return reply.page(meta, body);
      };
      if (request.validationError) return fail(schemaFieldErrors(request));
      const to = target(request.body.target);
      const errors: Record<string, string> = {};
      if (!to) errors.target = t('resources.error.target');
      const resourceId = /^[0-9a-f-]{36}$/i.test(request.body.resourceId) ? request.body.resourceId : null;
      if (!resourceId) errors.resourceId = t('resources.error.resource');
      for (const field of ['startsOn', 'endsOn'] as const) if (!/^\d{4}-\d{2}-\d{2}$/.test(request.body[field])) errors[field] = t('resources.error.date');
      if (Object.keys(errors).length > 0) return fail(errors);
      try {
        await licences.addLicence(deps, request.actor, id, { resourceId: resourceId!, startsOn: request.body.startsOn, endsOn: request.body.endsOn, ...to });
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        return fail(formErrors(error, { groupId: 'target', level: 'target' }));
      }
      reply.setFlash(t('resources.licences.saved'));
      return reply.redirect(`/resources/schools/${id}/licences`, 303);
    },
  );
};
