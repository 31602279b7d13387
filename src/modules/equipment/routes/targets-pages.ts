import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import { IdParams } from '../schema.js';
import { LooseForm } from '../schema-project.js';
import type { Targets } from '../settings-tables.js';
import type { Deps } from '../service/deps.js';
import { AGE_CATEGORIES, readTargets, RESOLUTION_SUBJECTS, saveTargets } from '../service/targets.js';
import { TargetsPage } from '../views/targets.js';
import { inputErrors, strings } from './forms.js';

/** The form's strings as targets: a field that is not a whole number stays NaN, which the service refuses by name. */
function targetsFrom(v: Record<string, string>): Targets {
  const n = (k: string) => (/^\s*\d+\s*$/.test(v[k] ?? '') ? Number(v[k]) : NaN);
  return {
    ages: Object.fromEntries(AGE_CATEGORIES.map((c) => [c, n(`ages.${c}`)])) as Targets['ages'],
    resolutionDays: Object.fromEntries(RESOLUTION_SUBJECTS.map((c) => [c, n(`resolutionDays.${c}`)])) as Targets['resolutionDays'],
  };
}

/** The technician's page of the municipality's renewal ages and resolution targets. */
export const targetsPages: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  const show = async (request: FastifyRequest, reply: FastifyReply, id: string, values?: Record<string, string>, errors?: FieldErrors) => {
    const { municipality, targets, isDefault } = await readTargets(deps, request.actor, id);
    return reply.page(
      { title: t('equipment.targets.title', municipality.name), service: 'equipment', status: errors ? 400 : 200 },
      h(TargetsPage, {
        town: municipality.name,
        targets,
        isDefault,
        csrf: request.csrfToken,
        action: `/equipment/municipalities/${id}/targets`,
        values,
        errors,
      }),
    );
  };

  app.get('/equipment/municipalities/:id/targets', { schema: { params: IdParams } }, async (request, reply) => show(request, reply, request.params.id));

  app.post('/equipment/municipalities/:id/targets', { schema: { params: IdParams, body: LooseForm }, attachValidation: true }, async (request, reply) => {
    const values = strings(request.body);
    try {
      await saveTargets(deps, request.actor, request.params.id, targetsFrom(request.validationError ? {} : values));
      reply.setFlash(t('equipment.targets.saved'));
      return reply.redirect(`/equipment/municipalities/${request.params.id}/targets`, 303);
    } catch (error) {
      const errors = inputErrors(error);
      if (!errors) throw error;
      return show(request, reply, request.params.id, values, errors);
    }
  });
};
