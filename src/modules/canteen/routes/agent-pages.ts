import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { AppError, fieldErrors } from '../../../kernel/http/errors.js';
import { isUuid } from '../../../kernel/http/schemas.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import * as setupRepo from '../repository/setup.js';
import { isDate, type DeadlineRule } from '../rules.js';
import * as schema from '../schema.js';
import * as attendance from '../service/attendance.js';
import * as bookings from '../service/bookings.js';
import { municipalityIdsOf } from '../service/deps.js';
import * as setup from '../service/setup.js';
import type { BookingPeriod, ClosureReason, ServiceKind } from '../tables.js';
import { AgentIndex, BookingsPage, KitchenPage, SchoolPage } from '../views/agent.js';
import { AttendancePage } from '../views/attendance.js';
import { canteenDeps, schemaFieldErrors } from './deps.js';

const page = () => ({ title: t('canteen.title'), service: 'canteen' });
export const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
export const oneOf = <T extends string>(v: string | undefined, allowed: readonly T[], fallback: T): T => (allowed.includes(v as T) ? (v as T) : fallback);

export function ruleFrom(body: Record<string, unknown>, prefix: 'booking' | 'cancel'): DeadlineRule {
  const get = (k: string) => String(body[`${prefix}${k}`] ?? '');
  const time = get('Time');
  const kind = oneOf(get('Kind'), ['weekBefore', 'dayBefore', 'workingDays'] as const, 'dayBefore');
  if (kind === 'weekBefore') return { kind, weekday: Number(get('Weekday')), time };
  if (kind === 'workingDays') return { kind, days: Number(get('Days')), time };
  return { kind, time };
}

