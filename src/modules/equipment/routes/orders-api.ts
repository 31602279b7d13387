import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../../kernel/http/schemas.js';
import * as schema from '../schema.js';
import * as p from '../schema-project.js';
import type { Deps } from '../service/deps.js';
import { confirmInstallation, deliverLine, recordTraining, scheduleInstallation } from '../service/installation.js';
import { approveOrder, budgetOf, createOrder, listOrders, setBudget } from '../service/orders.js';

const tags = ['equipment'];

/** Steps 3 and 4's JSON API: budgets, purchase orders, deliveries, installation and training. */
export const ordersApi: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  app.get(
    '/municipalities/:id/budgets/:year',
    {
      schema: {
        summary: 'Le budget d’équipement d’une année : montant, engagé, reste (collectivité)',
        tags,
        params: p.YearParams,
        response: { 200: p.BudgetOut, ...errorResponses },
      },
    },
    async (request) => budgetOf(deps, request.actor, request.params.id, request.params.year),
  );

  app.put(
    '/municipalities/:id/budgets/:year',
    {
      schema: {
        summary: 'Fixer le budget d’équipement d’une année (élu de la collectivité)',
        description: 'Refusé (400, champ `amount`) : un montant inférieur à ce qui est déjà engagé.',
        tags,
        params: p.YearParams,
        body: p.BudgetBody,
        response: { 200: p.BudgetOut, ...errorResponses },
      },
    },
    async (request) => {
      await setBudget(deps, request.actor, request.params.id, request.params.year, request.body.amount);
      return budgetOf(deps, request.actor, request.params.id, request.params.year);
    },
  );

  app.get(
    '/schools/:id/orders',
    {
      schema: {
        summary: 'Les bons de commande de l’école, leurs lignes et leur installation',
        tags,
        params: schema.IdParams,
        response: { 200: p.OrderList, ...errorResponses },
      },
    },
    async (request) => ({ items: (await listOrders(deps, request.actor, request.params.id)).items }),
  );

  app.post(
    '/schools/:id/orders',
    {
      schema: {
        summary: 'Établir un bon de commande à partir des besoins acceptés (collectivité)',
        description:
          'Refusé (400) : un besoin non accepté ou déjà commandé (`lines.N.needId`), une quantité au-delà de l’accordée (`lines.N.quantity`) ; `equipment.order.over_budget` (champ `lines`) quand le total dépasse le budget restant de l’année. Rien n’est enregistré.',
        tags,
        params: schema.IdParams,
        body: p.OrderBody,
        response: { 201: schema.Created, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send({ id: (await createOrder(deps, request.actor, request.params.id, request.body)).id }),
  );

  app.post(
    '/orders/:id/approve',
    {
      schema: {
        summary: 'Approuver un bon de commande (élu de la collectivité) : le budget est engagé',
        description:
          'Refusé (400) : `equipment.order.over_budget` (champ `total`) quand le total dépasse le budget restant ; `status` quand il n’est plus en attente.',
        tags,
        params: schema.IdParams,
        response: { 200: schema.Done, ...errorResponses },
      },
    },
    async (request) => {
      await approveOrder(deps, request.actor, request.params.id);
      return { ok: true };
    },
  );

  app.post(
    '/orders/:id/lines/:lineId/delivery',
    {
      schema: {
        summary: 'Marquer une ligne livrée : ses équipements entrent à l’inventaire, dans leur salle, avec les données d’achat du bon',
        tags,
        params: p.LineParams,
        body: p.DeliveryBody,
        response: { 201: p.DeliveryOut, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await deliverLine(deps, request.actor, request.params.id, request.params.lineId, request.body.warrantyEnd ?? null)),
  );

  app.put(
    '/orders/:id/installation',
    {
      schema: {
        summary: 'Proposer la date d’installation à l’école (collectivité) ; une nouvelle date attend une nouvelle confirmation',
        tags,
        params: schema.IdParams,
        body: p.InstallationBody,
        response: { 200: schema.Done, ...errorResponses },
      },
    },
    async (request) => {
      await scheduleInstallation(deps, request.actor, request.params.id, request.body);
      return { ok: true };
    },
  );

  app.post(
    '/orders/:id/installation/confirm',
    {
      schema: {
        summary: 'Confirmer la date d’installation (direction de l’école)',
        tags,
        params: schema.IdParams,
        response: { 200: schema.Done, ...errorResponses },
      },
    },
    async (request) => {
      await confirmInstallation(deps, request.actor, request.params.id);
      return { ok: true };
    },
  );

  app.post(
    '/orders/:id/installation/training',
    {
      schema: {
        summary: 'Enregistrer la prise en main et les personnes de l’école présentes (collectivité, direction)',
        tags,
        params: schema.IdParams,
        body: p.TrainingBody,
        response: { 200: schema.Done, ...errorResponses },
      },
    },
    async (request) => {
      await recordTraining(deps, request.actor, request.params.id, request.body);
      return { ok: true };
    },
  );
};
