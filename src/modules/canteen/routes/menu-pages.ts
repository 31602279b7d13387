import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { AppError, fieldErrors } from '../../../kernel/http/errors.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import * as menusRepo from '../repository/menus.js';
import * as setupRepo from '../repository/setup.js';
import * as schema from '../schema.js';
import * as menus from '../service/menus.js';
import type { DishInput } from '../service/menus.js';
import { FamilyWeekPage } from '../views/menus.js';
import { DayEditPage, DEFAULT_LINES, KitchensPage, KitchenWeekPage, type FormValues } from '../views/menus-edit.js';
import { canteenDeps, schemaFieldErrors } from './deps.js';

const page = () => ({ title: t('canteen.menu.title'), service: 'canteen' });
const many = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
const FIELD: Record<string, string> = {
  name: 'name',
  course: 'course',
  allergens: 'allergens',
  labels: 'allergens',
  protein: 'protein',
  alternative: 'alt',
  purchaseCents: 'cost',
};

/** `1,25` or `1.25` euros → 125 cents; empty → null; anything else → -1 (refused by the service). */
function cents(v: string | undefined): number | null {
  const s = (v ?? '').trim().replace(',', '.');
  if (!s) return null;
  return /^\d{1,6}(\.\d{1,2})?$/.test(s) ? Math.round(Number(s) * 100) : -1;
}

/** The day form's lines → dishes, and which line each dish came from (blank lines are left out). */
function dishesFrom(body: FormValues) {
  const dishes: DishInput[] = [];
  const lineOf: number[] = [];
  DEFAULT_LINES.forEach((line, i) => {
    const name = String(body[`d${i}name`] ?? '');
    const allergens = many(body[`d${i}allergens`]);
    const labels = many(body[`d${i}labels`]);
    const cost = String(body[`d${i}cost`] ?? '');
    if (!name.trim() && allergens.length === 0 && labels.length === 0 && !cost.trim()) return;
    dishes.push({
      course: String(body[`d${i}course`] ?? line.course),
      name,
      allergens,
      labels,
      protein: String(body[`d${i}protein`] ?? 'none'),
      alternative: body[`d${i}alt`] === 'on',
      purchaseCents: cents(cost),
    });
    lineOf.push(i);
  });
  return { dishes, lineOf };
}

/** A service's `dishes.3.name` → the form's `d5name`. */
function lineErrors(errors: FieldErrors, lineOf: number[]): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([k, v]) => {
      const m = /^dishes\.(\d+)\.(\w+)$/.exec(k);
      return m ? [`d${lineOf[Number(m[1])] ?? 0}${FIELD[m[2]!] ?? 'name'}`, v] : [k, v];
    }),
  );
}

