import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { requireUser } from '../../../kernel/auth/plugin.js';
import { Forbidden, NotFound, managesStructure } from '../../../kernel/authz/index.js';
import { BadRequest } from '../../../kernel/http/errors.js';
import { ErrorResponse, errorResponses } from '../../../kernel/http/schemas.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import { findImportReport, importOnde, lastImportRuns, ONDE_FILES, type OndeFile } from '../onde/import.js';
import { managedStructureId } from '../policy.js';
import * as repo from '../repository.js';
import { IdParams } from '../schema.js';
import { isSchoolYear, schoolYearOf } from '../school-year.js';
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

interface Upload {
  files: Partial<Record<OndeFile, Uint8Array>>;
  schoolYear: string;
}

/** Reads the three files (each fully, within the upload limit) and the school year of a multipart body. */
async function readUpload(request: FastifyRequest): Promise<Upload> {
  const files: Upload['files'] = {};
  let schoolYear = '';
  if (!request.isMultipart()) return { files, schoolYear };
  for await (const part of request.parts()) {
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
      schoolYear = part.value.trim();
    }
  }
  return { files, schoolYear: schoolYear || schoolYearOf() };
}

const missingOf = (upload: Upload) => ONDE_FILES.filter((f) => !upload.files[f]);
const isTooLarge = (error: unknown) =>
  (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' || (error as { code?: string }).code === 'FST_FILES_LIMIT';

// ---------------------------------------------------------------- pages

const pageOptions = { title: t('directory.import.title'), service: 'directory' };

const importPages: FastifyPluginAsync = async (app) => {
  const db = app.db;
  app.addHook('preHandler', requireUser);

  function managed(request: FastifyRequest): string {
    const structureId = managedStructureId(request.actor!);
    if (!structureId) throw new Forbidden();
    return structureId;
  }

  async function formPage(request: FastifyRequest, structureId: string, schoolYear: string, errors?: FieldErrors) {
    const [structure, runs] = await Promise.all([repo.findStructure(db, structureId), lastImportRuns(db, structureId)]);
    return h(ImportPage, { csrf: request.csrfToken, structureName: structure?.name ?? '', schoolYear, runs, errors });
  }

  async function reportPage(structureId: string, report: Awaited<ReturnType<typeof importOnde>>) {
    const [structure, classes] = await Promise.all([repo.findStructure(db, structureId), repo.listGroups(db, structureId, report.schoolYear, 'class')]);
    return h(ImportReportPage, { report, structureName: structure?.name ?? '', classes });
  }

  app.get('/directory/import', async (request, reply) => {
    const structureId = managed(request);
    return reply.page(pageOptions, await formPage(request, structureId, schoolYearOf()));
  });

  app.post('/directory/import', async (request, reply) => {
    const structureId = managed(request);
    let upload: Upload;
    try {
      upload = await readUpload(request);
    } catch (error) {
      if (!isTooLarge(error)) throw error;
      const errors = { _form: t('directory.import.error.too_large') };
      return reply.page({ ...pageOptions, status: 413 }, await formPage(request, structureId, schoolYearOf(), errors));
    }
    const errors: FieldErrors = {};
    for (const file of missingOf(upload)) errors[file] = t('directory.import.error.missing_file', t(`directory.import.fileName.${file}`));
    if (!isSchoolYear(upload.schoolYear)) errors.schoolYear = t('directory.error.school_year');
    if (Object.keys(errors).length > 0) {
      return reply.page({ ...pageOptions, status: 400 }, await formPage(request, structureId, upload.schoolYear, errors));
    }
    const report = await importOnde(db, {
      structureId,
      schoolYear: upload.schoolYear,
      files: upload.files as Record<OndeFile, Uint8Array>,
      actorId: request.actor!.personId,
    });
    const status = report.status === 'failed' ? 422 : 200;
    return reply.page({ ...pageOptions, title: t('directory.import.report.title'), status }, await reportPage(structureId, report));
  });

  app.get('/directory/import/runs/:id', async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const structureId = managed(request);
    const report = /^[0-9a-f-]{36}$/i.test(request.params.id) ? await findImportReport(db, structureId, request.params.id) : null;
    if (!report) throw new NotFound();
    return reply.page({ ...pageOptions, title: t('directory.import.report.title') }, await reportPage(structureId, report));
  });
};

// ---------------------------------------------------------------- JSON

const tags = ['directory'];
const security = [{ session: [] }];

const importApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  app.addHook('preHandler', requireUser);

  /** The structure, if the actor manages it; otherwise "not found", whether it exists or not. */
  async function managedStructure(request: FastifyRequest, id: string) {
    const structure = await repo.findStructure(db, id);
    if (!structure || !managesStructure(request.actor!, structure.id)) throw new NotFound();
    return structure;
  }

  app.post('/structures/:id/imports/onde', {
    schema: {
      tags,
      security,
      summary: 'Importer les exports ONDE d’une école',
      description:
        'Corps multipart/form-data : fichiers `pupils` (élèves), `teachers` (enseignants), `parents` (responsables), champ facultatif `schoolYear` (par défaut l’année en cours). Jeton CSRF dans l’en-tête `x-csrf-token`. 200 : import fait (les lignes refusées sont listées dans `errors`) ; 422 : rien n’a été enregistré.',
      // No body schema: the multipart body is streamed and read in the handler.
      consumes: ['multipart/form-data'],
      params: IdParams,
      response: { 200: ImportReportSchema, 422: ImportReportSchema, 413: ErrorResponse, ...errorResponses },
    },
    handler: async (request, reply) => {
      const structure = await managedStructure(request, request.params.id);
      const upload = await readUpload(request);
      const missing = missingOf(upload);
      if (missing.length > 0) {
        const labels = missing.map((f) => t(`directory.import.fileName.${f}`)).join(', ');
        throw new BadRequest('import.missing_file', t('directory.import.error.missing_file', labels), { missing });
      }
      if (!isSchoolYear(upload.schoolYear)) throw new BadRequest('import.school_year', t('directory.error.school_year'), { field: 'schoolYear' });
      const report = await importOnde(db, {
        structureId: structure.id,
        schoolYear: upload.schoolYear,
        files: upload.files as Record<OndeFile, Uint8Array>,
        actorId: request.actor!.personId,
      });
      return reply.code(report.status === 'failed' ? 422 : 200).send(report);
    },
  });

  app.get('/structures/:id/imports', {
    schema: {
      tags,
      security,
      summary: 'Derniers imports d’une école (les plus récents d’abord)',
      params: IdParams,
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Nombre d’imports.' })) }),
      response: { 200: Type.Array(ImportRun), ...errorResponses },
    },
    handler: async (request) => {
      const structure = await managedStructure(request, request.params.id);
      return lastImportRuns(db, structure.id, request.query.limit ?? 20);
    },
  });
};

/** The ONDE import: upload page and report under /directory/import, JSON under /api/directory. */
export const directoryImportRoutes: FastifyPluginAsync = async (app) => {
  await app.register(importPages);
  await app.register(importApi, { prefix: '/api/directory' });
};
