import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import * as p from '../schema-project.js';
import type { Deps } from '../service/deps.js';
import { confirmInstallation, deliverLine, recordTraining, scheduleInstallation } from '../service/installation.js';
import { listNeeds } from '../service/needs.js';
import { approveOrder, createOrder, ordersPageData, schoolOfOrder, setSchoolBudget } from '../service/orders.js';
import type { FormState } from '../views/needs.js';
import { OrdersSections } from '../views/orders.js';
import { orderFrom } from './project-forms.js';

type FormRoute = (
  key: (request: FastifyRequest) => string,
  schoolOf: (request: FastifyRequest) => Promise<string>,
  run: (request: FastifyRequest, v: Record<string, string>) => Promise<string>,
) => (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** Steps 3 and 4 of the project page. */
export const ordersSections = (deps: Deps) => async (request: FastifyRequest, schoolId: string, forms: Record<string, FormState>) => {
  const [data, needs] = await Promise.all([ordersPageData(deps, request.actor, schoolId), listNeeds(deps, request.actor, schoolId)]);
  const approvedNeeds = needs.items.filter((n) => n.status === 'approved' || n.status === 'modified');
  return [h(OrdersSections, { data: { ...data, schoolId, approvedNeeds }, csrf: request.csrfToken, forms })];
};

const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;
const number = (s: string | undefined) => (s?.trim() ? Number(s.replace(/\s/g, '').replace(',', '.')) : NaN);

/** The forms of steps 3 and 4, each back to the school's project. */
export function orderForms(app: FastifyInstance, deps: Deps, formRoute: FormRoute) {
  const school = async (request: FastifyRequest) => idOf(request);
  const orderSchool = async (request: FastifyRequest) => (await schoolOfOrder(deps, idOf(request))) ?? '';
  const post = (url: string, body: unknown, handler: ReturnType<FormRoute>, params: unknown = schema.IdParams) =>
    app.post(url, { schema: { params, body } as never, attachValidation: true }, handler);

  post(
    '/equipment/schools/:id/budget',
    p.LooseForm,
    formRoute(
      () => 'budget',
      school,
      async (request, v) => {
        await setSchoolBudget(deps, request.actor, idOf(request), number(v.amount));
        return t('equipment.budget.saved');
      },
    ),
  );
  post(
    '/equipment/schools/:id/orders',
    p.LooseForm,
    formRoute(
      () => 'order',
      school,
      async (request, v) => {
        const input = orderFrom(v);
        await createOrder(deps, request.actor, idOf(request), input.order).catch((error: unknown) => input.byNeed(error));
        return t('equipment.order.created');
      },
    ),
  );
  post(
    '/equipment/orders/:id/approve',
    p.LooseForm,
    formRoute(
      (request) => `approve:${idOf(request)}`,
      orderSchool,
      async (request) => {
        await approveOrder(deps, request.actor, idOf(request));
        return t('equipment.order.approved');
      },
    ),
  );
  post(
    '/equipment/orders/:id/lines/:lineId/delivery',
    p.LooseForm,
    formRoute(
      (request) => `deliver:${(request.params as { lineId: string }).lineId}`,
      orderSchool,
      async (request, v) => {
        const { assetIds } = await deliverLine(
          deps,
          request.actor,
          idOf(request),
          (request.params as { lineId: string }).lineId,
          v.warrantyEnd?.trim() || null,
        );
        return t('equipment.order.delivered', assetIds.length);
      },
    ),
    p.LineParams,
  );
  post(
    '/equipment/orders/:id/installation',
    p.LooseForm,
    formRoute(
      (request) => `schedule:${idOf(request)}`,
      orderSchool,
      async (request, v) => {
        await scheduleInstallation(deps, request.actor, idOf(request), { scheduledFor: v.scheduledFor?.trim() ?? '', note: v.note ?? null });
        return t('equipment.installation.scheduled');
      },
    ),
  );
  post(
    '/equipment/orders/:id/installation/confirm',
    p.LooseForm,
    formRoute(
      (request) => `schedule:${idOf(request)}`,
      orderSchool,
      async (request) => {
        await confirmInstallation(deps, request.actor, idOf(request));
        return t('equipment.installation.confirmed');
      },
    ),
  );
  post(
    '/equipment/orders/:id/installation/training',
    p.LooseForm,
    formRoute(
      (request) => `training:${idOf(request)}`,
      orderSchool,
      async (request, v) => {
        // Checkboxes arrive as one string or several.
        const raw = (request.body as Record<string, unknown> | undefined)?.attendeeIds;
        const attendeeIds = (Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : []).filter(
          (x): x is string => typeof x === 'string' && /^[0-9a-f-]{36}$/i.test(x),
        );
        await recordTraining(deps, request.actor, idOf(request), { heldOn: v.heldOn?.trim() ?? '', attendeeIds, notes: v.notes ?? null });
        return t('equipment.training.recorded');
      },
    ),
  );
}
