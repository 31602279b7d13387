import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { can } from '../../../kernel/authz/index.js';
import { AppError, fieldErrors } from '../../../kernel/http/errors.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import * as bookings from '../service/bookings.js';
import { timeOf } from '../service/deps.js';
import * as family from '../service/family.js';
import type { Diet } from '../tables.js';
import { CalendarPage } from '../views/calendar.js';
import { FamilyIndex, RegistrationPage, type RegistrationValues } from '../views/family.js';
import { canteenDeps, schemaFieldErrors } from './deps.js';

const page = () => ({ title: t('canteen.title'), service: 'canteen' });
const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DIETS = ['none', 'noPork', 'vegetarian', 'noMeat'];

/** The family's pages: children, yearly registration, the month calendar. */
export const canteenFamilyPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = canteenDeps(app);

  app.get('/canteen', { config: { personal: true } }, async (request, reply) => {
    if (can(request.actor, 'canteen.agent.open', {})) return reply.redirect('/canteen/schools', 303);
    const children = await family.familyChildren(deps, request.actor);
    return reply.page(page(), h(FamilyIndex, { children }));
  });

  async function registrationForm(request: FastifyRequest, reply: FastifyReply, childId: string, values: RegistrationValues | null, errors?: FieldErrors) {
    const read = await family.readRegistration(deps, request.actor, childId);
    const r = read.registration;
    const shown: RegistrationValues = values ?? {
      diet: r?.diet ?? 'none',
      careplan: r?.careplan ?? '',
      consent: r ? 'on' : undefined,
      ...Object.fromEntries(
        (r?.emergencyContacts ?? []).flatMap((c, i) => [
          [`e${i}name`, c.name],
          [`e${i}phone`, c.phone],
        ]),
      ),
      ...Object.fromEntries(
        (r?.pickupPeople ?? []).flatMap((c, i) => [
          [`p${i}name`, c.name],
          [`p${i}phone`, c.phone],
        ]),
      ),
    };
    return reply.page(
      { ...page(), title: t('canteen.registration.title', read.child.displayName), status: errors ? 400 : undefined },
      h(RegistrationPage, { childId, childName: read.child.displayName, schoolYear: read.schoolYear, csrf: request.csrfToken, values: shown, errors }),
    );
  }

  app.get('/canteen/children/:id/registration', { schema: { params: schema.IdParams } }, async (request, reply) =>
    registrationForm(request, reply, request.params.id, null),
  );

  app.post(
    '/canteen/children/:id/registration',
    { schema: { params: schema.IdParams, body: schema.RegistrationForm }, attachValidation: true },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, string | undefined>;
      const values: RegistrationValues = { ...body, _csrf: undefined };
      if (request.validationError) return registrationForm(request, reply, request.params.id, values, schemaFieldErrors(request));
      const contacts = (prefix: string) => [0, 1].map((i) => ({ name: body[`${prefix}${i}name`] ?? '', phone: body[`${prefix}${i}phone`] ?? '' }));
      try {
        await family.saveRegistration(deps, request.actor, request.params.id, {
          diet: (DIETS.includes(body.diet ?? '') ? body.diet : 'none') as Diet,
          careplan: body.careplan ?? null,
          emergencyContacts: contacts('e'),
          pickupPeople: contacts('p'),
          consent: body.consent === 'on',
        });
      } catch (error) {
        const errors = error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
        if (!errors) throw error;
        return registrationForm(request, reply, request.params.id, values, errors);
      }
      reply.setFlash(t('canteen.registration.saved'));
      return reply.redirect(`/canteen/children/${request.params.id}/calendar`, 303);
    },
  );

  async function calendarPage(request: FastifyRequest, reply: FastifyReply, childId: string, month: string | undefined, errors?: FieldErrors, status?: number) {
    const m = month && MONTH.test(month) ? month : timeOf(deps).today.slice(0, 7);
    const cal = await family.monthCalendar(deps, request.actor, childId, m);
    const { history } = await family.childHistory(deps, request.actor, childId);
    const onBehalf = can(request.actor, 'canteen.booking.onBehalf', cal.child);
    return reply.page(
      { ...page(), title: t('canteen.calendar.title', cal.child.displayName), status },
      h(CalendarPage, { cal, csrf: request.csrfToken, onBehalf, errors, history }),
    );
  }

  app.get('/canteen/children/:id/calendar', { schema: { params: schema.IdParams, querystring: schema.MonthQuery } }, async (request, reply) =>
    calendarPage(request, reply, request.params.id, request.query.month),
  );

  /** Refusals the person can act on come back as the page with the rule named; anything else is thrown. */
  const refusal = (error: unknown) => (error instanceof AppError && [400, 409].includes(error.statusCode) ? { _form: error.message } : null);

  app.post(
    '/canteen/children/:id/calendar',
    { config: { activity: 'canteen.booking.made' }, schema: { params: schema.IdParams, body: schema.CalendarForm }, attachValidation: true },
    async (request, reply) => {
      const body = request.body ?? {};
      const month = typeof body.month === 'string' ? body.month : undefined;
      if (request.validationError) return calendarPage(request, reply, request.params.id, month, schemaFieldErrors(request), 400);
      const parse = (key: string) => {
        const [serviceId = '', day = ''] = key.split('.');
        return { serviceId, day };
      };
      const on = new Set(list(body.on));
      const shown = new Set(list(body.shown));
      // What the page showed as ticked is read back from the database: only differences are changes.
      const cal = await family.monthCalendar(deps, request.actor, request.params.id, month && MONTH.test(month) ? month : timeOf(deps).today.slice(0, 7));
      const was = new Set(cal.days.flatMap((d) => d.cells.filter((c) => c.state === 'booked' || c.state === 'waiting').map((c) => `${c.serviceId}.${d.day}`)));
      const book = [...on].filter((k) => !was.has(k)).map(parse);
      const cancel = [...shown].filter((k) => was.has(k) && !on.has(k)).map(parse);
      try {
        const result = await bookings.changeBookings(deps, request.actor, request.params.id, { book, cancel, reason: body.reason });
        reply.setFlash(t('canteen.calendar.saved', result.booked.length, result.waiting.length, result.cancelled.length));
      } catch (error) {
        const errors = refusal(error);
        if (!errors) throw error;
        return calendarPage(
          request,
          reply,
          request.params.id,
          month,
          error instanceof AppError ? (fieldErrors(error) ?? errors) : errors,
          (error as AppError).statusCode,
        );
      }
      return reply.redirect(`/canteen/children/${request.params.id}/calendar?month=${cal.month}`, 303);
    },
  );

  app.post('/canteen/children/:id/term', { schema: { params: schema.IdParams, body: schema.TermForm }, attachValidation: true }, async (request, reply) => {
    const body = request.body ?? {};
    const month = typeof body.month === 'string' ? body.month : undefined;
    if (request.validationError) return calendarPage(request, reply, request.params.id, month, schemaFieldErrors(request), 400);
    try {
      const r = await bookings.bookTerm(deps, request.actor, request.params.id, {
        serviceId: body.serviceId ?? '',
        termId: body.termId ?? '',
        reason: body.reason,
      });
      reply.setFlash(t('canteen.calendar.termDone', r.term, r.booked, r.waiting, r.full.length));
    } catch (error) {
      const errors = refusal(error);
      if (!errors) throw error;
      return calendarPage(request, reply, request.params.id, month, errors, (error as AppError).statusCode);
    }
    return reply.redirect(`/canteen/children/${request.params.id}/calendar${month && MONTH.test(month) ? `?month=${month}` : ''}`, 303);
  });
};
