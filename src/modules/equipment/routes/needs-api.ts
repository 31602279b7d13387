import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../../kernel/http/schemas.js';
import * as schema from '../schema.js';
import * as p from '../schema-project.js';
import type { Deps } from '../service/deps.js';
import { commentNeed, listNeeds, recordCommission, reviewNeed, submitNeed } from '../service/needs.js';

const tags = ['equipment'];

/** Step 2's JSON API: needs, their input and review, the commission's decisions. */
export const needsApi: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  app.get(
    '/schools/:id/needs',
    {
      schema: {
        summary: 'Les besoins de l’école pour l’année, avec leur historique daté et les commissions',
        tags,
        params: schema.IdParams,
        response: { 200: p.NeedList, ...errorResponses },
      },
    },
    async (request) => {
      const { schoolYear, items, commissions } = await listNeeds(deps, request.actor, request.params.id);
      return { schoolYear, items, commissions };
    },
  );

  app.post(
    '/schools/:id/needs',
    {
      schema: {
        summary: 'Exprimer un besoin (direction de l’école)',
        description: 'Refusé (400, champ nommé) : justification vide, salle d’une autre école.',
        tags,
        params: schema.IdParams,
        body: p.NeedBody,
        response: { 201: schema.Created, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await submitNeed(deps, request.actor, request.params.id, request.body)),
  );

  app.post(
    '/needs/:id/comments',
    {
      schema: {
        summary: 'Donner son avis sur un besoin (les adultes de l’école, la collectivité)',
        tags,
        params: schema.IdParams,
        body: p.NeedCommentBody,
        response: { 201: schema.Done, ...errorResponses },
      },
    },
    async (request, reply) => {
      await commentNeed(deps, request.actor, request.params.id, request.body.body);
      return reply.code(201).send({ ok: true });
    },
  );

  app.post(
    '/needs/:id/review',
    {
      schema: {
        summary: 'L’examen d’un besoin par la collectivité, avant la commission',
        tags,
        params: schema.IdParams,
        body: p.NeedCommentBody,
        response: { 200: schema.Done, ...errorResponses },
      },
    },
    async (request) => {
      await reviewNeed(deps, request.actor, request.params.id, request.body.body);
      return { ok: true };
    },
  );

  app.post(
    '/schools/:id/commissions',
    {
      schema: {
        summary: 'Enregistrer la décision de la commission conjointe (collectivité), avec les membres présents',
        description:
          'Chaque besoin est accepté (approve), accepté avec une autre quantité (modify, `quantity`) ou refusé (decline). Refusé (400, champ `decisions.N.…`) : besoin d’une autre école ou déjà décidé, quantité manquante ; rien n’est enregistré.',
        tags,
        params: schema.IdParams,
        body: p.CommissionBody,
        response: { 201: schema.Created, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send({ id: (await recordCommission(deps, request.actor, request.params.id, request.body)).id }),
  );
};
