import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import { InvalidInput } from '../../../kernel/http/errors.js';
import { errorResponses } from '../../../kernel/http/schemas.js';
import type { Actor } from '../../../kernel/authz/index.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import type { Deps } from '../service/deps.js';
import { dryRun, readSchedule, recentRuns, reportSummary, requestPurge, saveSchedule, type PurgeReport } from '../service/retention.js';
import { RetentionPage, type RetentionPageData } from '../views/retention.js';

const tags = ['privacy'];
const reportJson = (r: PurgeReport) => ({
  at: r.at,
  dryRun: r.dryRun,
  summary: reportSummary(r),
  items: r.items,
  bytes: r.bytes,
  lines: r.lines.map((l) => ({ kind: l.kind, label: l.label, items: l.items, bytes: l.bytes })),
});

/** The retention schedule: the page under /privacy/retention, the JSON under /api/privacy/retention. */
export const retentionRoutes: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  const render = async (actor: Actor, csrf: string, extra: Partial<RetentionPageData> = {}) => ({
    entries: await readSchedule(deps, actor),
    runs: await recentRuns(deps, actor),
    csrf,
    ...extra,
  });
  const page = (status = 200) => ({ service: 'privacy', title: t('privacy.retention.title'), status });

  app.get('/privacy/retention', { schema: { querystring: schema.EmptyQuery } }, async (request, reply) =>
    reply.page(page(), h(RetentionPage, await render(request.actor, request.csrfToken))),
  );

  app.post('/privacy/retention', { schema: { body: schema.RetentionForm }, attachValidation: true }, async (request, reply) => {
    const typed = Object.fromEntries(Object.entries((request.body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    const { errors } = request.validationError ? { errors: { _form: t('privacy.error.field') } } : await saveSchedule(deps, request.actor, typed);
    if (errors) return reply.page(page(400), h(RetentionPage, await render(request.actor, request.csrfToken, { errors, typed })));
    reply.setFlash(t('privacy.retention.saved'));
    return reply.redirect('/privacy/retention', 303);
  });

  app.post('/privacy/retention/dry-run', { schema: { body: schema.ExportForm } }, async (request, reply) => {
    const report = await dryRun(deps, request.actor);
    return reply.page(page(), h(RetentionPage, await render(request.actor, request.csrfToken, { report })));
  });

  app.post('/privacy/retention/purge', { schema: { body: schema.ExportForm } }, async (request, reply) => {
    await requestPurge(deps, request.actor);
    reply.setFlash(t('privacy.purge.queued'));
    return reply.redirect('/privacy/retention', 303);
  });

  app.get(
    '/api/privacy/retention',
    { schema: { summary: 'Les durées de conservation', tags, querystring: schema.EmptyQuery, response: { 200: schema.ScheduleOut, ...errorResponses } } },
    async (request) => ({ items: await readSchedule(deps, request.actor) }),
  );

  app.put(
    '/api/privacy/retention',
    {
      schema: {
        summary: 'Changer des durées de conservation (les autres gardent la leur)',
        tags,
        body: schema.RetentionUpdate,
        response: { 200: schema.ScheduleOut, ...errorResponses },
      },
    },
    async (request) => {
      const { errors } = await saveSchedule(deps, request.actor, request.body);
      if (errors) throw new InvalidInput(Object.entries(errors).map(([field, message]) => ({ field, message })));
      return { items: await readSchedule(deps, request.actor) };
    },
  );

  app.post(
    '/api/privacy/retention/dry-run',
    { schema: { summary: 'Simuler la purge : ce qui serait supprimé maintenant', tags, response: { 200: schema.ReportOut, ...errorResponses } } },
    async (request) => reportJson(await dryRun(deps, request.actor)),
  );

  app.post(
    '/api/privacy/retention/purge',
    { schema: { summary: 'Lancer la purge maintenant (en arrière-plan)', tags, response: { 202: schema.PurgeQueued, ...errorResponses } } },
    async (request, reply) => reply.code(202).send(await requestPurge(deps, request.actor)),
  );
};
