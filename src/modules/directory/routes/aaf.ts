import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { ErrorResponse, errorResponses } from '../../../kernel/http/schemas.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { ta } from '../i18n/aaf-fr.js';
import { aafImportForm, aafRunReport, aafRuns, AafUploadProblem, runAafUpload, type AafUpload } from '../aaf/service.js';
import { CsrfQuery, IdParams, ImportRunsQuery } from '../schema.js';
import { AafImportPage, AafReportPage } from '../views/aaf.js';

// ---------------------------------------------------------------- schemas

const Counts = Type.Object({
  created: Type.Integer({ description: 'Créés par cet import.' }),
  updated: Type.Integer({ description: 'Déjà connus, modifiés (champs, établissement, classes, groupes, matières, rôles, liens, réactivation).' }),
  unchanged: Type.Integer({ description: 'Déjà connus, identiques.' }),
  deactivated: Type.Integer({ description: 'Absents d’un import Complet ou supprimés par un Delta : désactivés (jamais supprimés).' }),
});
const AllCounts = Type.Object({
  structures: Counts,
  pupils: Counts,
  relatives: Counts,
  staff: Counts,
  classes: Counts,
  links: Counts,
  subjects: Counts,
});
const Issue = Type.Object({
  file: Type.Union([Type.String(), Type.Null()], { description: 'Fichier concerné ; null pour l’import entier.' }),
  line: Type.Union([Type.Integer(), Type.Null()], { description: 'Ligne du fichier ; null pour le fichier entier.' }),
  id: Type.Union([Type.String(), Type.Null()], { description: 'Identifiant de l’enregistrement (identifier/id).' }),
  code: Type.String({ description: 'Code stable, par exemple `aaf.unknown_relative`.' }),
  message: Type.String({ description: 'Explication en français.' }),
});
const Mode = Type.Union([Type.Literal('Complet'), Type.Literal('Delta'), Type.Literal('mixed')]);

export const AafReportSchema = Type.Object(
  {
    status: Type.Union([Type.Literal('done'), Type.Literal('failed')], { description: '`failed` : rien n’a été enregistré.' }),
    runId: Type.String({ description: 'Identifiant de l’import.' }),
    schoolYear: Type.String({ description: 'Année scolaire des classes et des groupes.' }),
    mode: Mode,
    files: Type.Array(
      Type.Object({
        name: Type.String(),
        kind: Type.String({ description: 'EtabEducNat, Eleve, PersRelEleve, PersEducNat, MatiereEducNat ou MefEducNat.' }),
        mode: Type.String({ description: 'Complet ou Delta.' }),
        encoding: Type.Union([Type.String(), Type.Null()], { description: 'Encodage lu ; null si le fichier n’a pas pu être lu.' }),
        records: Type.Integer({ description: 'Enregistrements lus.' }),
      }),
    ),
    counts: AllCounts,
    warnings: Type.Array(Issue, { description: 'Enregistrements gardés avec une remarque.' }),
    errors: Type.Array(Issue, { description: 'Enregistrements refusés, ou raison de l’échec.' }),
    durationMs: Type.Integer(),
  },
  { description: 'Compte rendu d’un import AAF.' },
);

const AafRun = Type.Object({
  id: Type.String(),
  schoolYear: Type.String(),
  mode: Mode,
  startedAt: Type.String({ description: 'Début, ISO 8601 UTC.' }),
  status: Type.Union([Type.Literal('done'), Type.Literal('failed')]),
  actorId: Type.Union([Type.String(), Type.Null()], { description: 'Qui l’a lancé ; null en ligne de commande.' }),
  counts: AllCounts,
  errors: Type.Integer(),
  warnings: Type.Integer(),
});

// ---------------------------------------------------------------- upload

/** Streams the `archive` part to `file` (within the upload limit) and reads the school year. */
async function readUpload(request: FastifyRequest, file: string): Promise<AafUpload> {
  let received = false;
  let schoolYear = '';
  if (!request.isMultipart()) return { received, schoolYear };
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'archive' || received) {
        part.file.resume();
        continue;
      }
      await pipeline(part.file, fs.createWriteStream(file));
      // A form sent without choosing a file carries an empty part with no file name.
      received = !!part.filename || fs.statSync(file).size > 0;
    } else if (part.fieldname === 'schoolYear' && typeof part.value === 'string') {
      schoolYear = part.value.trim();
    }
  }
  return { received, schoolYear };
}

