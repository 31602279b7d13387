import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type VNode } from 'preact';
import { can } from '../../../kernel/authz/index.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import * as p from '../schema-project.js';
import { listPlaces } from '../service/assets.js';
import type { Deps } from '../service/deps.js';
import { commentNeed, listNeeds, recordCommission, reviewNeed, schoolOfNeed, submitNeed } from '../service/needs.js';
import { schoolReview } from '../service/review.js';
import { NeedsSection, type FormState, type NeedsData } from '../views/needs.js';
import { ProjectPage } from '../views/project.js';
import { inputErrors, strings } from './forms.js';
import { byNeed, commissionFrom, parseNeedForm } from './project-forms.js';

const page = { title: t('equipment.title'), service: 'equipment' };
type Sections = (request: FastifyRequest, schoolId: string, forms: Record<string, FormState>) => Promise<VNode<any>[]>;

/** The school's project page, and the forms of step 2; later steps add their sections through `sections`. */
export const needsPages: FastifyPluginAsyncTypebox<Deps & { sections: Sections; more: (app: FastifyInstance, formRoute: never) => void }> = async (
  app,
  { sections, more, ...deps },
) => {
  const showProject = async (request: FastifyRequest, reply: FastifyReply, id: string, forms: Record<string, FormState> = {}) => {
    const review = await schoolReview(deps, request.actor, id);
    const [needs, { places }, more] = await Promise.all([
      listNeeds(deps, request.actor, id),
      listPlaces(deps, request.actor, id),
      sections(request, id, forms),
    ]);
    const town = review.school.municipalityId;
    const kitHref =
      town && can(request.actor, 'equipment.kit.edit', { municipalityId: town, officialIds: [] }) ? `/equipment/municipalities/${town}/kit` : null;
    const facts = review.facts;
    const data: NeedsData = {
      schoolId: id,
      items: needs.items,
      commissions: needs.commissions,
      places: places.filter((x) => x.kind === 'room'),
      canSubmit: can(request.actor, 'equipment.need.submit', facts),
      canComment: can(request.actor, 'equipment.need.comment', facts),
      canReview: can(request.actor, 'equipment.need.review', facts),
    };
    return reply.page(
      { ...page, title: t('equipment.project.title', review.school.name), status: Object.keys(forms).length > 0 ? 400 : 200 },
      h(ProjectPage, { review, kitHref }, h(NeedsSection, { data, csrf: request.csrfToken, forms }), ...more),
    );
  };

  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;
  const needSchool = async (request: FastifyRequest) => (await schoolOfNeed(deps, idOf(request))) ?? '';
  /** A form's use case: back to the project when done; the page again (400) with the form's messages and typed values on bad input. */
  const formRoute =
    (
      key: (request: FastifyRequest) => string,
      schoolOf: (request: FastifyRequest) => Promise<string>,
      run: (request: FastifyRequest, v: Record<string, string>) => Promise<string>,
    ) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const values = strings(request.body);
      try {
        reply.setFlash(await run(request, request.validationError ? {} : values));
        return reply.redirect(`/equipment/schools/${await schoolOf(request)}/project`, 303);
      } catch (error) {
        const errors = inputErrors(error);
        if (!errors) throw error;
        return showProject(request, reply, await schoolOf(request), { [key(request)]: { values, errors } });
      }
    };
  const school = async (request: FastifyRequest) => idOf(request);

  app.get('/equipment/schools/:id/project', { schema: { params: schema.IdParams } }, async (request, reply) => showProject(request, reply, request.params.id));

  app.post(
    '/equipment/schools/:id/needs',
    { schema: { params: schema.IdParams, body: p.NeedForm }, attachValidation: true },
    formRoute(
      () => 'need',
      school,
      async (request, v) => {
        const parsed = parseNeedForm(v);
        await submitNeed(deps, request.actor, idOf(request), parsed.input, parsed.errors);
        return t('equipment.need.submitted');
      },
    ),
  );
  app.post(
    '/equipment/needs/:id/comments',
    { schema: { params: schema.IdParams, body: p.CommentForm }, attachValidation: true },
    formRoute(
      (request) => `comment:${idOf(request)}`,
      needSchool,
      async (request, v) => {
        await commentNeed(deps, request.actor, idOf(request), v.body ?? '');
        return t('equipment.need.commented');
      },
    ),
  );
  app.post(
    '/equipment/needs/:id/review',
    { schema: { params: schema.IdParams, body: p.CommentForm }, attachValidation: true },
    formRoute(
      (request) => `review:${idOf(request)}`,
      needSchool,
      async (request, v) => {
        await reviewNeed(deps, request.actor, idOf(request), v.body ?? '');
        return t('equipment.need.reviewed');
      },
    ),
  );
  app.post(
    '/equipment/schools/:id/commissions',
    { schema: { params: schema.IdParams, body: p.LooseForm }, attachValidation: true },
    formRoute(
      () => 'commission',
      school,
      async (request, v) => {
        const input = commissionFrom(v);
        const { decided } = await recordCommission(deps, request.actor, idOf(request), input).catch((error: unknown) => byNeed(error, input));
        return t('equipment.commission.recorded', decided);
      },
    ),
  );

  more(app as unknown as FastifyInstance, formRoute as never);
};
