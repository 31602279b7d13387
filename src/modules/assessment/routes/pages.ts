import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import { authorize, can } from '../../../kernel/authz/index.js';
import { t } from '../i18n/fr.js';
import { reportPdf } from '../pdf.js';
import * as schema from '../schema.js';
import * as reads from '../service/reads.js';
import { reportOf } from '../service/reports.js';
import { assessmentSheet } from '../service/results.js';
import * as settings from '../service/settings.js';
import { groupById } from '../repository/people.js';
import { IndexPage } from '../views/index.js';
import { GroupPage } from '../views/group.js';
import { PupilPage } from '../views/pupil.js';
import { ReportPage } from '../views/report.js';
import { HeldPage, SettingsPage } from '../views/settings.js';
import { SheetPage } from '../views/sheet.js';
import { assessmentDeps } from './deps.js';

export const page = { title: t('assessment.title'), service: 'assessment' };

/** Reading pages: the home, an assessment's sheet, a pupil's marks, a group's table, a report, the director's pages. */
export const assessmentPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = assessmentDeps(app);

  app.get('/assessment', { config: { personal: true }, schema: { querystring: schema.EmptyQuery } }, async (request, reply) => {
    const index = await reads.assessmentIndex(deps, request.actor);
    const manages = !!request.actor.activeStructureId && can(request.actor, 'assessment.settings.manage', { structureId: request.actor.activeStructureId });
    return reply.page(page, h(IndexPage, { index, manages }));
  });

  app.get('/assessment/assessments/:id', { schema: { params: schema.IdParams, querystring: schema.EmptyQuery } }, async (request, reply) => {
    const sheet = await assessmentSheet(deps, request.actor, request.params.id);
    const group = await groupById(deps.db, sheet.assessment.groupId);
    return reply.page(
      { ...page, title: t('assessment.sheet.title', sheet.assessment.title, group?.name ?? '') },
      h(SheetPage, { sheet, groupName: group?.name ?? '', csrf: request.csrfToken }),
    );
  });

  app.get('/assessment/pupils/:id', { schema: { params: schema.IdParams, querystring: schema.PupilQuery } }, async (request, reply) => {
    const marks = await reads.pupilMarks(deps, request.actor, request.params.id, request.query.periodId);
    return reply.page({ ...page, title: t('assessment.pupil.title', marks.pupil.name) }, h(PupilPage, { marks }));
  });

  app.get('/assessment/groups/:id', { schema: { params: schema.IdParams, querystring: schema.GroupQuery } }, async (request, reply) => {
    const table = await reads.groupTable(deps, request.actor, request.params.id, request.query.periodId, request.query.subject);
    return reply.page({ ...page, title: t('assessment.group.title', table.group.name) }, h(GroupPage, { table }));
  });

  app.get('/assessment/settings', { schema: { querystring: schema.EmptyQuery } }, async (request, reply) => {
    const view = await settings.readSettings(deps, request.actor);
    authorize(request.actor, 'assessment.settings.manage', { structureId: view.structureId });
    const periods = view.periods.length > 0 ? view.periods : settings.suggestedPeriods(view.periodKind, view.schoolYear);
    return reply.page({ ...page, title: t('assessment.settings.title') }, h(SettingsPage, { csrf: request.csrfToken, settings: view, periods }));
  });

  app.get('/assessment/held', { schema: { querystring: schema.EmptyQuery } }, async (request, reply) => {
    const held = await settings.heldList(deps, request.actor);
    return reply.page({ ...page, title: t('assessment.held.title') }, h(HeldPage, { held }));
  });

  app.get('/assessment/reports/:studentId/:periodId', { schema: { params: schema.ReportParams, querystring: schema.EmptyQuery } }, async (request, reply) => {
    const report = await reportOf(deps, request.actor, request.params.studentId, request.params.periodId);
    const rights = await reads.commentRights(deps, request.actor, request.params.studentId, request.params.periodId);
    return reply.page(
      { ...page, title: t('assessment.report.title', report.pupil.name, report.period.name) },
      h(ReportPage, { report, csrf: request.csrfToken, rights }),
    );
  });

  app.get(
    '/assessment/reports/:studentId/:periodId/pdf',
    { schema: { params: schema.ReportParams, querystring: schema.EmptyQuery } },
    async (request, reply) => {
      const report = await reportOf(deps, request.actor, request.params.studentId, request.params.periodId);
      const pdf = await reportPdf(report);
      const name = `bulletin-${report.pupil.name}-${report.period.name}`.replace(/[^\p{L}0-9]+/gu, '-');
      return reply
        .header('content-type', 'application/pdf')
        .header('cache-control', 'no-store')
        .header('content-disposition', `inline; filename="${encodeURIComponent(name)}.pdf"`)
        .send(pdf);
    },
  );
};