const isTooLarge = (error: unknown) =>
  (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' || (error as { code?: string }).code === 'FST_FILES_LIMIT';

// ---------------------------------------------------------------- pages

const pageOptions = { title: ta('aaf.title'), service: 'directory' };
const reportOptions = { ...pageOptions, title: ta('aaf.report.title') };

const aafPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { db: app.db, clock: app.clock };

  async function formPage(request: FastifyRequest, schoolYear?: string, errors?: FieldErrors) {
    const form = await aafImportForm(deps, request.actor);
    return h(AafImportPage, { csrf: request.csrfToken, schoolYear: schoolYear ?? form.schoolYear, runs: form.runs, errors });
  }

  app.get('/admin/aaf', async (request, reply) => reply.page(pageOptions, await formPage(request)));

  app.post('/admin/aaf', { schema: { querystring: CsrfQuery } }, async (request, reply) => {
    let typedYear = '';
    try {
      const report = await runAafUpload(deps, request.actor, async (file) => {
        const upload = await readUpload(request, file);
        typedYear = upload.schoolYear;
        return upload;
      });
      return reply.page({ ...reportOptions, status: report.status === 'failed' ? 422 : 200 }, h(AafReportPage, { report }));
    } catch (error) {
      if (isTooLarge(error)) return reply.page({ ...pageOptions, status: 413 }, await formPage(request, undefined, { _form: ta('aaf.error.too_large') }));
      if (error instanceof AafUploadProblem) {
        return reply.page({ ...pageOptions, status: 400 }, await formPage(request, typedYear || undefined, { [error.field]: error.message }));
      }
      throw error;
    }
  });

  app.get('/admin/aaf/runs/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const report = await aafRunReport(deps, request.actor, request.params.id);
    return reply.page(reportOptions, h(AafReportPage, { report }));
  });
};

// ---------------------------------------------------------------- JSON

const tags = ['directory'];
const security = [{ session: [] }];

const aafApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { db: app.db, clock: app.clock };

  app.post('/imports/aaf', {
    schema: {
      tags,
      security,
      summary: 'Importer les fichiers de l’annuaire académique (AAF)',
      description:
        'Réservé à l’administrateur de l’instance. Corps multipart/form-data : `archive`, une archive ZIP des fichiers AAF (ENT_Complet_AAAAMMJJ_Type_0001.xml…), champ facultatif `schoolYear` (par défaut l’année en cours). Jeton CSRF dans l’en-tête `x-csrf-token`. 200 : import fait (les enregistrements refusés sont listés dans `errors`) ; 422 : rien n’a été enregistré (fichier illisible : fichier et ligne dans `errors`).',
      // No body schema: the multipart body is streamed to disk, and read only once the rule allowed the upload.
      consumes: ['multipart/form-data'],
      querystring: CsrfQuery,
      response: { 200: AafReportSchema, 422: AafReportSchema, 413: ErrorResponse, ...errorResponses },
    },
    handler: async (request, reply) => {
      const report = await runAafUpload(deps, request.actor, (file) => readUpload(request, file));
      return reply.code(report.status === 'failed' ? 422 : 200).send(report);
    },
  });

  app.get('/imports/aaf', {
    schema: {
      tags,
      security,
      summary: 'Derniers imports AAF (les plus récents d’abord)',
      querystring: ImportRunsQuery,
      response: { 200: Type.Array(AafRun), ...errorResponses },
    },
    handler: async (request) => aafRuns(deps, request.actor, request.query.limit ?? 20),
  });

  app.get('/imports/aaf/:id', {
    schema: { tags, security, summary: 'Compte rendu d’un import AAF', params: IdParams, response: { 200: AafReportSchema, ...errorResponses } },
    handler: async (request) => aafRunReport(deps, request.actor, request.params.id),
  });
};

/** The AAF import: upload page and reports under /admin/aaf, JSON under /api/directory/imports/aaf. */
export const directoryAafRoutes: FastifyPluginAsync = async (app) => {
  await app.register(aafPages);
  await app.register(aafApi, { prefix: '/api/directory' });
};
