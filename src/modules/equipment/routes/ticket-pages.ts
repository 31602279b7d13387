import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { can } from '../../../kernel/authz/index.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import type { Deps } from '../service/deps.js';
import { commentTicket, listTickets, ticketPage, updateTicket } from '../service/tickets.js';
import { TICKET_STATUSES, type TicketStatus } from '../tables.js';
import { TicketPage, TicketsPage } from '../views/tickets.js';
import { inputErrors, schemaErrors, strings } from './forms.js';

const page = { title: t('equipment.tickets'), service: 'equipment' };

/** The tickets' pages: the list one follows, a ticket with its follow-up, triage for the municipality's agents. */
export const ticketPages: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  const showTicket = async (request: FastifyRequest, reply: FastifyReply, id: string, values?: Record<string, string>, errors?: FieldErrors) => {
    const data = await ticketPage(deps, request.actor, id);
    return reply.page(
      { ...page, title: data.ticket.subject, status: errors ? 400 : 200 },
      h(TicketPage, {
        data,
        csrf: request.csrfToken,
        manage: can(request.actor, 'equipment.ticket.manage', data.facts),
        comment: can(request.actor, 'equipment.ticket.comment', data.facts),
        values,
        errors,
      }),
    );
  };

  app.get('/equipment/tickets', { config: { personal: true }, schema: { querystring: schema.TicketsPageQuery } }, async (request, reply) => {
    const q = request.query;
    const status = q.status === 'open' || (TICKET_STATUSES as readonly string[]).includes(q.status ?? '') ? (q.status as TicketStatus | 'open') : undefined;
    const overdue = q.overdue === '1' ? ('1' as const) : undefined;
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const list = await listTickets(deps, request.actor, { status, overdue, limit, offset });
    const filter = Object.fromEntries(Object.entries({ status, overdue }).filter(([, v]) => v !== undefined)) as Record<string, string>;
    return reply.page(page, h(TicketsPage, { ...list, filter, limit, offset }));
  });

  app.get('/equipment/tickets/:id', { schema: { params: schema.IdParams } }, async (request, reply) => showTicket(request, reply, request.params.id));

  app.post('/equipment/tickets/:id', { schema: { params: schema.IdParams, body: schema.TicketUpdateForm }, attachValidation: true }, async (request, reply) => {
    const values = strings(request.body);
    if (request.validationError) {
      await ticketPage(deps, request.actor, request.params.id);
      return showTicket(request, reply, request.params.id, values, schemaErrors(request));
    }
    try {
      const status = (TICKET_STATUSES as readonly string[]).includes(values.status ?? '') ? (values.status as TicketStatus) : undefined;
      await updateTicket(deps, request.actor, request.params.id, { status, assigneeId: values.assigneeId || null, comment: values.comment || null });
      reply.setFlash(t('equipment.ticket.updated'));
      return reply.redirect(`/equipment/tickets/${request.params.id}`, 303);
    } catch (error) {
      const errors = inputErrors(error);
      if (!errors) throw error;
      return showTicket(request, reply, request.params.id, values, errors);
    }
  });

  app.post(
    '/equipment/tickets/:id/comments',
    { schema: { params: schema.IdParams, body: schema.CommentForm }, attachValidation: true },
    async (request, reply) => {
      const values = strings(request.body);
      try {
        await commentTicket(deps, request.actor, request.params.id, request.validationError ? '' : (values.body ?? ''));
        reply.setFlash(t('equipment.ticket.commented'));
        return reply.redirect(`/equipment/tickets/${request.params.id}`, 303);
      } catch (error) {
        const errors = inputErrors(error);
        if (!errors) throw error;
        return showTicket(request, reply, request.params.id, values, errors);
      }
    },
  );
};
