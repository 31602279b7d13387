import type { Actor } from '../../kernel/authz/index.js';
import { authorize } from '../../kernel/authz/index.js';
import { BadRequest } from '../../kernel/http/errors.js';
import { isUuid } from '../../kernel/http/schemas.js';
import { currentYear, type DirectoryDeps } from './deps.js';
import { t } from './i18n/fr.js';
import { findImportReport, importOnde, lastImportRuns, ONDE_FILES, type ImportReport, type OndeFile } from './onde/import.js';
import * as repo from './repository.js';
import { isSchoolYear } from './school-year.js';

// The ONDE import as use cases: the rule first, then the upload is read, then the import runs.

/** What a multipart upload gave: the files chosen and the school year typed (empty: this year). */
export interface Upload {
  files: Partial<Record<OndeFile, Uint8Array>>;
  schoolYear: string;
}

/** An upload that cannot be imported: which files are missing, whether the year is malformed. */
export class UploadProblems extends BadRequest {
  constructor(
    readonly missing: OndeFile[],
    readonly badYear: boolean,
  ) {
    super(
      missing.length > 0 ? 'import.missing_file' : 'import.school_year',
      missing.length > 0
        ? t('directory.import.error.missing_file', missing.map((f) => t(`directory.import.fileName.${f}`)).join(', '))
        : t('directory.error.school_year'),
      missing.length > 0 ? { missing } : { field: 'schoolYear' },
    );
  }
}

/** A multipart body that ends before its last boundary (a dropped connection, a cut request). */
export class TruncatedUpload extends BadRequest {
  constructor() {
    super('import.truncated', t('directory.import.error.truncated'));
  }
}

/** The structure the import is for, once the rule allowed it (404 otherwise, before anything is read). */
async function importableStructure(deps: DirectoryDeps, actor: Actor, structureId: string | null) {
  const structure = structureId && isUuid(structureId) ? await repo.findStructure(deps.db, structureId) : undefined;
  authorize(actor, 'directory.import.run', structure && { structureId: structure.id });
  return structure!;
}

/**
 * Imports a structure's ONDE exports. The rule runs on the structure before `read` consumes the
 * upload, so that a refused request has nothing of its body read, let alone stored.
 */
export async function runOndeImport(deps: DirectoryDeps, actor: Actor, structureId: string | null, read: () => Promise<Upload>): Promise<ImportReport> {
  const structure = await importableStructure(deps, actor, structureId);
  const upload = await read();
  const schoolYear = upload.schoolYear || currentYear(deps);
  const missing = ONDE_FILES.filter((f) => !upload.files[f]);
  if (missing.length > 0 || !isSchoolYear(schoolYear)) throw new UploadProblems(missing, !isSchoolYear(schoolYear));
  return importOnde(deps.db, { structureId: structure.id, schoolYear, files: upload.files as Record<OndeFile, Uint8Array>, actorId: actor.personId });
}

/** The upload form: the structure's name and its last runs. */
export async function importForm(deps: DirectoryDeps, actor: Actor, structureId: string | null) {
  const structure = await importableStructure(deps, actor, structureId);
  return { structure, runs: await lastImportRuns(deps.db, structure.id), schoolYear: currentYear(deps) };
}

/** The structure's last runs, for its managers. */
export async function importRuns(deps: DirectoryDeps, actor: Actor, structureId: string, limit: number) {
  const structure = await repo.findStructure(deps.db, structureId);
  authorize(actor, 'directory.import.read', structure && { structureId: structure.id });
  return lastImportRuns(deps.db, structure!.id, limit);
}

/** A report and the classes of its year, to link them. */
export async function importReportView(deps: DirectoryDeps, actor: Actor, structureId: string | null, report: ImportReport) {
  const structure = structureId ? await repo.findStructure(deps.db, structureId) : undefined;
  authorize(actor, 'directory.import.read', structure && { structureId: structure.id });
  const classes = await repo.listGroups(deps.db, structure!.id, report.schoolYear, 'class');
  return { report, structureName: structure!.name, classes };
}

/** One stored run of the active structure, for its managers; 404 for any other. */
export async function storedImportReport(deps: DirectoryDeps, actor: Actor, structureId: string | null, runId: string) {
  const structure = structureId ? await repo.findStructure(deps.db, structureId) : undefined;
  authorize(actor, 'directory.import.read', structure && { structureId: structure.id });
  const report = await findImportReport(deps.db, structure!.id, runId);
  authorize(actor, 'directory.import.read', report && { structureId: structure!.id });
  return importReportView(deps, actor, structure!.id, report!);
}