/** The menus' pages: the families' printable week; the agents' kitchens, week and day forms. */
export const canteenMenuPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = canteenDeps(app);

  app.get('/canteen/menus', { config: { personal: true }, schema: { querystring: schema.WeekQuery } }, async (request, reply) => {
    const weeks = await menus.myWeeks(deps, request.actor, request.query.week);
    return reply.page(page(), h(FamilyWeekPage, { weeks, week: menus.weekOf(deps, request.query.week) }));
  });

  async function kitchensPage(request: FastifyRequest, reply: FastifyReply, id: string, values?: FormValues, errors?: FieldErrors) {
    const kitchens = await menus.listKitchens(deps, request.actor, id);
    const [municipality] = await setupRepo.municipalitiesAmong(deps.db, [id]);
    const schools = await setupRepo.schoolsOfMunicipalities(deps.db, [id]);
    return reply.page(
      { ...page(), title: t('canteen.kitchens.title'), status: errors ? 400 : undefined },
      h(KitchensPage, { municipality: municipality ?? { id, name: '' }, kitchens, schools, csrf: request.csrfToken, values, errors }),
    );
  }

  app.get('/canteen/municipalities/:id/kitchens', { schema: { params: schema.IdParams } }, async (request, reply) =>
    kitchensPage(request, reply, request.params.id),
  );

  app.post(
    '/canteen/municipalities/:id/kitchens',
    { schema: { params: schema.IdParams, body: schema.KitchenForm }, attachValidation: true },
    async (request, reply) => {
      const body = (request.body ?? {}) as FormValues;
      const values = { ...body, _csrf: undefined };
      if (request.validationError) return kitchensPage(request, reply, request.params.id, values, schemaFieldErrors(request));
      try {
        await menus.createKitchen(deps, request.actor, request.params.id, { name: String(body.name ?? ''), schoolIds: many(body.schoolIds) });
      } catch (error) {
        const errors = error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
        if (!errors) throw error;
        return kitchensPage(request, reply, request.params.id, values, errors);
      }
      reply.setFlash(t('canteen.kitchens.created'));
      return reply.redirect(`/canteen/municipalities/${request.params.id}/kitchens`, 303);
    },
  );

  async function weekPage(request: FastifyRequest, reply: FastifyReply, id: string, week: string | undefined, errors?: FieldErrors) {
    const data = await menus.kitchenWeek(deps, request.actor, id, week);
    return reply.page(
      { ...page(), title: t('canteen.kitchen.week', data.kitchen.name), status: errors ? 400 : undefined },
      h(KitchenWeekPage, { data, csrf: request.csrfToken, errors }),
    );
  }

  app.get('/canteen/kitchens/:id', { schema: { params: schema.IdParams, querystring: schema.WeekQuery } }, async (request, reply) =>
    weekPage(request, reply, request.params.id, request.query.week),
  );

  for (const action of ['publish', 'copy'] as const) {
    app.post(
      `/canteen/kitchens/:id/weeks/:week/${action}`,
      { schema: { params: schema.WeekParams, body: schema.ActionForm }, attachValidation: true },
      async (request, reply) => {
        const { id, week } = request.params;
        try {
          if (action === 'publish') {
            const r = await menus.publishWeek(deps, request.actor, id, week);
            reply.setFlash(t('canteen.kitchen.published', r.published));
          } else {
            const r = await menus.copyPreviousWeek(deps, request.actor, id, week);
            reply.setFlash(t('canteen.kitchen.copied', r.copied, r.skipped));
          }
        } catch (error) {
          const errors = error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
          if (!errors) throw error;
          return weekPage(request, reply, id, week, errors);
        }
        return reply.redirect(`/canteen/kitchens/${id}?week=${week}`, 303);
      },
    );
  }

  async function dayPage(request: FastifyRequest, reply: FastifyReply, id: string, day: string, values: FormValues | null, errors?: FieldErrors) {
    const data = await menus.kitchenWeek(deps, request.actor, id, day);
    let shown = values;
    if (!shown) {
      const menu = await menusRepo.menuDays(deps.db, id, day, day, false);
      shown = {};
      (menu[0]?.dishes ?? []).forEach((d, i) => {
        Object.assign(shown!, {
          [`d${i}name`]: d.name,
          [`d${i}course`]: d.course,
          [`d${i}allergens`]: d.allergens ? d.allergens.split(',') : [],
          [`d${i}labels`]: d.labels ? d.labels.split(',') : [],
          [`d${i}protein`]: d.protein,
          [`d${i}alt`]: d.alternative ? 'on' : '',
          [`d${i}cost`]: d.purchaseCents === null ? '' : (d.purchaseCents / 100).toFixed(2).replace('.', ','),
        });
      });
    }
    return reply.page(
      { ...page(), title: t('canteen.day.title', day), status: errors ? 400 : undefined },
      h(DayEditPage, { kitchen: data.kitchen, day, values: shown, errors, csrf: request.csrfToken }),
    );
  }

  app.get('/canteen/kitchens/:id/days/:day', { schema: { params: schema.DayParams } }, async (request, reply) =>
    dayPage(request, reply, request.params.id, request.params.day, null),
  );

  app.post(
    '/canteen/kitchens/:id/days/:day',
    { schema: { params: schema.DayParams, body: schema.DayForm }, attachValidation: true },
    async (request, reply) => {
      const { id, day } = request.params;
      const body = (request.body ?? {}) as FormValues;
      const values = { ...body, _csrf: undefined };
      if (request.validationError) return dayPage(request, reply, id, day, values, schemaFieldErrors(request));
      const { dishes, lineOf } = dishesFrom(body);
      try {
        await menus.saveDay(deps, request.actor, id, day, { dishes, status: body.publish === 'on' ? 'published' : 'draft' });
      } catch (error) {
        const errors = error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
        if (!errors) throw error;
        return dayPage(request, reply, id, day, values, lineErrors(errors, lineOf));
      }
      reply.setFlash(t('canteen.day.saved'));
      return reply.redirect(`/canteen/kitchens/${id}?week=${day}`, 303);
    },
  );
};
