import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../../kernel/http/schemas.js';
import type { Kit } from '../project-tables.js';
import * as schema from '../schema.js';
import * as p from '../schema-project.js';
import type { Deps } from '../service/deps.js';
import { needsApi } from './needs-api.js';
import { ordersApi } from './orders-api.js';
import { designateOfficials, readKit, saveKit, schoolReview } from '../service/review.js';

const tags = ['equipment'];

/** The yearly project's JSON API: the kit, the état des lieux, needs, budgets, orders and installations. */
export const projectApi: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  app.get(
    '/municipalities/:id/kit',
    {
      schema: {
        summary: 'L’équipement recommandé de la collectivité (ses agents)',
        tags,
        params: schema.IdParams,
        response: { 200: p.KitOut, ...errorResponses },
      },
    },
    async (request) => {
      const { kit, isDefault } = await readKit(deps, request.actor, request.params.id);
      return { kit, isDefault };
    },
  );

  app.put(
    '/municipalities/:id/kit',
    {
      schema: {
        summary: 'Changer l’équipement recommandé (technicien de la collectivité)',
        description: 'Refusé (400, champ nommé) : une quantité hors de 0 à 50, un maximum de classe mobile sous son minimum.',
        tags,
        params: schema.IdParams,
        body: p.KitBody,
        response: { 200: schema.Done, ...errorResponses },
      },
    },
    async (request) => {
      await saveKit(deps, request.actor, request.params.id, request.body as Kit);
      return { ok: true };
    },
  );

  app.put(
    '/municipalities/:id/officials',
    {
      schema: {
        summary: 'Nommer les élus de la collectivité pour l’équipement (administrateurs)',
        description: 'Les élus fixent le budget et approuvent les bons de commande ; ce sont des agents de la collectivité (400 sinon).',
        tags,
        params: schema.IdParams,
        body: p.OfficialsBody,
        response: { 200: schema.Done, ...errorResponses },
      },
    },
    async (request) => {
      await designateOfficials(deps, request.actor, request.params.id, request.body.personIds);
      return { ok: true };
    },
  );

  app.get(
    '/schools/:id/review',
    {
      schema: {
        summary: 'L’état des lieux d’une école : chaque classe face à l’équipement recommandé, les taux d’équipement',
        tags,
        params: schema.IdParams,
        response: { 200: p.ReviewOut, ...errorResponses },
      },
    },
    async (request) => {
      const r = await schoolReview(deps, request.actor, request.params.id);
      return {
        schoolYear: r.schoolYear,
        kit: r.kit,
        kitIsDefault: r.kitIsDefault,
        classrooms: r.classrooms,
        schoolItems: r.schoolItems,
        outOfWarranty: r.outOfWarranty,
        pupils: r.pupils,
        devices: r.devices,
        devicesPerPupil: r.devicesPerPupil,
      };
    },
  );

  await app.register(needsApi, deps);
  await app.register(ordersApi, deps);
};
