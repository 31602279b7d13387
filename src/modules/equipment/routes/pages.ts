import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { can } from '../../../kernel/authz/index.js';
import { AppError } from '../../../kernel/http/errors.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import { assetPage, createAsset, createPlace, listAssets, listPlaces, mySchools, schoolChoices } from '../service/assets.js';
import type { Deps } from '../service/deps.js';
import { exportAssets, importAssets, type BadLine } from '../service/csv.js';
import { assetLabelData } from '../service/labels.js';
import { assetLabel } from '../service/present.js';
import { reportOnAsset } from '../service/tickets.js';
import { AssetPage, LabelPage } from '../views/asset.js';
import { ImportPage } from '../views/import.js';
import { RenewalPage } from '../views/renewal.js';
import { municipalityRenewalPlan, renewalCsv, schoolRenewalPlan } from '../service/renewal.js';
import { AssetFormPage, SchoolPage, SchoolsPage } from '../views/inventory.js';
import { inputErrors, parseAssetForm, schemaErrors, strings } from './forms.js';
import { loansPages } from './loans-pages.js';
import { projectPages } from './project-pages.js';
import { targetsPages } from './targets-pages.js';
import { ticketPages } from './ticket-pages.js';

const page = { title: t('equipment.title'), service: 'equipment' };
const pick = (q: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.filter((k) => typeof q[k] === 'string' && q[k] !== '').map((k) => [k, q[k] as string]));

