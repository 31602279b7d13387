import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { can } from '../../../kernel/authz/index.js';
import { AppError, fieldErrors } from '../../../kernel/http/errors.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { reachableTargets } from '../../news/index.js';
import { parisDay } from '../dates.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import * as service from '../service.js';
import { EventFormPage, EventPage, ListPage, MonthPage, type EventFormValues } from '../views/calendar.js';
import * as repo from '../repository.js';
import type { EventKind } from '../tables.js';

/** The page's frame, its title in the request's language. */
const page = () => ({ title: t('calendar.title'), service: 'home' });

/** Calendar pages: the month (a table, works without JavaScript), the list, an event, the form. */
export const calendarPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { db: app.db, clock: app.clock };

  async function renderForm(request: FastifyRequest, reply: FastifyReply, values: EventFormValues, errors?: FieldErrors, status?: number) {
    const options = (await reachableTargets(app.db, request.actor, app.clock.now())).map((x) => ({ key: x.key, label: x.label }));
    return reply.page({ ...page(), title: t('calendar.new'), status }, h(EventFormPage, { csrf: request.csrfToken, values, errors, options }));
  }

  app.get('/calendar', { config: { personal: true }, schema: { querystring: schema.MonthQuery } }, async (request, reply) => {
    const month = request.query.month ?? parisDay(app.clock.now()).slice(0, 7);
    const events = await service.monthEvents(deps, request.actor, month);
    const structureId = request.actor.activeStructureId;
    const zone = structureId && can(request.actor, 'calendar.settings.read', { structureId }) ? ((await repo.zoneOf(app.db, structureId))?.zone ?? null) : null;
    return reply.page(page(), h(MonthPage, { month, events, zone, mayWrite: can(request.actor, 'calendar.event.write', {}) }));
  });

  app.get('/calendar/list', { config: { personal: true }, schema: { querystring: schema.ListQuery } }, async (request, reply) => {
    const events = await service.upcoming(deps, request.actor, request.query.from);
    return reply.page({ ...page(), title: t('calendar.list') }, h(ListPage, { events, mayWrite: can(request.actor, 'calendar.event.write', {}) }));
  });

  app.get('/calendar/new', { config: { personal: true } }, async (request, reply) => {
    service.assertMayWrite(request.actor);
    return renderForm(request, reply, { startDay: parisDay(app.clock.now()) });
  });

  app.post('/calendar/events', { config: { personal: true }, schema: { body: schema.EventForm }, attachValidation: true }, async (request, reply) => {
    service.assertMayWrite(request.actor);
    const body = (request.body ?? {}) as Record<string, string | string[] | undefined>;
    const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
    const audience = Array.isArray(body.audience) ? body.audience : body.audience ? [body.audience] : [];
    const values: EventFormValues = {
      kind: str('kind'),
      title: str('title'),
      description: str('description'),
      place: str('place'),
      startDay: str('startDay'),
      endDay: str('endDay'),
      startTime: str('startTime'),
      endTime: str('endTime'),
      audience,
    };
    if (request.validationError) return renderForm(request, reply, values, { _form: t('error.validation') }, 400);
    try {
      const saved = await service.createEvent(deps, request.actor, {
        kind: values.kind as EventKind,
        title: values.title!,
        description: values.description!,
        place: values.place || null,
        startDay: values.startDay!,
        endDay: values.endDay || null,
        startTime: values.startTime || null,
        endTime: values.endTime || null,
        audience,
      });
      reply.setFlash(t('calendar.saved'));
      return reply.redirect(`/calendar/events/${saved.id}`, 303);
    } catch (error) {
      const errors = error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
      if (!errors) throw error;
      return renderForm(request, reply, values, errors, 400);
    }
  });

  app.get('/calendar/events/:id', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const event = await service.eventDetail(deps, request.actor, request.params.id);
    return reply.page({ ...page(), title: event.title }, h(EventPage, { event, csrf: request.csrfToken }));
  });

  app.post('/calendar/events/:id/cancel', { schema: { params: schema.IdParams, body: schema.ConfirmForm } }, async (request, reply) => {
    await service.cancelEvent(deps, request.actor, request.params.id);
    reply.setFlash(t('calendar.cancelledDone'));
    return reply.redirect(`/calendar/events/${request.params.id}`, 303);
  });
};
