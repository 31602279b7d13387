import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import { chartCsv } from '../csv.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import { myDashboards, openDashboard, type Deps } from '../service.js';
import { DashboardPage, IndexPage } from '../views/dashboard.js';

const page = { title: t('steering.title'), service: 'steering' };

/** The steering pages under /steering: server-rendered, charts drawn in SVG with their tables. */
export const steeringPages: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  app.get('/steering', { config: { personal: true }, schema: { querystring: schema.EmptyQuery } }, async (request, reply) =>
    reply.page(page, h(IndexPage, { dashboards: await myDashboards(deps, request.actor) })),
  );

  app.get('/steering/structures/:id', { schema: { params: schema.IdParams, querystring: schema.EmptyQuery } }, async (request, reply) => {
    const d = await openDashboard(deps, request.actor, request.params.id);
    return reply.page({ ...page, title: d.structure.name }, h(DashboardPage, { d }));
  });

  app.get('/steering/structures/:id/:chart.csv', { schema: { params: schema.ChartParams, querystring: schema.EmptyQuery } }, async (request, reply) => {
    const d = await openDashboard(deps, request.actor, request.params.id);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="pilotage-${request.params.chart}.csv"`)
      .send(chartCsv(d, request.params.chart));
  });
};
