import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { can } from '../../../kernel/authz/index.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import * as agenda from '../service/agenda.js';
import { calendarStatus, calendarUrl, regenerateCalendarToken, revokeCalendarToken } from '../service/calendar.js';
import { AgendaPage, HistoryPage } from '../views/agenda.js';
import { homeworkDeps, schemaFieldErrors } from './deps.js';

/** The page's title and service, in the request's language. */
const page = () => ({ title: t('homework.agenda.title'), service: 'homework' });

/** Families' pages: the agenda with its ticks, the lesson history, the calendar feed address. */
export const homeworkAgendaPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = homeworkDeps(app);

  async function renderAgenda(request: FastifyRequest, reply: FastifyReply, opts: { childId?: string; newUrl?: string; errors?: FieldErrors }) {
    const actor = request.actor;
    const calendar = await calendarStatus(deps, actor);
    // Teachers manage their own feed from the cahier de textes page: they see the new address here.
    if (opts.newUrl && !can(actor, 'homework.agenda.open', {}))
      return reply.page(
        { ...page(), title: t('homework.calendar.title') },
        h(AgendaPage, { agenda: null, csrf: request.csrfToken, children: null, calendar, newUrl: opts.newUrl }),
      );
    const view = await agenda.agendaPage(deps, actor, opts.childId);
    return reply.page(
      { ...page(), status: opts.errors ? 400 : undefined },
      h(AgendaPage, { ...view, csrf: request.csrfToken, calendar, newUrl: opts.newUrl, errors: opts.errors }),
    );
  }

  app.get('/homework/agenda', { schema: { querystring: schema.ChildQuery } }, async (request, reply) =>
    renderAgenda(request, reply, { childId: request.query.child }),
  );

  app.post('/homework/assignments/:id/done', { schema: { params: schema.IdParams, body: schema.DoneForm }, attachValidation: true }, async (request, reply) => {
    if (request.validationError) return renderAgenda(request, reply, { errors: schemaFieldErrors(request) });
    const result = await agenda.setDone(deps, request.actor, request.params.id, request.body.done === '1', request.body.studentId);
    reply.setFlash(t('homework.done.saved'));
    return reply.redirect(request.actor.profile === 'relative' ? `/homework/agenda?child=${result.studentId}` : '/homework/agenda', 303);
  });

  app.post('/homework/calendar', { config: { personal: true }, schema: { body: schema.ConfirmForm } }, async (request, reply) => {
    const url = calendarUrl(app.config.publicUrl, await regenerateCalendarToken(deps, request.actor));
    return renderAgenda(request, reply, { newUrl: url });
  });

  app.post('/homework/calendar/revoke', { config: { personal: true }, schema: { body: schema.ConfirmForm } }, async (request, reply) => {
    await revokeCalendarToken(deps, request.actor);
    reply.setFlash(t('homework.calendar.revoked'));
    return reply.redirect(can(request.actor, 'homework.agenda.open', {}) ? '/homework/agenda' : '/homework', 303);
  });

  app.get('/homework/history', { schema: { querystring: schema.ChildQuery } }, async (request, reply) => {
    const history = await agenda.history(deps, request.actor, request.query.child, request.query.subject || undefined);
    return reply.page({ ...page(), title: t('homework.history.title') }, h(HistoryPage, history));
  });
};
