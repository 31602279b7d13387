import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { authorize } from '../../../kernel/authz/index.js';
import { AppError, fieldErrors } from '../../../kernel/http/errors.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import * as repo from '../repository/tariffs.js';
import * as schema from '../schema.js';
import { managedMunicipality } from '../service/run.js';
import * as tariffs from '../service/tariffs.js';
import type { Bracket } from '../tables.js';
import { BRACKET_ROWS, TariffsPage } from '../views/tariffs.js';
import { billingDeps, parseEuros } from './deps.js';

/** The agents' tariff page: each service's prices by bracket of quotient familial. */
export const billingTariffPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = billingDeps(app);

  async function tariffsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    townId: string,
    typed?: { serviceId: string; values: Record<string, string | undefined>; errors: FieldErrors },
  ) {
    const town = await managedMunicipality(deps, request.actor, townId);
    const rows = await tariffs.listTariffs(deps, request.actor, townId);
    return reply.page(
      { title: t('billing.tariff.title', town.name), service: 'billing', status: typed ? 400 : undefined },
      h(TariffsPage, { town, rows, csrf: request.csrfToken, typed }),
    );
  }

  app.get('/billing/manage/:id/tariffs', { schema: { params: schema.IdParams } }, async (request, reply) => tariffsPage(request, reply, request.params.id));

  app.post('/billing/services/:id/tariff', { schema: { params: schema.IdParams, body: schema.TariffForm }, attachValidation: true }, async (request, reply) => {
    const service = await repo.findService(deps.db, request.params.id);
    authorize(request.actor, 'billing.municipality.manage', service);
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    const values = { ...body, _csrf: undefined };
    const errors: FieldErrors = {};
    const brackets: Bracket[] = [];
    for (let i = 0; i < BRACKET_ROWS; i += 1) {
      const priceText = body[`b${i}price`]?.trim() ?? '';
      const upToText = body[`b${i}upTo`]?.trim() ?? '';
      if (!priceText && !upToText) continue;
      const cents = parseEuros(priceText);
      if (cents === null) errors[`b${i}price`] = t('billing.error.price');
      if (upToText && !/^\d{1,6}$/.test(upToText)) errors[`b${i}upTo`] = t('billing.error.field');
      brackets.push({ upTo: upToText ? Number(upToText) : null, cents: cents ?? 0 });
    }
    const surcharge = body.surcharge?.trim() ? parseEuros(body.surcharge) : 0;
    if (surcharge === null) errors.walkInSurchargeCents = t('billing.error.price');
    try {
      if (Object.keys(errors).length > 0 || request.validationError) throw new AppError(400, 'billing.invalid_tariff', t('billing.error.field'));
      await tariffs.setTariff(deps, request.actor, request.params.id, { brackets, walkInSurchargeCents: surcharge ?? 0 });
    } catch (error) {
      const found = error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
      if (!found) throw error;
      return tariffsPage(request, reply, service.municipalityId, { serviceId: service.id, values, errors: Object.keys(errors).length > 0 ? errors : found });
    }
    reply.setFlash(t('billing.tariff.saved', service.label));
    return reply.redirect(`/billing/manage/${service.municipalityId}/tariffs`, 303);
  });
};
