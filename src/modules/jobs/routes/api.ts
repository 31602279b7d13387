import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../../kernel/http/schemas.js';
import * as schema from '../schema.js';
import * as service from '../service.js';

const tags = ['jobs'];
const security = [{ session: [] }];

/** JSON API of the job queue under /api/jobs, for the instance administrator. */
export const jobsApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { db: app.db, clock: app.clock };

  app.get('', {
    schema: {
      tags,
      security,
      summary: 'Tâches de fond en cours, en attente et en échec',
      querystring: schema.JobsQuery,
      response: { 200: schema.JobList, ...errorResponses },
    },
    handler: async (request) => service.listJobs(deps, request.actor, { status: request.query.status, limit: request.query.limit ?? 50 }),
  });

  app.post('/:id/retry', {
    schema: {
      tags,
      security,
      summary: 'Relancer une tâche en échec',
      params: schema.IdParams,
      response: { 200: schema.Job, ...errorResponses, 409: errorResponses[400] },
    },
    handler: async (request) => service.retryJob(deps, request.actor, request.params.id),
  });
};
