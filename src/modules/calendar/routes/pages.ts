import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { can } from '../../../kernel/authz/index.js';
import { AppError, fieldErrors } from '../../../kernel/http/errors.js';
import { receiveForm, sendBlob } from '../../../kernel/storage/http.js';
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

/** Which form: a new event, or the change of one. */
interface FormTarget {
  eventId?: string;
}

/** What the person typed, as the form shows it again. */
function formValues(body: Record<string, string | string[] | undefined>): EventFormValues {
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  return {
    kind: str('kind'),
    title: str('title'),
    description: str('description'),
    place: str('place'),
    startDay: str('startDay'),
    endDay: str('endDay'),
    startTime: str('startTime'),
    endTime: str('endTime'),
    audience: Array.isArray(body.audience) ? body.audience : body.audience ? [body.audience] : [],
  };
}

const toInput = (values: EventFormValues): service.EventInput => ({
  kind: values.kind as EventKind,
  title: values.title ?? '',
  description: values.description ?? '',
  place: values.place || null,
  startDay: values.startDay ?? '',
  endDay: values.endDay || null,
  startTime: values.startTime || null,
  endTime: values.endTime || null,
  audience: values.audience ?? [],
});

/** Calendar pages: the month (a table, works without JavaScript), the list, an event, the form. */
export const calendarPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { db: app.db, clock: app.clock, blobs: app.blobs, uploadMaxBytes: app.config.uploadMaxBytes };

  async function renderForm(request: FastifyRequest, reply: FastifyReply, form: FormTarget, values: EventFormValues, errors?: FieldErrors, status?: number) {
    const options = (await reachableTargets(app.db, request.actor, app.clock.now())).map((x) => ({ key: x.key, label: x.label }));
    const title = form.eventId ? t('calendar.edit') : t('calendar.new');
    return reply.page(
      { ...page(), title, status },
      h(EventFormPage, {
        csrf: request.csrfToken,
        values,
        errors,
        options,
        heading: title,
        action: form.eventId ? `/calendar/events/${form.eventId}` : '/calendar/events',
        submit: form.eventId ? t('calendar.saveChanges') : t('calendar.save'),
      }),
    );
  }

  /** Adds or changes the event from the form; bad input shows the form again with what was typed. */
  async function submit(request: FastifyRequest, reply: FastifyReply, form: FormTarget) {
    const values = formValues((request.body ?? {}) as Record<string, string | string[] | undefined>);
    if (request.validationError) return renderForm(request, reply, form, values, { _form: t('error.validation') }, 400);
    try {
      const input = toInput(values);
      const id = form.eventId ?? (await service.createEvent(deps, request.actor, input)).id;
      if (form.eventId) await service.updateEvent(deps, request.actor, form.eventId, input);
      reply.setFlash(form.eventId ? t('calendar.updated') : t('calendar.saved'));
      return reply.redirect(`/calendar/events/${id}`, 303);
    } catch (error) {
      const errors = error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
      if (!errors) throw error;
      return renderForm(request, reply, form, values, errors, 400);
    }
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
    return renderForm(request, reply, {}, { startDay: parisDay(app.clock.now()) });
  });

  app.post('/calendar/events', { config: { personal: true }, schema: { body: schema.EventForm }, attachValidation: true }, async (request, reply) => {
    service.assertMayWrite(request.actor);
    return submit(request, reply, {});
  });

  app.get('/calendar/events/:id/edit', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const e = await service.editableEvent(deps, request.actor, request.params.id);
    return renderForm(
      request,
      reply,
      { eventId: e.id },
      {
        kind: e.kind,
        title: e.title,
        description: e.description,
        place: e.place ?? '',
        startDay: e.startDay,
        endDay: e.endDay ?? '',
        startTime: e.startTime ?? '',
        endTime: e.endTime ?? '',
        audience: e.audience,
      },
    );
  });

  app.post('/calendar/events/:id', { schema: { params: schema.IdParams, body: schema.EventForm }, attachValidation: true }, async (request, reply) => {
    // Refused before anything is read from the form: not the author, not a manager, or cancelled.
    await service.editableEvent(deps, request.actor, request.params.id);
    return submit(request, reply, { eventId: request.params.id });
  });

  app.get('/calendar/events/:id', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const event = await service.eventDetail(deps, request.actor, request.params.id);
    return reply.page({ ...page(), title: event.title }, h(EventPage, { event, csrf: request.csrfToken }));
  });

  app.get('/calendar/events/:id/attachments/:attachmentId', { schema: { params: schema.AttachmentParams } }, async (request, reply) => {
    const file = await service.downloadable(deps, request.actor, request.params.id, request.params.attachmentId);
    return sendBlob(request, reply, { key: file.blobKey, size: file.size, contentType: file.contentType, filename: file.fileName, inline: true });
  });

  // A multipart form: its `_csrf` comes first, and the rule runs before the file is read.
  app.post('/calendar/events/:id/attachments', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const id = request.params.id;
    try {
      await service.addAttachments(deps, request.actor, id, async () => {
        const received = await receiveForm(request, { maxBytes: deps.uploadMaxBytes, maxFiles: service.MAX_FILES });
        if (received.refusal) throw received.refusal;
        return received.files;
      });
    } catch (error) {
      if (!(error instanceof AppError) || error.statusCode >= 500 || error.statusCode === 404) throw error;
      const event = await service.eventDetail(deps, request.actor, id);
      return reply.page(
        { ...page(), title: event.title, status: error.statusCode },
        h(EventPage, { event, csrf: request.csrfToken, fileError: error.message }),
      );
    }
    reply.setFlash(t('calendar.attached'));
    return reply.redirect(`/calendar/events/${id}#attachments`, 303);
  });

  app.post(
    '/calendar/events/:id/attachments/:attachmentId/remove',
    { schema: { params: schema.AttachmentParams, body: schema.ConfirmForm } },
    async (request, reply) => {
      await service.removeAttachment(deps, request.actor, request.params.id, request.params.attachmentId);
      reply.setFlash(t('calendar.detached'));
      return reply.redirect(`/calendar/events/${request.params.id}#attachments`, 303);
    },
  );

  app.post('/calendar/events/:id/cancel', { schema: { params: schema.IdParams, body: schema.ConfirmForm } }, async (request, reply) => {
    await service.cancelEvent(deps, request.actor, request.params.id);
    reply.setFlash(t('calendar.cancelledDone'));
    return reply.redirect(`/calendar/events/${request.params.id}`, 303);
  });
};
