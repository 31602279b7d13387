import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { ErrorResponse, errorResponses } from '../../../kernel/http/schemas.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import {
  importForm,
  importReportView,
  importRuns,
  runOndeImport,
  storedImportReport,
  TruncatedUpload,
  UploadProblems,
  type Upload,
} from '../import-service.js';
import { ONDE_FILES, type ImportReport, type OndeFile } from '../onde/import.js';
import { ONDE_LIMITS } from '../onde/parse.js';
import { managedStructureId } from '../policy.js';
import { CsrfQuery, IdParams, ImportRunsQuery } from '../schema.js';
import { ImportPage, ImportReportPage } from '../views/import.js';

// ---------------------------------------------------------------- schemas

const Counts = Type.Object({
  created: Type.Integer({ description: 'Créés par cet import.' }),
  updated: Type.Integer({ description: 'Déjà connus, modifiés (champs, classe, rôle, réactivation).' }),
  unchanged: Type.Integer({ description: 'Déjà connus, identiques.' }),
  deactivated: Type.Integer({ description: 'Absents de l’export : désactivés (jamais supprimés).' }),
});
const AllCounts = Type.Object({ pupils: Counts, teachers: Counts, parents: Counts, links: Counts, classes: Counts });
const OndeFileSchema = Type.Union([Type.Literal('pupils'), Type.Literal('teachers'), Type.Literal('parents')], { description: 'Fichier concerné.' });
const Issue = Type.Object({
  file: OndeFileSchema,
  line: Type.Union([Type.Integer(), Type.Null()], { description: 'Ligne du fichier (1 = en-tête) ; null pour le fichier entier.' }),
  code: Type.String({ description: 'Code stable, par exemple `onde.unknown_child`.' }),
  message: Type.String({ description: 'Explication en français.' }),
});
const Encoding = Type.Union([Type.Literal('utf-8'), Type.Literal('windows-1252'), Type.Null()]);

export const ImportReportSchema = Type.Object(
  {
    status: Type.Union([Type.Literal('done'), Type.Literal('failed')], { description: '`failed` : rien n’a été enregistré.' }),
    runId: Type.String({ description: 'Identifiant de l’import.' }),
    schoolYear: Type.String({ description: 'Année scolaire des classes.' }),
    encoding: Type.Object({ pupils: Encoding, teachers: Encoding, parents: Encoding }, { description: 'Encodage reconnu par fichier.' }),
    counts: AllCounts,
    warnings: Type.Array(Issue, { description: 'Lignes gardées avec une remarque.' }),
    errors: Type.Array(Issue, { description: 'Lignes refusées, ou raison de l’échec.' }),
    durationMs: Type.Integer(),
  },
  { description: 'Compte rendu d’un import ONDE.' },
);

const ImportRun = Type.Object({
  id: Type.String(),
  schoolYear: Type.String(),
  startedAt: Type.String({ description: 'Début, ISO 8601 UTC.' }),
  status: Type.Union([Type.Literal('done'), Type.Literal('failed')]),
  actorId: Type.Union([Type.String(), Type.Null()], { description: 'Qui l’a lancé ; null en ligne de commande.' }),
  counts: AllCounts,
  errors: Type.Integer({ description: 'Nombre de lignes refusées.' }),
  warnings: Type.Integer({ description: 'Nombre d’avertissements.' }),
});

// ---------------------------------------------------------------- upload

/** Reads the three files (each fully, within the upload limit) and the school year of a multipart body. */
async function readUpload(request: FastifyRequest): Promise<Upload> {
  const files: Upload['files'] = {};
  let schoolYear = '';
  if (!request.isMultipart()) return { files, schoolYear };
  try {
    await readParts(request, files, (year) => (schoolYear = year));
  } catch (error) {
    if (isTooLarge(error)) throw error;
    // Anything else the multipart reader throws is a body cut short or malformed: the sender's doing.
    throw new TruncatedUpload();
  }
  return { files, schoolYear };
}

async function readParts(request: FastifyRequest, files: Upload['files'], setYear: (year: string) => void): Promise<void> {
  // The ONDE limit when the instance allows larger uploads: no export comes near it.
  const fileSize = Math.min(request.server.config.uploadMaxBytes, ONDE_LIMITS.fileBytes);
  for await (const part of request.parts({ limits: { fileSize } })) {
    if (part.type === 'file') {
      const name = part.fieldname as OndeFile;
      if (!ONDE_FILES.includes(name) || files[name]) {
        part.file.resume();
        continue;
      }
      const bytes = await part.toBuffer();
      // A form sent without choosing a file carries an empty part with no file name.
      if (bytes.length > 0 || part.filename) files[name] = bytes;
    } else if (part.fieldname === 'schoolYear' && typeof part.value === 'string') {
      setYear(part.value.trim());
    }
  }
}

