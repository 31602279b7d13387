import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorResponse, errorResponses } from '../../../kernel/http/schemas.js';
import * as schema from '../schema.js';
import * as budgets from '../service/budgets.js';
import * as licences from '../service/licences.js';
import { resourcesDeps } from './deps.js';

const tags = ['resources'];
const security = [{ session: [] }];
const Created = Type.Object({ id: Type.String() });
const withConflict = { ...errorResponses, 409: ErrorResponse };

/** JSON API of budgets, baskets and licences under /api/resources. Amounts in euro cents. */
export const resourcesBudgetsApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = resourcesDeps(app);

  app.get('/budgets', {
    schema: {
      tags,
      security,
      summary: 'Écoles dont on fixe le budget ressources, avec celui de l’année (académie, agents de la commune)',
      response: { 200: Type.Array(schema.SchoolBudget), ...errorResponses },
    },
    handler: async (request) => budgets.listFundedSchools(deps, request.actor),
  });

  app.put('/schools/:id/budget', {
    schema: {
      tags,
      security,
      summary: 'Fixer le budget ressources de l’année d’une école (académie, commune de l’école)',
      params: schema.IdParams,
      body: schema.BudgetBody,
      response: { 200: schema.Budget, ...withConflict },
    },
    handler: async (request) => budgets.setBudget(deps, request.actor, request.params.id, request.body.amountCents),
  });

  app.get('/schools/:id/basket', {
    schema: {
      tags,
      security,
      summary: 'Le panier de ressources de l’école pour l’année, et son budget',
      params: schema.IdParams,
      response: { 200: schema.Basket, ...errorResponses },
    },
    handler: async (request) => budgets.readBasket(deps, request.actor, request.params.id),
  });

  app.post('/schools/:id/basket', {
    schema: {
      tags,
      security,
      summary: 'Proposer une ressource du catalogue au panier, pour une classe ou un niveau (enseignant de l’école)',
      params: schema.IdParams,
      body: schema.BasketLineBody,
      response: { 201: Created, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await budgets.proposeLine(deps, request.actor, request.params.id, request.body)),
  });

  app.post('/basket-lines/:id/decision', {
    schema: {
      tags,
      security,
      summary: 'Valider (dans le budget, sinon 409) ou refuser une ligne du panier (directeur)',
      params: schema.IdParams,
      body: schema.DecisionBody,
      response: { 200: schema.Basket, ...withConflict },
    },
    handler: async (request) => budgets.decideLine(deps, request.actor, request.params.id, request.body.decision),
  });

  app.get('/schools/:id/basket/order.csv', {
    schema: {
      tags,
      security,
      summary: 'Le panier validé comme bon de commande (CSV, point-virgule, UTF-8)',
      params: schema.IdParams,
      produces: ['text/csv'],
      response: { 200: Type.String(), ...errorResponses },
    },
    handler: async (request, reply) => {
      const { name, csv } = await budgets.orderCsv(deps, request.actor, request.params.id);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${encodeURIComponent(name)}.csv"`)
        .send(csv);
    },
  });

  app.get('/schools/:id/licences', {
    schema: {
      tags,
      security,
      summary: 'Les licences de l’école, les renouvellements à prévoir signalés (direction)',
      params: schema.IdParams,
      querystring: schema.LicencesQuery,
      response: { 200: Type.Array(schema.Licence), ...errorResponses },
    },
    handler: async (request) => licences.listLicences(deps, request.actor, request.params.id, request.query),
  });

  app.post('/schools/:id/licences', {
    schema: {
      tags,
      security,
      summary: 'Enregistrer la licence d’une ressource pour une classe ou un niveau (direction)',
      params: schema.IdParams,
      body: schema.LicenceBody,
      response: { 201: Created, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await licences.addLicence(deps, request.actor, request.params.id, request.body)),
  });
};
