import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { authorize } from '../../../kernel/authz/index.js';
import { AppError, fieldErrors } from '../../../kernel/http/errors.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import * as usage from '../repository/usage.js';
import * as schema from '../schema.js';
import * as accounts from '../service/accounts.js';
import { today } from '../service/deps.js';
import * as quotients from '../service/quotients.js';
import { managedMunicipality, runMonth } from '../service/run.js';
import { DeskPage, TownsPage, type DeskProps } from '../views/agent.js';
import { InvoicePage } from '../views/invoice.js';
import { monthName } from '../views/format.js';
import { billingDeps, parseEuros } from './deps.js';

const page = (title = t('billing.agent.title')) => ({ title, service: 'billing' });
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month before `day`'s: what an agent usually invoices. */
const previousMonth = (day: string) => {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

/** Refusals the agent can act on come back as the form with the message; anything else is thrown. */
const formErrors = (error: unknown): FieldErrors | null => (error instanceof AppError && [400, 409].includes(error.statusCode) ? fieldErrors(error) : null);

/** The agents' pages: their municipalities, the desk (run, invoices, quotients, payments, export), credit notes. */
export const billingAgentPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = billingDeps(app);

  app.get('/billing/manage', { config: { personal: true } }, async (request, reply) => {
    authorize(request.actor, 'billing.agent.open', {});
    const towns = await usage.municipalitiesAmong(
      deps.db,
      request.actor.structures.map((s) => s.id),
    );
    if (towns.length === 1) return reply.redirect(`/billing/manage/${towns[0]!.id}`, 303);
    return reply.page(page(), h(TownsPage, { towns }));
  });

  async function desk(request: FastifyRequest, reply: FastifyReply, townId: string, month: string | undefined, form?: DeskProps['form']) {
    const town = await managedMunicipality(deps, request.actor, townId);
    const day = today(deps).day;
    const m = month && MONTH.test(month) ? month : previousMonth(day);
    const [runs, invoices, all, pending] = await Promise.all([
      accounts.runsOf(deps, request.actor, townId),
      accounts.municipalityInvoices(deps, request.actor, townId, m),
      accounts.municipalityInvoices(deps, request.actor, townId, null),
      quotients.pendingQuotients(deps, request.actor, townId),
    ]);
    const families = [...new Map(all.map((i) => [i.payerId, { payerId: i.payerId, family: i.family }])).values()];
    return reply.page(
      { ...page(t('billing.agent.town', town.name)), status: form ? 400 : undefined },
      h(DeskPage, { town, month: m, runs, invoices, families, pending, today: day, csrf: request.csrfToken, form }),
    );
  }

  app.get('/billing/manage/:id', { schema: { params: schema.IdParams, querystring: schema.MonthQuery } }, async (request, reply) =>
    desk(request, reply, request.params.id, request.query.month),
  );

  app.post('/billing/manage/:id/runs', { schema: { params: schema.IdParams, body: schema.RunForm }, attachValidation: true }, async (request, reply) => {
    const month = request.body?.month ?? '';
    try {
      const r = await runMonth(deps, request.actor, request.params.id, month);
      reply.setFlash(r.created ? t('billing.agent.runDone', r.invoiceCount, monthName(month)) : t('billing.agent.runAgain', monthName(month)));
    } catch (error) {
      const errors = formErrors(error);
      if (!errors) throw error;
      return desk(request, reply, request.params.id, undefined, { name: 'run', values: { month }, errors: errors._form ? { month: errors._form } : errors });
    }
    return reply.redirect(`/billing/manage/${request.params.id}?month=${month}`, 303);
  });

  app.post(
    '/billing/manage/:id/payments',
    { schema: { params: schema.IdParams, body: schema.PaymentForm }, attachValidation: true },
    async (request, reply) => {
      const body = request.body ?? {};
      const values = { payerId: body.payerId, amount: body.amount, method: body.method, reference: body.reference, receivedOn: body.receivedOn };
      try {
        const cents = parseEuros(body.amount);
        if (cents === null) throw new AppError(400, 'billing.invalid_payment', t('billing.error.amount'));
        await accounts.recordPayment(deps, request.actor, request.params.id, {
          payerId: body.payerId ?? '',
          amountCents: cents,
          method: body.method ?? '',
          reference: body.reference,
          receivedOn: body.receivedOn,
        });
      } catch (error) {
        const errors = formErrors(error);
        if (!errors) throw error;
        return desk(request, reply, request.params.id, undefined, { name: 'payment', values, errors: errors._form ? { amount: errors._form } : errors });
      }
      reply.setFlash(t('billing.agent.paymentDone'));
      return reply.redirect(`/billing/manage/${request.params.id}`, 303);
    },
  );

  app.post(
    '/billing/quotients/:id/review',
    { schema: { params: schema.IdParams, body: schema.ReviewForm }, attachValidation: true },
    async (request, reply) => {
      const decision = request.body?.decision === 'validate' ? 'validate' : 'refuse';
      const q = await quotients.reviewQuotientForPage(deps, request.actor, request.params.id, decision);
      return reply.redirect(`/billing/manage/${q.municipalityId}`, 303);
    },
  );

  app.post(
    '/billing/invoices/:id/credit-notes',
    { schema: { params: schema.IdParams, body: schema.CreditNoteForm }, attachValidation: true },
    async (request, reply) => {
      const body = request.body ?? {};
      try {
        const cents = parseEuros(body.amount);
        if (cents === null) throw new AppError(400, 'billing.invalid_credit_note', t('billing.error.amount'));
        const note = await accounts.issueCreditNote(deps, request.actor, request.params.id, { amountCents: cents, reason: body.reason ?? '' });
        reply.setFlash(t('billing.agent.creditDone', note.number));
      } catch (error) {
        const errors = formErrors(error);
        if (!errors) throw error;
        const invoice = await accounts.readInvoice(deps, request.actor, request.params.id);
        return reply.page(
          { ...page(t('billing.invoice.title', invoice.number)), status: 400 },
          h(InvoicePage, {
            invoice,
            backHref: `/billing/manage/${invoice.municipalityId}?month=${invoice.month}`,
            csrf: request.csrfToken,
            creditForm: { values: { amount: body.amount, reason: body.reason }, errors: errors._form ? { amount: errors._form } : errors },
          }),
        );
      }
      return reply.redirect(`/billing/invoices/${request.params.id}`, 303);
    },
  );
};
