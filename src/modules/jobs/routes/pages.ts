import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import { NotFound } from '../../../kernel/authz/index.js';
import { Conflict } from '../../../kernel/http/errors.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import * as service from '../service.js';
import { JobsPage, PAGE_LIMIT } from '../views/jobs.js';

/** The instance administrator's page of the job queue, /admin/jobs. */
export const jobsPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { db: app.db, clock: app.clock };

  app.get('/admin/jobs', async (request, reply) => {
    const jobs = await service.overview(deps, request.actor, PAGE_LIMIT);
    return reply.page({ title: t('jobs.title'), service: 'directory' }, h(JobsPage, { ...jobs, csrf: request.csrfToken }));
  });

  app.post('/admin/jobs/:id/retry', {
    schema: { params: schema.IdParams, body: schema.RetryForm },
    attachValidation: true,
    handler: async (request, reply) => {
      // The form has no field to correct: only a malformed id can fail, and it names no job.
      if (request.validationError) throw new NotFound();
      try {
        await service.retryJob(deps, request.actor, request.params.id);
        reply.setFlash(t('jobs.retried'));
      } catch (error) {
        if (!(error instanceof Conflict)) throw error;
        reply.setFlash(error.message);
      }
      return reply.redirect('/admin/jobs', 303);
    },
  });
};