/** The municipality's pages: its schools, a school's services and closed days, bookings, roll call, the kitchen's counts. */
export const canteenAgentPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = canteenDeps(app);

  app.get('/canteen/schools', { config: { personal: true } }, async (request, reply) => {
    const schools = await setup.agentSchools(deps, request.actor);
    const municipalities = await setupRepo.municipalitiesAmong(deps.db, municipalityIdsOf(request.actor));
    return reply.page({ ...page(), title: t('canteen.agent.schools') }, h(AgentIndex, { schools, municipalities }));
  });

  async function schoolPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values?: Record<string, string | string[] | undefined>,
    errors?: FieldErrors,
  ) {
    const { school, services } = await setup.schoolServices(deps, request.actor, id);
    const closures = await setup.listClosures(deps, request.actor, school.municipalityId!);
    return reply.page(
      { ...page(), title: t('canteen.school.title', school.name), status: errors ? 400 : undefined },
      h(SchoolPage, { school, services, closures: closures.filter((c) => !c.structureId || c.structureId === id), csrf: request.csrfToken, values, errors }),
    );
  }

  app.get('/canteen/schools/:id', { schema: { params: schema.IdParams } }, async (request, reply) => schoolPage(request, reply, request.params.id));

  app.post(
    '/canteen/schools/:id/services',
    { schema: { params: schema.IdParams, body: schema.ServiceForm }, attachValidation: true },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, string | string[] | undefined>;
      const values = { ...body, _csrf: undefined };
      if (request.validationError) return schoolPage(request, reply, request.params.id, values, schemaFieldErrors(request));
      const f = request.body;
      try {
        await setup.createService(deps, request.actor, request.params.id, {
          kind: oneOf<ServiceKind>(f.kind, ['canteen', 'morning', 'evening', 'wednesday', 'study'], 'canteen'),
          label: f.label ?? '',
          weekdays: list(f.weekdays).map(Number),
          capacity: /^\d{1,5}$/.test(f.capacity ?? '') ? Number(f.capacity) : -1,
          period: oneOf<BookingPeriod>(f.period, ['week', 'month', 'term', 'year'], 'term'),
          bookingRule: ruleFrom(f, 'booking'),
          cancellationRule: ruleFrom(f, 'cancel'),
          waitingList: f.waitingList === 'on',
        });
      } catch (error) {
        const errors = error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
        if (!errors) throw error;
        return schoolPage(request, reply, request.params.id, values, errors);
      }
      reply.setFlash(t('canteen.service.created'));
      return reply.redirect(`/canteen/schools/${request.params.id}`, 303);
    },
  );

  app.post(
    '/canteen/schools/:id/closures',
    { schema: { params: schema.IdParams, body: schema.ClosureForm }, attachValidation: true },
    async (request, reply) => {
      if (request.validationError) return schoolPage(request, reply, request.params.id, {}, schemaFieldErrors(request));
      const school = await setup.schoolServices(deps, request.actor, request.params.id);
      const f = request.body;
      try {
        await setup.addClosure(deps, request.actor, school.school.municipalityId!, {
          schoolId: f.onlyHere === 'on' ? request.params.id : null,
          startsOn: f.startsOn ?? '',
          endsOn: f.endsOn || f.startsOn || '',
          reason: oneOf<ClosureReason>(f.reason, ['holiday', 'bankHoliday', 'strike', 'other'], 'other'),
          label: f.label ?? '',
        });
      } catch (error) {
        const errors = error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
        if (!errors) throw error;
        return schoolPage(request, reply, request.params.id, {}, errors);
      }
      reply.setFlash(t('canteen.closure.added'));
      return reply.redirect(`/canteen/schools/${request.params.id}`, 303);
    },
  );

  async function bookingsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    serviceId?: string,
    day?: string,
    errors?: FieldErrors,
    status?: number,
  ) {
    const data = await attendance.schoolBookings(deps, request.actor, id, serviceId, day && isDate(day) ? day : undefined);
    return reply.page(
      { ...page(), title: t('canteen.bookings.title', data.school.name), status },
      h(BookingsPage, { ...data, csrf: request.csrfToken, errors }),
    );
  }

  app.get('/canteen/schools/:id/bookings', { schema: { params: schema.IdParams, querystring: schema.BookingsQuery } }, async (request, reply) =>
    bookingsPage(request, reply, request.params.id, request.query.serviceId, request.query.date),
  );

  app.post(
    '/canteen/schools/:id/bookings',
    { schema: { params: schema.IdParams, body: schema.OnBehalfForm }, attachValidation: true },
    async (request, reply) => {
      const f = request.body ?? {};
      const serviceId = isUuid(f.serviceId) ? f.serviceId : undefined;
      if (request.validationError) return bookingsPage(request, reply, request.params.id, serviceId, f.date, schemaFieldErrors(request), 400);
      // The school must be the agent's before anything about the child is looked at.
      await attendance.schoolBookings(deps, request.actor, request.params.id, serviceId, undefined);
      try {
        if (!isUuid(f.studentId) || !serviceId || !isDate(f.date ?? '')) throw new AppError(400, 'canteen.invalid', t('canteen.error.cell'));
        await bookings.changeBookings(deps, request.actor, f.studentId, { book: [{ serviceId, day: f.date! }], cancel: [], reason: f.reason ?? '' });
      } catch (error) {
        const errors = error instanceof AppError && [400, 404, 409].includes(error.statusCode) ? fieldErrors(error) : null;
        if (!errors) throw error;
        return bookingsPage(
          request,
          reply,
          request.params.id,
          serviceId,
          f.date,
          errors,
          (error as AppError).statusCode === 404 ? 400 : (error as AppError).statusCode,
        );
      }
      reply.setFlash(t('canteen.bookings.done'));
      return reply.redirect(`/canteen/schools/${request.params.id}/bookings?serviceId=${serviceId}&date=${f.date}`, 303);
    },
  );

  app.get('/canteen/services/:id/attendance', { schema: { params: schema.IdParams, querystring: schema.DayQuery } }, async (request, reply) => {
    const data = await attendance.dayList(deps, request.actor, request.params.id, request.query.date);
    return reply.page({ ...page(), title: data.service.label }, h(AttendancePage, { list: data, csrf: request.csrfToken }));
  });

  app.post(
    '/canteen/services/:id/attendance',
    { schema: { params: schema.IdParams, body: schema.AttendanceForm }, attachValidation: true },
    async (request, reply) => {
      const f = request.body ?? {};
      const day = typeof f.day === 'string' && isDate(f.day) ? f.day : undefined;
      if (request.validationError) {
        const data = await attendance.dayList(deps, request.actor, request.params.id, day);
        return reply.page(
          { ...page(), title: data.service.label, status: 400 },
          h(AttendancePage, { list: data, csrf: request.csrfToken, errors: schemaFieldErrors(request) }),
        );
      }
      try {
        const r = await attendance.markAttendance(deps, request.actor, request.params.id, { day: f.day ?? '', present: list(f.p), walkIns: list(f.w) });
        reply.setFlash(t('canteen.attendance.saved', r.present, r.absent, r.withoutBooking));
      } catch (error) {
        const errors = error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
        if (!errors) throw error;
        const data = await attendance.dayList(deps, request.actor, request.params.id, day);
        return reply.page({ ...page(), title: data.service.label, status: 400 }, h(AttendancePage, { list: data, csrf: request.csrfToken, errors }));
      }
      return reply.redirect(`/canteen/services/${request.params.id}/attendance?date=${f.day}`, 303);
    },
  );

  app.get('/canteen/municipalities/:id/kitchen', { schema: { params: schema.IdParams, querystring: schema.DayQuery } }, async (request, reply) => {
    const data = await attendance.mealCounts(deps, request.actor, request.params.id, request.query.date);
    return reply.page({ ...page(), title: t('canteen.agent.kitchen') }, h(KitchenPage, data));
  });
};