const isTooLarge = (error: unknown) =>
  (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' || (error as { code?: string }).code === 'FST_FILES_LIMIT';

/** The upload form's messages: one per missing file, or the school year. */
function uploadErrors(problems: UploadProblems): FieldErrors {
  const errors: FieldErrors = {};
  for (const file of problems.missing) errors[file] = t('directory.import.error.missing_file', t(`directory.import.fileName.${file}`));
  if (problems.badYear) errors.schoolYear = t('directory.error.school_year');
  return errors;
}

// ---------------------------------------------------------------- pages

const pageOptions = { title: t('directory.import.title'), service: 'directory' };
const reportOptions = { ...pageOptions, title: t('directory.import.report.title') };

const importPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { db: app.db, clock: app.clock };

  async function formPage(request: FastifyRequest, schoolYear?: string, errors?: FieldErrors) {
    const form = await importForm(deps, request.actor, managedStructureId(request.actor) ?? request.actor.activeStructureId);
    return h(ImportPage, { csrf: request.csrfToken, structureName: form.structure.name, schoolYear: schoolYear ?? form.schoolYear, runs: form.runs, errors });
  }

  async function reportPage(request: FastifyRequest, report: ImportReport) {
    return h(ImportReportPage, await importReportView(deps, request.actor, managedStructureId(request.actor), report));
  }

  app.get('/directory/import', async (request, reply) => reply.page(pageOptions, await formPage(request)));

  app.post('/directory/import', { schema: { querystring: CsrfQuery } }, async (request, reply) => {
    let typedYear = '';
    try {
      const report = await runOndeImport(deps, request.actor, managedStructureId(request.actor) ?? request.actor.activeStructureId, async () => {
        const upload = await readUpload(request);
        typedYear = upload.schoolYear;
        return upload;
      });
      const status = report.status === 'failed' ? 422 : 200;
      return reply.page({ ...reportOptions, status }, await reportPage(request, report));
    } catch (error) {
      if (isTooLarge(error)) {
        return reply.page({ ...pageOptions, status: 413 }, await formPage(request, undefined, { _form: t('directory.import.error.too_large') }));
      }
      if (error instanceof UploadProblems)
        return reply.page({ ...pageOptions, status: 400 }, await formPage(request, typedYear || undefined, uploadErrors(error)));
      if (error instanceof TruncatedUpload) return reply.page({ ...pageOptions, status: 400 }, await formPage(request, undefined, { _form: error.message }));
      throw error;
    }
  });

  app.get('/directory/import/runs/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const view = await storedImportReport(deps, request.actor, managedStructureId(request.actor), request.params.id);
    return reply.page(reportOptions, h(ImportReportPage, view));
  });
};

// ---------------------------------------------------------------- JSON

const tags = ['directory'];
const security = [{ session: [] }];

const importApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { db: app.db, clock: app.clock };

  app.post('/structures/:id/imports/onde', {
    schema: {
      tags,
      security,
      summary: 'Importer les exports ONDE d’une école',
      description:
        'Corps multipart/form-data : fichiers `pupils` (élèves), `teachers` (enseignants), `parents` (responsables), champ facultatif `schoolYear` (par défaut l’année en cours). Jeton CSRF dans l’en-tête `x-csrf-token`. 200 : import fait (les lignes refusées sont listées dans `errors`) ; 422 : rien n’a été enregistré.',
      // No body schema: the multipart body is streamed, and read only once the rule allowed the upload.
      consumes: ['multipart/form-data'],
      params: IdParams,
      querystring: CsrfQuery,
      response: { 200: ImportReportSchema, 422: ImportReportSchema, 413: ErrorResponse, ...errorResponses },
    },
    handler: async (request, reply) => {
      const report = await runOndeImport(deps, request.actor, request.params.id, () => readUpload(request));
      return reply.code(report.status === 'failed' ? 422 : 200).send(report);
    },
  });

  app.get('/structures/:id/imports', {
    schema: {
      tags,
      security,
      summary: 'Derniers imports d’une école (les plus récents d’abord)',
      params: IdParams,
      querystring: ImportRunsQuery,
      response: { 200: Type.Array(ImportRun), ...errorResponses },
    },
    handler: async (request) => importRuns(deps, request.actor, request.params.id, request.query.limit ?? 20),
  });
};

/** The ONDE import: upload page and report under /directory/import, JSON under /api/directory. */
export const directoryImportRoutes: FastifyPluginAsync = async (app) => {
  await app.register(importPages);
  await app.register(importApi, { prefix: '/api/directory' });
};
