import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../../kernel/http/schemas.js';
import { chartCsv } from '../csv.js';
import * as schema from '../schema.js';
import { myDashboards, openDashboard, type Deps } from '../service.js';

const tags = ['steering'];

/** The steering JSON API under /api/steering: the same figures as the pages, masked the same way. */
export const steeringApi: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  app.get(
    '/dashboards',
    {
      config: { personal: true },
      schema: {
        summary: 'Les tableaux de bord que l’on peut ouvrir',
        tags,
        querystring: schema.EmptyQuery,
        response: { 200: schema.DashboardList, ...errorResponses },
      },
    },
    async (request) => ({ items: await myDashboards(deps, request.actor) }),
  );

  app.get(
    '/structures/:id',
    {
      schema: {
        summary: 'Les chiffres d’usage d’une école, d’une commune, d’une circonscription ou d’une académie',
        description: 'Tout nombre de personnes inférieur à 5 vaut « < 5 ». 404 : la structure n’existe pas ou ses chiffres ne vous sont pas ouverts.',
        tags,
        params: schema.IdParams,
        querystring: schema.EmptyQuery,
        response: { 200: schema.Dashboard, ...errorResponses },
      },
    },
    async (request) => openDashboard(deps, request.actor, request.params.id),
  );

  app.get(
    '/structures/:id/:chart.csv',
    { schema: { summary: 'Les données d’un graphique en CSV', tags, params: schema.ChartParams, querystring: schema.EmptyQuery } },
    async (request, reply) => {
      const d = await openDashboard(deps, request.actor, request.params.id);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="pilotage-${request.params.chart}.csv"`)
        .send(chartCsv(d, request.params.chart));
    },
  );
};
