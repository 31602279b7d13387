import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import { CLASSROOM_KIT_ITEMS, SCHOOL_KIT_ITEMS, type Kit } from '../project-tables.js';
import * as schema from '../schema.js';
import * as p from '../schema-project.js';
import type { Deps } from '../service/deps.js';
import { readKit, saveKit } from '../service/review.js';
import { KitPage } from '../views/review.js';
import { inputErrors, strings } from './forms.js';
import { needsPages } from './needs-pages.js';
import { orderForms, ordersSections } from './orders-pages.js';

const page = { title: t('equipment.title'), service: 'equipment' };

/** The kit form's strings as a kit: a field that is not a number stays NaN, which the service refuses by name. */
function kitFrom(v: Record<string, string>): Kit {
  const n = (k: string) => (v[k]?.trim() ? Number(v[k]!.trim()) : NaN);
  return {
    classroom: Object.fromEntries(CLASSROOM_KIT_ITEMS.map((i) => [i, n(`classroom.${i}`)])) as Kit['classroom'],
    school: Object.fromEntries(SCHOOL_KIT_ITEMS.map((i) => [i, n(`school.${i}`)])) as Kit['school'],
    cartMin: n('cartMin'),
    cartMax: n('cartMax'),
  };
}

/** The yearly project's pages: the school's project and the municipality's kit. */
export const projectPages: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  await app.register(needsPages, { ...deps, sections: ordersSections(deps), more: (a, formRoute) => orderForms(a, deps, formRoute) });

  const showKit = async (request: FastifyRequest, reply: FastifyReply, id: string, values?: Record<string, string>, errors?: FieldErrors) => {
    const { municipality, kit, isDefault } = await readKit(deps, request.actor, id);
    return reply.page(
      { ...page, title: t('equipment.kit.title', municipality.name), status: errors ? 400 : 200 },
      h(KitPage, { town: municipality.name, kit, isDefault, csrf: request.csrfToken, values, errors, action: `/equipment/municipalities/${id}/kit` }),
    );
  };
  app.get('/equipment/municipalities/:id/kit', { schema: { params: schema.IdParams } }, async (request, reply) => showKit(request, reply, request.params.id));
  app.post('/equipment/municipalities/:id/kit', { schema: { params: schema.IdParams, body: p.LooseForm }, attachValidation: true }, async (request, reply) => {
    const values = strings(request.body);
    try {
      await saveKit(deps, request.actor, request.params.id, kitFrom(request.validationError ? {} : values));
      reply.setFlash(t('equipment.kit.saved'));
      return reply.redirect(`/equipment/municipalities/${request.params.id}/kit`, 303);
    } catch (error) {
      const errors = inputErrors(error);
      if (!errors) throw error;
      return showKit(request, reply, request.params.id, values, errors);
    }
  });
};
