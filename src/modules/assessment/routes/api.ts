import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { authorize } from '../../../kernel/authz/index.js';
import { errorResponses } from '../../../kernel/http/schemas.js';
import * as schema from '../schema.js';
import * as assessments from '../service/assessments.js';
import * as reads from '../service/reads.js';
import { classCsv, commentReport, reportOf } from '../service/reports.js';
import { assessmentSheet, enterResults } from '../service/results.js';
import * as settings from '../service/settings.js';
import { domainsOf } from '../skills.js';
import { SOCLE } from '../socle.js';
import { assessmentDeps } from './deps.js';

const tags = ['assessment'];
const security = [{ session: [] }];
const ok = { 200: Type.Null(), ...errorResponses };

/** JSON API of assessments under /api/assessment; families' reads filter on publication in SQL. */
export const assessmentApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = assessmentDeps(app);

  app.get('/settings', {
    schema: { tags, security, summary: 'Périodes et règle de publication de l’établissement actif', response: { 200: schema.Settings, ...errorResponses } },
    handler: async (request) => settings.readSettings(deps, request.actor),
  });

  app.put('/settings', {
    schema: {
      tags,
      security,
      summary: 'Choisir trimestres ou semestres et la règle de publication (direction)',
      body: schema.SettingsBody,
      response: { 200: schema.Settings, ...errorResponses },
    },
    handler: async (request) => settings.updateSettings(deps, request.actor, request.body),
  });

  app.put('/periods', {
    schema: {
      tags,
      security,
      summary: 'Fixer les périodes de l’année et leurs dates (direction)',
      body: schema.PeriodsBody,
      response: { 200: schema.Settings, ...errorResponses },
    },
    handler: async (request) => settings.setPeriods(deps, request.actor, request.body.periods),
  });

  app.put('/periods/:id/publication', {
    schema: {
      tags,
      security,
      summary: 'Date de publication d’une période aux familles (règle « par période »)',
      params: schema.IdParams,
      body: schema.PeriodPublicationBody,
      response: { 200: schema.Settings, ...errorResponses },
    },
    handler: async (request) =>
      settings.setPeriodPublication(deps, request.actor, request.params.id, request.body.publishAt && new Date(request.body.publishAt).toISOString()),
  });

  app.get('/held', {
    schema: {
      tags,
      security,
      summary: 'Évaluations retenues par les enseignants, avec leur raison (direction)',
      response: { 200: schema.Held, ...errorResponses },
    },
    handler: async (request) => settings.heldList(deps, request.actor),
  });

  app.get('/skills', {
    schema: {
      tags,
      security,
      summary: 'Domaines et compétences d’un cycle (liste intégrée)',
      querystring: schema.SkillsQuery,
      response: { 200: schema.Domains, ...errorResponses },
    },
    handler: async (request) => {
      authorize(request.actor, 'assessment.skills.list', {});
      return domainsOf(request.query.cycle as 1 | 2 | 3);
    },
  });

  app.get('/socle', {
    schema: {
      tags,
      security,
      summary: 'Domaines et composantes du socle commun, positionnés au collège à côté de la note (liste intégrée)',
      querystring: schema.EmptyQuery,
      response: { 200: schema.Domains, ...errorResponses },
    },
    handler: async (request) => {
      authorize(request.actor, 'assessment.skills.list', {});
      return SOCLE;
    },
  });

  app.post('/assessments', {
    schema: {
      tags,
      security,
      summary: 'Créer une évaluation pour un groupe que l’on enseigne',
      body: schema.AssessmentBody,
      response: { 201: schema.Created, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await assessments.createAssessment(deps, request.actor, request.body)),
  });

  app.get('/assessments/:id', {
    schema: {
      tags,
      security,
      summary: 'Une évaluation et les résultats de tous les élèves (équipe)',
      params: schema.IdParams,
      response: { 200: schema.Sheet, ...errorResponses },
    },
    handler: async (request) => assessmentSheet(deps, request.actor, request.params.id),
  });

  app.put('/assessments/:id', {
    schema: { tags, security, summary: 'Modifier son évaluation', params: schema.IdParams, body: schema.AssessmentEditBody, response: ok },
    handler: async (request) => {
      await assessments.editAssessment(deps, request.actor, request.params.id, request.body as never);
      return null;
    },
  });

  app.delete('/assessments/:id', {
    schema: {
      tags,
      security,
      summary: 'Supprimer son évaluation et ses résultats',
      params: schema.IdParams,
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await assessments.deleteAssessment(deps, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.put('/assessments/:id/results', {
    schema: {
      tags,
      security,
      summary: 'Saisir notes et positionnements (tout ou rien ; une note hors barème nomme l’élève)',
      params: schema.IdParams,
      body: schema.ResultsBody,
      response: { 200: schema.Saved, ...errorResponses },
    },
    handler: async (request) => enterResults(deps, request.actor, request.params.id, request.body),
  });

  app.put('/assessments/:id/hold', {
    schema: {
      tags,
      security,
      summary: 'Retenir son évaluation (les familles ne la voient pas), avec une raison',
      params: schema.IdParams,
      body: schema.HoldBody,
      response: ok,
    },
    handler: async (request) => {
      await assessments.holdAssessment(deps, request.actor, request.params.id, request.body.reason);
      return null;
    },
  });

  app.delete('/assessments/:id/hold', {
    schema: { tags, security, summary: 'Ne plus retenir son évaluation', params: schema.IdParams, response: ok },
    handler: async (request) => {
      await assessments.releaseAssessment(deps, request.actor, request.params.id);
      return null;
    },
  });

  app.get('/pupils/:id', {
    schema: {
      tags,
      security,
      summary: 'Notes et compétences d’un élève pour une période (familles : ce qui est publié)',
      params: schema.IdParams,
      querystring: schema.PupilQuery,
      response: { 200: schema.PupilMarks, ...errorResponses },
    },
    handler: async (request) => reads.pupilMarks(deps, request.actor, request.params.id, request.query.periodId),
  });

  app.get('/groups/:id', {
    schema: {
      tags,
      security,
      summary: 'Tableau des notes d’un groupe pour une période, moyennes, minimum et maximum (équipe)',
      params: schema.IdParams,
      querystring: schema.GroupQuery,
      response: { 200: schema.GroupTable, ...errorResponses },
    },
    handler: async (request) => reads.groupTable(deps, request.actor, request.params.id, request.query.periodId, request.query.subject),
  });

  app.get('/reports/:studentId/:periodId', {
    schema: {
      tags,
      security,
      summary: 'Bulletin d’un élève pour une période (familles : une fois publié)',
      params: schema.ReportParams,
      response: { 200: Type.Any(), ...errorResponses },
    },
    handler: async (request) => reportOf(deps, request.actor, request.params.studentId, request.params.periodId),
  });

  app.put('/reports/comments', {
    schema: {
      tags,
      security,
      summary: 'Appréciation d’un enseignant ou appréciation générale du professeur principal',
      body: schema.CommentBody,
      response: ok,
    },
    handler: async (request) => {
      await commentReport(deps, request.actor, request.body);
      return null;
    },
  });

  app.get('/groups/:id/reports.csv', {
    schema: {
      tags,
      security,
      summary: 'Export CSV des moyennes d’une classe pour une période (point-virgule, UTF-8)',
      params: schema.IdParams,
      querystring: schema.CsvQuery,
      produces: ['text/csv'],
      response: { 200: Type.String(), ...errorResponses },
    },
    handler: async (request, reply) => {
      const { name, csv } = await classCsv(deps, request.actor, request.params.id, request.query.periodId);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${encodeURIComponent(name)}.csv"`)
        .send(csv);
    },
  });
};
