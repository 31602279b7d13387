import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { can } from '../../../kernel/authz/index.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import { RETURN_CONDITIONS, type ReturnCondition } from '../loan-tables.js';
import { IdParams } from '../schema.js';
import * as schema from '../schema-loans.js';
import type { Deps } from '../service/deps.js';
import { acknowledge, checkLender, lend, loanChoices, loanPage, myLoans, returnLoan, schoolLoans } from '../service/loans.js';
import { LoanPage, MyLoansPage, SchoolLoansPage } from '../views/loans.js';
import { inputErrors, schemaErrors, strings } from './forms.js';

const page = { title: t('equipment.loans.title'), service: 'equipment' };
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const STATES = ['open', 'returned', 'overdue'] as const;

/** The loans' pages: the lender's list and form, a loan with its return, the families' page with its acknowledgement. */
export const loansPages: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  const showSchool = async (request: FastifyRequest, reply: FastifyReply, id: string, values?: Record<string, string>, errors?: FieldErrors) => {
    const q = (request.query ?? {}) as { state?: string; limit?: number; offset?: number };
    const state = (STATES as readonly string[]).includes(q.state ?? '') ? (q.state as (typeof STATES)[number]) : undefined;
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const list = await schoolLoans(deps, request.actor, id, { state, limit, offset });
    const choices = await loanChoices(deps, request.actor, id);
    return reply.page(
      { ...page, title: t('equipment.loans.schoolTitle', list.school.name), status: errors ? 400 : 200 },
      h(SchoolLoansPage, { data: { ...list, ...choices, state, limit, offset }, csrf: request.csrfToken, values, errors }),
    );
  };

  const showLoan = async (request: FastifyRequest, reply: FastifyReply, id: string, values?: Record<string, string>, errors?: FieldErrors) => {
    const { loan, facts } = await loanPage(deps, request.actor, id);
    return reply.page(
      { ...page, title: t('equipment.loan.title', loan.asset), status: errors ? 400 : 200 },
      h(LoanPage, {
        loan,
        csrf: request.csrfToken,
        lender: can(request.actor, 'equipment.loan.lend', facts),
        family: can(request.actor, 'equipment.loan.acknowledge', facts),
        values,
        errors,
      }),
    );
  };

  app.get('/equipment/schools/:id/loans', { schema: { params: IdParams, querystring: schema.LoansPageQuery } }, async (request, reply) =>
    showSchool(request, reply, request.params.id),
  );

  app.post('/equipment/schools/:id/loans', { schema: { params: IdParams, body: schema.LoanForm }, attachValidation: true }, async (request, reply) => {
    const values = strings(request.body);
    // The rule runs first: a refused person learns nothing of the form's checks.
    await loanChoices(deps, request.actor, request.params.id);
    if (request.validationError) return showSchool(request, reply, request.params.id, values, schemaErrors(request));
    const errors: FieldErrors = {};
    for (const k of ['startsOn', 'dueOn'] as const) if (values[k] && !DATE.test(values[k])) errors[k] = t('equipment.error.loanDate');
    if (!values.dueOn) errors.dueOn = t('equipment.error.loanDate');
    const id = (k: string) => (/^[0-9a-f-]{36}$/i.test(values[k] ?? '') ? values[k]! : null);
    if (!id('assetId')) errors.assetId = t('equipment.error.loanAsset');
    if (!id('pupilId')) errors.pupilId = t('equipment.error.loanPupil');
    if (!values.conditions?.trim()) errors.conditions = t('equipment.error.loanConditions');
    if (Object.keys(errors).length > 0) return showSchool(request, reply, request.params.id, values, errors);
    try {
      const created = await lend(deps, request.actor, request.params.id, {
        assetId: id('assetId')!,
        pupilId: id('pupilId')!,
        startsOn: values.startsOn || undefined,
        dueOn: values.dueOn!,
        conditions: values.conditions!,
      });
      reply.setFlash(t('equipment.loans.created'));
      return reply.redirect(`/equipment/loans/${created.id}`, 303);
    } catch (error) {
      const fields = inputErrors(error);
      if (!fields) throw error;
      return showSchool(request, reply, request.params.id, values, fields);
    }
  });

  app.get('/equipment/loans/mine', { config: { personal: true } }, async (request, reply) =>
    reply.page({ ...page, title: t('equipment.loans.mine') }, h(MyLoansPage, { ...(await myLoans(deps, request.actor)), csrf: request.csrfToken })),
  );

  app.get('/equipment/loans/:id', { schema: { params: IdParams } }, async (request, reply) => showLoan(request, reply, request.params.id));

  app.post('/equipment/loans/:id/acknowledge', { schema: { params: IdParams, body: schema.AckForm }, attachValidation: true }, async (request, reply) => {
    const back = strings(request.body).back === 'mine' ? '/equipment/loans/mine' : `/equipment/loans/${request.params.id}`;
    try {
      await acknowledge(deps, request.actor, request.params.id);
      reply.setFlash(t('equipment.loan.acknowledgedFlash'));
      return reply.redirect(back, 303);
    } catch (error) {
      const errors = inputErrors(error);
      if (!errors) throw error;
      return showLoan(request, reply, request.params.id, {}, errors);
    }
  });

  app.post('/equipment/loans/:id/return', { schema: { params: IdParams, body: schema.ReturnForm }, attachValidation: true }, async (request, reply) => {
    const values = strings(request.body);
    await checkLender(deps, request.actor, request.params.id);
    if (request.validationError) return showLoan(request, reply, request.params.id, values, schemaErrors(request));
    const condition = (RETURN_CONDITIONS as readonly string[]).includes(values.condition ?? '') ? (values.condition as ReturnCondition) : null;
    if (!condition) return showLoan(request, reply, request.params.id, values, { condition: t('equipment.error.loanCondition') });
    try {
      await returnLoan(deps, request.actor, request.params.id, { condition, comment: values.comment || null });
      reply.setFlash(t('equipment.loan.returnedFlash'));
      return reply.redirect(`/equipment/loans/${request.params.id}`, 303);
    } catch (error) {
      const errors = inputErrors(error);
      if (!errors) throw error;
      return showLoan(request, reply, request.params.id, values, errors);
    }
  });
};
