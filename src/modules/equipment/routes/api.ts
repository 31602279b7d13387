import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../../kernel/http/schemas.js';
import * as schema from '../schema.js';
import { assetPage, createAsset, createPlace, listAssets, listPlaces, mySchools, updateAsset } from '../service/assets.js';
import type { Deps } from '../service/deps.js';
import { loansApi } from './loans-api.js';
import { projectApi } from './project-api.js';
import { targetsApi } from './targets-api.js';
import { exportAssets, importAssets } from '../service/csv.js';
import { assetLabelData } from '../service/labels.js';
import { municipalityRenewalPlan, schoolRenewalPlan } from '../service/renewal.js';
import { commentTicket, listTickets, reportOnAsset, reportOnPlace, ticketPage, updateTicket } from '../service/tickets.js';

const tags = ['equipment'];

/** The equipment's JSON API under /api/equipment: the same use cases as the pages. */
export const equipmentApi: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  app.get(
    '/schools',
    {
      config: { personal: true },
      schema: {
        summary: 'Les écoles dont on voit l’équipement',
        tags,
        querystring: schema.EmptyQuery,
        response: { 200: schema.SchoolList, ...errorResponses },
      },
    },
    async (request) => ({ items: await mySchools(deps, request.actor) }),
  );

  app.get(
    '/schools/:id/places',
    { schema: { summary: 'Bâtiments et salles d’une école', tags, params: schema.IdParams, response: { 200: schema.PlaceList, ...errorResponses } } },
    async (request) => ({ items: (await listPlaces(deps, request.actor, request.params.id)).places }),
  );

  app.post(
    '/schools/:id/places',
    {
      schema: {
        summary: 'Ajouter un bâtiment ou une salle (collectivité)',
        tags,
        params: schema.IdParams,
        body: schema.PlaceBody,
        response: { 201: schema.Created, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createPlace(deps, request.actor, request.params.id, request.body)),
  );

  app.get(
    '/schools/:id/assets',
    {
      schema: {
        summary: 'L’inventaire d’une école, filtré',
        tags,
        params: schema.IdParams,
        querystring: schema.AssetsQuery,
        response: { 200: schema.AssetList, ...errorResponses },
      },
    },
    async (request) => listAssets(deps, request.actor, request.params.id, request.query),
  );

  app.post(
    '/schools/:id/assets',
    {
      schema: {
        summary: 'Entrer un équipement à l’inventaire (collectivité)',
        description: 'Refusé (400, champ nommé) : salle inconnue, prix négatif, garantie avant l’achat ; 409 : numéro de série déjà pris.',
        tags,
        params: schema.IdParams,
        body: schema.AssetBody,
        response: { 201: schema.Created, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createAsset(deps, request.actor, request.params.id, request.body)),
  );

  app.post(
    '/schools/:id/assets/import',
    {
      bodyLimit: 12 * 1024 * 1024,
      schema: {
        summary: 'Importer des équipements en CSV (collectivité) : toutes les lignes ou aucune',
        description:
          'Une ligne fausse (catégorie, date, prix négatif, salle inconnue, numéro de série déjà pris) : 400 `equipment.import.bad_lines`, chaque ligne fausse dans `error.details` (`line`, `field`, `message`), rien n’est importé.',
        tags,
        params: schema.IdParams,
        body: schema.ImportBody,
        response: { 201: schema.ImportOut, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await importAssets(deps, request.actor, request.params.id, request.body.csv)),
  );

  app.get(
    '/schools/:id/assets.csv',
    { schema: { summary: 'L’inventaire d’une école en CSV (les colonnes de l’import)', tags, params: schema.IdParams } },
    async (request, reply) => {
      const { csv } = await exportAssets(deps, request.actor, request.params.id);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="inventaire.csv"').send(csv);
    },
  );

  app.get(
    '/assets',
    {
      schema: {
        summary: 'Les équipements de toutes les écoles que l’on voit (la collectivité)',
        tags,
        querystring: schema.AssetsQuery,
        response: { 200: schema.AssetList, ...errorResponses },
      },
    },
    async (request) => listAssets(deps, request.actor, null, request.query),
  );

  app.get(
    '/assets/:id',
    {
      schema: {
        summary: 'Un équipement, ses appareils et son historique',
        tags,
        params: schema.IdParams,
        response: { 200: schema.AssetPageOut, ...errorResponses },
      },
    },
    async (request) => {
      const data = await assetPage(deps, request.actor, request.params.id);
      return { asset: data.asset, children: data.children, history: data.history };
    },
  );

  app.patch(
    '/assets/:id',
    {
      schema: {
        summary: 'Modifier un équipement (collectivité) ; chaque changement entre à l’historique',
        tags,
        params: schema.IdParams,
        body: schema.AssetPatch,
        response: { 200: schema.Done, ...errorResponses },
      },
    },
    async (request) => {
      await updateAsset(deps, request.actor, request.params.id, request.body);
      return { ok: true };
    },
  );

  app.get('/assets/:id/label.svg', { schema: { summary: 'Le code QR de l’étiquette (SVG)', tags, params: schema.IdParams } }, async (request, reply) => {
    const label = await assetLabelData(deps, request.actor, request.params.id);
    return reply.type('image/svg+xml').header('cache-control', 'private, max-age=3600').send(label.svg);
  });

  app.post(
    '/assets/:id/tickets',
    {
      config: { activity: 'equipment.ticket.reported' },
      schema: {
        summary: 'Signaler une panne sur un équipement',
        tags,
        params: schema.IdParams,
        body: schema.TicketBody,
        response: { 201: schema.Created, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await reportOnAsset(deps, request.actor, request.params.id, request.body)),
  );

  app.post(
    '/places/:id/tickets',
    {
      config: { activity: 'equipment.ticket.reported' },
      schema: {
        summary: 'Signaler une panne dans une salle',
        tags,
        params: schema.IdParams,
        body: schema.TicketBody,
        response: { 201: schema.Created, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await reportOnPlace(deps, request.actor, request.params.id, request.body)),
  );

  app.get(
    '/tickets',
    {
      config: { personal: true },
      schema: {
        summary: 'Les tickets que l’on suit (les siens ; l’école pour la direction ; les écoles de la collectivité pour ses agents)',
        tags,
        querystring: schema.TicketsQuery,
        response: { 200: schema.TicketList, ...errorResponses },
      },
    },
    async (request) => listTickets(deps, request.actor, request.query),
  );

  app.get(
    '/tickets/:id',
    { schema: { summary: 'Un ticket et son suivi', tags, params: schema.IdParams, response: { 200: schema.TicketPageOut, ...errorResponses } } },
    async (request) => {
      const data = await ticketPage(deps, request.actor, request.params.id);
      return { ticket: data.ticket, notes: data.notes };
    },
  );

  app.patch(
    '/tickets/:id',
    {
      schema: {
        summary: 'Trier un ticket : suivi, agent chargé, commentaire (collectivité) ; le signalant est prévenu',
        tags,
        params: schema.IdParams,
        body: schema.TicketPatch,
        response: { 200: schema.Done, ...errorResponses },
      },
    },
    async (request) => {
      await updateTicket(deps, request.actor, request.params.id, request.body);
      return { ok: true };
    },
  );

  app.post(
    '/tickets/:id/comments',
    {
      schema: {
        summary: 'Commenter un ticket que l’on suit',
        tags,
        params: schema.IdParams,
        body: schema.CommentBody,
        response: { 201: schema.Done, ...errorResponses },
      },
    },
    async (request, reply) => {
      await commentTicket(deps, request.actor, request.params.id, request.body.body);
      return reply.code(201).send({ ok: true });
    },
  );

  app.get(
    '/schools/:id/renewal',
    {
      schema: {
        summary: 'Le plan de renouvellement d’une école (direction, collectivité)',
        tags,
        params: schema.IdParams,
        response: { 200: schema.RenewalPlanOut, ...errorResponses },
      },
    },
    async (request) => (await schoolRenewalPlan(deps, request.actor, request.params.id)).plan,
  );

  app.get(
    '/renewal',
    {
      schema: {
        summary: 'Le plan de renouvellement des écoles de la collectivité, école par école',
        tags,
        querystring: schema.EmptyQuery,
        response: { 200: schema.RenewalPlanOut, ...errorResponses },
      },
    },
    async (request) => (await municipalityRenewalPlan(deps, request.actor)).plan,
  );

  // The options carry this plugin's prefix: the project's routes take only the use cases' needs.
  await app.register(projectApi, { db: deps.db, clock: deps.clock, config: deps.config });
  await app.register(loansApi, { db: deps.db, clock: deps.clock, config: deps.config });
  await app.register(targetsApi, { db: deps.db, clock: deps.clock, config: deps.config });
};
