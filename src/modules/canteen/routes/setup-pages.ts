import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { AppError, fieldErrors } from '../../../kernel/http/errors.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import * as setupRepo from '../repository/setup.js';
import * as schema from '../schema.js';
import { timeOf } from '../service/deps.js';
import * as setup from '../service/setup.js';
import type { BookingPeriod, ServiceKind } from '../tables.js';
import { ServiceEditPage, TermsPage } from '../views/agent.js';
import { list, oneOf, ruleFrom } from './agent-pages.js';
import { canteenDeps, schemaFieldErrors } from './deps.js';

const page = () => ({ title: t('canteen.title'), service: 'canteen' });
type Values = Record<string, string | string[] | undefined>;

/** A service as the form's fields. */
function serviceValues(s: Awaited<ReturnType<typeof setup.readService>>): Values {
  const rule = (prefix: 'booking' | 'cancel', r: (typeof s)['bookingRule']) => ({
    [`${prefix}Kind`]: r.kind,
    [`${prefix}Time`]: r.time,
    [`${prefix}Weekday`]: r.kind === 'weekBefore' ? String(r.weekday) : undefined,
    [`${prefix}Days`]: r.kind === 'workingDays' ? String(r.days) : undefined,
  });
  return {
    kind: s.kind,
    label: s.label,
    weekdays: s.weekdays.map(String),
    capacity: String(s.capacity),
    period: s.period,
    ...rule('booking', s.bookingRule),
    ...rule('cancel', s.cancellationRule),
    waitingList: s.waitingList ? 'on' : undefined,
  };
}

/** Forms for what the API already sets: editing a service, the municipality's terms. */
export const canteenSetupPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = canteenDeps(app);

  async function editPage(request: FastifyRequest, reply: FastifyReply, id: string, values?: Values, errors?: FieldErrors) {
    const service = await setup.readService(deps, request.actor, id);
    return reply.page(
      { ...page(), title: t('canteen.service.editTitle', service.label), status: errors ? 400 : undefined },
      h(ServiceEditPage, { service, csrf: request.csrfToken, values: values ?? serviceValues(service), errors }),
    );
  }

  app.get('/canteen/services/:id/edit', { schema: { params: schema.IdParams } }, async (request, reply) => editPage(request, reply, request.params.id));

  app.post('/canteen/services/:id', { schema: { params: schema.IdParams, body: schema.ServiceForm }, attachValidation: true }, async (request, reply) => {
    const body = (request.body ?? {}) as Values;
    const values = { ...body, _csrf: undefined };
    if (request.validationError) return editPage(request, reply, request.params.id, values, schemaFieldErrors(request));
    const f = request.body;
    let structureId: string;
    try {
      structureId = (
        await setup.updateService(deps, request.actor, request.params.id, {
          kind: oneOf<ServiceKind>(f.kind, ['canteen', 'morning', 'evening', 'wednesday', 'study'], 'canteen'),
          label: f.label ?? '',
          weekdays: list(f.weekdays).map(Number),
          capacity: /^\d{1,5}$/.test(f.capacity ?? '') ? Number(f.capacity) : -1,
          period: oneOf<BookingPeriod>(f.period, ['week', 'month', 'term', 'year'], 'term'),
          bookingRule: ruleFrom(f, 'booking'),
          cancellationRule: ruleFrom(f, 'cancel'),
          waitingList: f.waitingList === 'on',
        })
      ).structureId;
    } catch (error) {
      const errors = error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
      if (!errors) throw error;
      return editPage(request, reply, request.params.id, values, errors);
    }
    reply.setFlash(t('canteen.service.saved'));
    return reply.redirect(`/canteen/schools/${structureId}`, 303);
  });

  async function termsPage(request: FastifyRequest, reply: FastifyReply, id: string, values?: Record<string, string | undefined>, errors?: FieldErrors) {
    const terms = await setup.readTerms(deps, request.actor, id);
    const [municipality] = await setupRepo.municipalitiesAmong(deps.db, [id]);
    const shown =
      values ??
      Object.fromEntries(
        terms.flatMap((term, i) => [
          [`t${i}label`, term.label],
          [`t${i}startsOn`, term.startsOn],
          [`t${i}endsOn`, term.endsOn],
        ]),
      );
    return reply.page(
      { ...page(), title: t('canteen.terms.title'), status: errors ? 400 : undefined },
      h(TermsPage, { municipality: municipality ?? { id, name: '' }, schoolYear: timeOf(deps).schoolYear, csrf: request.csrfToken, values: shown, errors }),
    );
  }

  app.get('/canteen/municipalities/:id/terms', { schema: { params: schema.IdParams } }, async (request, reply) => termsPage(request, reply, request.params.id));

  app.post(
    '/canteen/municipalities/:id/terms',
    { schema: { params: schema.IdParams, body: schema.TermsForm }, attachValidation: true },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, string | undefined>;
      const values = { ...body, _csrf: undefined };
      if (request.validationError) return termsPage(request, reply, request.params.id, values, schemaFieldErrors(request));
      const rows = [0, 1, 2, 3]
        .map((i) => ({ i, label: body[`t${i}label`] ?? '', startsOn: body[`t${i}startsOn`] ?? '', endsOn: body[`t${i}endsOn`] ?? '' }))
        .filter((r) => r.label.trim() || r.startsOn || r.endsOn);
      try {
        await setup.setTerms(deps, request.actor, request.params.id, rows);
      } catch (error) {
        const errors = error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
        if (!errors) throw error;
        // The service names rows by their rank among the filled ones; the form by their line.
        const byLine = Object.fromEntries(
          Object.entries(errors).map(([k, v]) => [k.replace(/^terms\.(\d+)\./, (_, n: string) => `terms.${rows[Number(n)]?.i ?? n}.`), v]),
        );
        return termsPage(request, reply, request.params.id, values, byLine);
      }
      reply.setFlash(t('canteen.terms.saved'));
      return reply.redirect(`/canteen/municipalities/${request.params.id}/terms`, 303);
    },
  );
};
