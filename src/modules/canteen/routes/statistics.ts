import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { toCsv } from '../../../kernel/csv.js';
import { errorResponses } from '../../../kernel/http/schemas.js';
import { withLocale } from '../../../kernel/i18n/index.js';
import { h } from 'preact';
import { ts as t } from '../i18n/statistics.js';
import * as schema from '../schema.js';
import { monthStatistics } from '../service/statistics.js';
import { statisticsCsv, StatisticsPage } from '../views/statistics.js';
import type { Deps } from '../service/deps.js';

const ServiceRow = Type.Object({
  serviceId: Type.String(),
  structureId: Type.String(),
  school: Type.String(),
  kind: Type.String(),
  label: Type.String(),
  daysCalled: Type.Integer({ description: 'Jours avec un appel.' }),
  booked: Type.Integer({ description: 'Journées-enfants réservées (à la fin du mois).' }),
  waiting: Type.Integer({ description: 'En liste d’attente.' }),
  cancelled: Type.Integer({ description: 'Annulées.' }),
  present: Type.Integer({ description: 'Présents avec réservation.' }),
  absent: Type.Integer({ description: 'Absents à l’appel.' }),
  presentUnbooked: Type.Integer({ description: 'Présents sans réservation.' }),
  attendanceRate: Type.Union([Type.Number(), Type.Null()], { description: 'Présents sur réservés pointés (0–1) ; null sans appel.' }),
});
const Totals = Type.Object({
  booked: Type.Integer(),
  waiting: Type.Integer(),
  cancelled: Type.Integer(),
  present: Type.Integer(),
  absent: Type.Integer(),
  presentUnbooked: Type.Integer(),
});
const Statistics = Type.Object({ municipalityId: Type.String(), month: Type.String(), services: Type.Array(ServiceRow), totals: Totals });

/** Attendance statistics per school, service and month, for the municipality's agents: JSON, page and CSV. */
export const canteenStatistics: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/api/canteen/municipalities/:id/statistics', {
    schema: {
      tags: ['canteen'],
      security: [{ session: [] }],
      summary: 'Fréquentation du mois par école et service (agents de la commune)',
      params: schema.IdParams,
      querystring: schema.MonthQuery,
      response: { 200: Statistics, ...errorResponses },
    },
    handler: async (request) => monthStatistics(deps, request.actor, request.params.id, request.query.month),
  });

  app.get('/canteen/municipalities/:id/statistics', { schema: { params: schema.IdParams, querystring: schema.MonthQuery } }, async (request, reply) => {
    const stats = await monthStatistics(deps, request.actor, request.params.id, request.query.month);
    return reply.page({ title: t('canteen.stats.link'), service: 'canteen' }, h(StatisticsPage, { stats }));
  });

  app.get('/canteen/municipalities/:id/statistics.csv', { schema: { params: schema.IdParams, querystring: schema.MonthQuery } }, async (request, reply) => {
    const stats = await monthStatistics(deps, request.actor, request.params.id, request.query.month);
    const csv = withLocale('fr', () => toCsv(statisticsCsv(stats)));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="frequentation-${stats.month}.csv"`)
      .send(csv);
  });
};