/** The equipment's pages under /equipment: every form works without JavaScript and comes back with its messages. */
export const equipmentPages: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  const showSchool = async (request: FastifyRequest, reply: FastifyReply, id: string, placeValues?: Record<string, string>, placeErrors?: FieldErrors) => {
    const q = (request.query ?? {}) as Record<string, unknown>;
    const filter = pick(q, ['category', 'status', 'placeId', 'q']);
    const limit = typeof q.limit === 'number' ? q.limit : 50;
    const offset = typeof q.offset === 'number' ? q.offset : 0;
    const { school, places } = await listPlaces(deps, request.actor, id);
    const valid = {
      category: schema.Category.anyOf.some((c) => c.const === filter.category) ? (filter.category as never) : undefined,
      status: schema.Status.anyOf.some((c) => c.const === filter.status) ? (filter.status as never) : undefined,
      placeId: places.some((p) => p.id === filter.placeId) ? filter.placeId : undefined,
      q: filter.q,
    };
    const [assets, choices] = await Promise.all([listAssets(deps, request.actor, id, { ...valid, limit, offset }), schoolChoices(deps, request.actor, id)]);
    const manage = can(request.actor, 'equipment.school.manage', school);
    return reply.page(
      { ...page, title: school.name, status: placeErrors ? 400 : 200 },
      h(SchoolPage, {
        data: {
          school,
          places,
          assets,
          filter,
          limit,
          offset,
          manage,
          plan: can(request.actor, 'equipment.school.plan', school),
          lend: can(request.actor, 'equipment.loan.lend', school),
          classes: choices.classes,
        },
        csrf: request.csrfToken,
        placeValues,
        placeErrors,
      }),
    );
  };
  const showAsset = async (request: FastifyRequest, reply: FastifyReply, id: string, values?: Record<string, string>, errors?: FieldErrors) => {
    const data = await assetPage(deps, request.actor, id);
    const tickets = data.tickets.map((k) => ({ ...k, readable: can(request.actor, 'equipment.ticket.read', { ...data.facts, reporterId: k.reporterId }) }));
    return reply.page(
      { ...page, title: assetLabel(data.asset), status: errors ? 400 : 200 },
      h(AssetPage, {
        data: { ...data, tickets },
        csrf: request.csrfToken,
        canReport: can(request.actor, 'equipment.ticket.report', data.facts),
        values,
        errors,
      }),
    );
  };
  const showAssetForm = async (request: FastifyRequest, reply: FastifyReply, id: string, values?: Record<string, string>, errors?: FieldErrors) => {
    // The form is the inventory keeper's: a reader of the school is not shown it.
    const choices = await schoolChoices(deps, request.actor, id, 'equipment.school.manage');
    const { school, places } = await listPlaces(deps, request.actor, id);
    return reply.page(
      { ...page, title: t('equipment.assets.new'), status: errors ? 400 : 200 },
      h(AssetFormPage, { school, places, carts: choices.carts, csrf: request.csrfToken, values, errors }),
    );
  };

  app.get('/equipment', { config: { personal: true }, schema: { querystring: schema.EmptyQuery } }, async (request, reply) => {
    const schools = await mySchools(deps, request.actor);
    return reply.page(page, h(SchoolsPage, { schools, canTickets: true, canRenewal: can(request.actor, 'equipment.renewal.overview', {}) }));
  });

  app.get('/equipment/schools/:id', { schema: { params: schema.IdParams, querystring: schema.AssetsPageQuery } }, async (request, reply) =>
    showSchool(request, reply, request.params.id),
  );

  app.post('/equipment/schools/:id/places', { schema: { params: schema.IdParams, body: schema.PlaceForm }, attachValidation: true }, async (request, reply) => {
    const values = strings(request.body);
    const { school } = await listPlaces(deps, request.actor, request.params.id);
    if (request.validationError) return showSchool(request, reply, school.structureId, values, schemaErrors(request));
    try {
      const kind = values.kind === 'building' ? 'building' : 'room';
      await createPlace(deps, request.actor, request.params.id, {
        kind,
        name: values.name ?? '',
        buildingId: values.buildingId || null,
        groupId: values.groupId || null,
      });
      reply.setFlash(t('equipment.places.created'));
      return reply.redirect(`/equipment/schools/${request.params.id}`, 303);
    } catch (error) {
      const errors = inputErrors(error);
      if (!errors) throw error;
      return showSchool(request, reply, request.params.id, values, errors);
    }
  });

  const csv = (reply: FastifyReply, name: string, body: string) =>
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(body);

  app.get('/equipment/renewal', async (request, reply) => {
    const { plan } = await municipalityRenewalPlan(deps, request.actor);
    return reply.page({ ...page, title: t('equipment.renewal.title') }, h(RenewalPage, { plan, csvHref: '/equipment/renewal.csv' }));
  });
  app.get('/equipment/renewal.csv', async (request, reply) =>
    csv(reply, 'plan-renouvellement.csv', renewalCsv((await municipalityRenewalPlan(deps, request.actor)).plan)),
  );
  app.get('/equipment/schools/:id/renewal', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const { school, plan } = await schoolRenewalPlan(deps, request.actor, request.params.id);
    return reply.page(
      { ...page, title: t('equipment.renewal.schoolTitle', school.name) },
      h(RenewalPage, { plan, school, csvHref: `/equipment/schools/${school.id}/renewal.csv` }),
    );
  });
  app.get('/equipment/schools/:id/renewal.csv', { schema: { params: schema.IdParams } }, async (request, reply) =>
    csv(reply, 'plan-renouvellement.csv', renewalCsv((await schoolRenewalPlan(deps, request.actor, request.params.id)).plan)),
  );

  app.get('/equipment/schools/:id/assets.csv', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const { csv } = await exportAssets(deps, request.actor, request.params.id);
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="inventaire.csv"').send(csv);
  });

  const showImport = async (request: FastifyRequest, reply: FastifyReply, id: string, failed?: { value: string; message: string; bad: BadLine[] }) => {
    // The import is the inventory keeper's.
    await schoolChoices(deps, request.actor, id, 'equipment.school.manage');
    const { school } = await listPlaces(deps, request.actor, id);
    return reply.page(
      { ...page, title: t('equipment.import.title'), status: failed ? 400 : 200 },
      h(ImportPage, { school, csrf: request.csrfToken, ...failed }),
    );
  };

  app.get('/equipment/schools/:id/import', { schema: { params: schema.IdParams } }, async (request, reply) => showImport(request, reply, request.params.id));

  app.post(
    '/equipment/schools/:id/import',
    { schema: { params: schema.IdParams, body: schema.ImportForm }, attachValidation: true },
    async (request, reply) => {
      const value = strings(request.body).csv ?? '';
      try {
        const { imported } = await importAssets(deps, request.actor, request.params.id, request.validationError ? '' : value);
        reply.setFlash(t('equipment.import.done', imported));
        return reply.redirect(`/equipment/schools/${request.params.id}`, 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.statusCode !== 400) throw error;
        const bad = Array.isArray(error.details) ? (error.details as BadLine[]) : [];
        return showImport(request, reply, request.params.id, { value, message: error.message, bad });
      }
    },
  );

  app.get('/equipment/schools/:id/assets/new', { schema: { params: schema.IdParams } }, async (request, reply) =>
    showAssetForm(request, reply, request.params.id),
  );

  app.post('/equipment/schools/:id/assets', { schema: { params: schema.IdParams, body: schema.AssetForm }, attachValidation: true }, async (request, reply) => {
    const values = strings(request.body);
    if (request.validationError) return showAssetForm(request, reply, request.params.id, values, schemaErrors(request));
    const parsed = parseAssetForm(values);
    try {
      // Authorization first: a refused person learns nothing from the form's messages.
      const created = parsed.errors ? null : await createAsset(deps, request.actor, request.params.id, parsed.input);
      if (!created) return await showAssetForm(request, reply, request.params.id, values, parsed.errors ?? {});
      reply.setFlash(t('equipment.assets.created'));
      return reply.redirect(`/equipment/assets/${created.id}`, 303);
    } catch (error) {
      const errors = inputErrors(error);
      if (!errors) throw error;
      return showAssetForm(request, reply, request.params.id, values, errors);
    }
  });

  app.get('/equipment/assets/:id', { schema: { params: schema.IdParams } }, async (request, reply) => showAsset(request, reply, request.params.id));

  app.get('/equipment/assets/:id/label', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const label = await assetLabelData(deps, request.actor, request.params.id);
    return reply.page({ ...page, title: t('equipment.label.title', label.name) }, h(LabelPage, { label }));
  });

  app.post(
    '/equipment/assets/:id/tickets',
    { config: { activity: 'equipment.ticket.reported' }, schema: { params: schema.IdParams, body: schema.TicketForm }, attachValidation: true },
    async (request, reply) => {
      const values = strings(request.body);
      try {
        const created = await reportOnAsset(deps, request.actor, request.params.id, {
          description: request.validationError ? '' : (values.description ?? ''),
          since: values.since || null,
        });
        reply.setFlash(t('equipment.ticket.sent'));
        return reply.redirect(`/equipment/tickets/${created.id}`, 303);
      } catch (error) {
        const errors = inputErrors(error);
        if (!errors) throw error;
        return showAsset(request, reply, request.params.id, values, errors);
      }
    },
  );

  await app.register(ticketPages, deps);
  await app.register(projectPages, deps);
  await app.register(loansPages, deps);
  await app.register(targetsPages, deps);
};
