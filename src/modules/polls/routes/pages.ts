import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { can } from '../../../kernel/authz/index.js';
import { AppError, fieldErrors } from '../../../kernel/http/errors.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { nextDay, parisDayStart, parisToday } from '../dates.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import * as service from '../service.js';
import type { PollAudience } from '../tables.js';
import { PollFormPage, PollPage, PollsIndex, type PollFormValues } from '../views/pages.js';

const page = () => ({ title: t('polls.title'), service: 'polls' });

function schemaErrors(request: FastifyRequest): FieldErrors {
  const errors: FieldErrors = {};
  for (const v of request.validationError?.validation ?? []) errors[v.instancePath.replace(/^\//, '').split('/')[0] || '_form'] = t('polls.error.field');
  return Object.keys(errors).length > 0 ? errors : { _form: t('error.validation') };
}

const inputErrors = (error: unknown): FieldErrors | null => (error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null);

/** Polls pages: the list, the creation form, a poll with its vote form and results, the CSV export. */
export const pollsPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { db: app.db, clock: app.clock };

  app.get('/polls', { config: { personal: true }, schema: { querystring: schema.ListQuery } }, async (request, reply) => {
    const polls = await service.listPolls(deps, request.actor, { limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 });
    return reply.page(page(), h(PollsIndex, { polls, writer: can(request.actor, 'polls.poll.write', {}) }));
  });

  async function form(request: FastifyRequest, reply: FastifyReply, values: PollFormValues, errors?: FieldErrors) {
    const choices = await service.creationChoices(deps, request.actor);
    return reply.page(
      { ...page(), title: t('polls.form.title'), status: errors ? 400 : 200 },
      h(PollFormPage, { csrf: request.csrfToken, choices, values, errors }),
    );
  }

  app.get('/polls/new', { config: { personal: true } }, async (request, reply) => {
    const today = parisToday(app.clock.now());
    return form(request, reply, { opensOn: today, closesOn: today });
  });

  app.post('/polls', { schema: { body: schema.PollForm }, attachValidation: true }, async (request, reply) => {
    const f = request.body ?? {};
    const values: PollFormValues = {
      ...f,
      personIds: [f.personIds ?? []].flat(),
      multiple: !!f.multiple,
      perFamily: !!f.perFamily,
      anonymous: !!f.anonymous,
      resultsLive: !!f.resultsLive,
    };
    if (request.validationError) return form(request, reply, values, schemaErrors(request));
    try {
      const saved = await service.createPoll(deps, request.actor, {
        audience: (f.audience ?? 'classParents') as PollAudience,
        groupId: f.groupId || null,
        personIds: values.personIds,
        title: f.title ?? '',
        description: f.description ?? '',
        options: (f.options ?? '').split(/\r?\n/),
        multiple: !!f.multiple,
        perFamily: !!f.perFamily,
        anonymous: !!f.anonymous,
        resultsLive: !!f.resultsLive,
        opensAt: f.opensOn ? parisDayStart(f.opensOn).toISOString() : '',
        closesAt: f.closesOn ? parisDayStart(nextDay(f.closesOn)).toISOString() : '',
      });
      reply.setFlash(t('polls.created'));
      return reply.redirect(`/polls/${saved.id}`, 303);
    } catch (error) {
      const errors = inputErrors(error);
      if (!errors) throw error;
      return form(request, reply, values, errors);
    }
  });

  app.get('/polls/:id', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const poll = await service.pollDetail(deps, request.actor, request.params.id);
    return reply.page({ ...page(), title: poll.title }, h(PollPage, { poll, csrf: request.csrfToken }));
  });

  app.post('/polls/:id/vote', { schema: { params: schema.IdParams, body: schema.VoteForm }, attachValidation: true }, async (request, reply) => {
    const again = async (errors: FieldErrors) => {
      const poll = await service.pollDetail(deps, request.actor, request.params.id);
      return reply.page({ ...page(), title: poll.title, status: 400 }, h(PollPage, { poll, csrf: request.csrfToken, errors }));
    };
    if (request.validationError) return again(schemaErrors(request));
    try {
      await service.vote(deps, request.actor, request.params.id, {
        optionIds: [request.body.optionIds ?? []].flat(),
        studentId: request.body.studentId || null,
      });
    } catch (error) {
      const errors = error instanceof AppError && (error.statusCode === 400 || error.statusCode === 409) ? fieldErrors(error) : null;
      if (!errors) throw error;
      return again(errors);
    }
    reply.setFlash(t('polls.vote.done'));
    return reply.redirect(`/polls/${request.params.id}`, 303);
  });

  app.post('/polls/:id/withdraw', { schema: { params: schema.IdParams, body: schema.CsrfOnly } }, async (request, reply) => {
    await service.editPoll(deps, request.actor, request.params.id, { withdraw: true });
    reply.setFlash(t('polls.withdrawn.done'));
    return reply.redirect(`/polls/${request.params.id}`, 303);
  });

  app.get('/polls/:id/results.csv', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const { filename, csv } = await service.exportResults(deps, request.actor, request.params.id);
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(csv);
  });
};
