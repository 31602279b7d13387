import type { Actor } from '../../../kernel/authz/index.js';
import { authorize } from '../../../kernel/authz/index.js';
import { BadRequest } from '../../../kernel/http/errors.js';
import { currentYear, type DirectoryDeps } from '../deps.js';
import { t } from '../i18n/fr.js';
import { ta } from '../i18n/aaf-fr.js';
import { isSchoolYear } from '../school-year.js';
import { NotAZip, uploadFolder, zipSources } from './files.js';
import { findAafReport, importAaf, lastAafRuns, type AafReport } from './import.js';

// The AAF import as use cases: the rule first, then the upload is read, then the import runs.

/** What a multipart upload gave: the archive written to `file` (or not sent), the year typed. */
export interface AafUpload {
  received: boolean;
  schoolYear: string;
}

/** An upload that cannot be imported: no archive, not a zip, or a malformed year. */
export class AafUploadProblem extends BadRequest {
  constructor(
    readonly field: 'archive' | 'schoolYear',
    reason: 'no_file' | 'not_zip' | 'school_year',
  ) {
    super(`aaf.${reason}`, reason === 'school_year' ? t('directory.error.school_year') : ta(`aaf.error.${reason}`), { field });
  }
}

/**
 * Imports an uploaded zip of AAF files. The rule runs before `read` consumes the body, which
 * writes the archive to a temporary file (removed afterwards): the archive is never held in memory.
 */
export async function runAafUpload(deps: DirectoryDeps, actor: Actor, read: (file: string) => Promise<AafUpload>): Promise<AafReport> {
  authorize(actor, 'directory.aaf.import', {});
  const folder = await uploadFolder();
  try {
    const upload = await read(folder.file);
    const schoolYear = upload.schoolYear || currentYear(deps);
    if (!upload.received) throw new AafUploadProblem('archive', 'no_file');
    if (!isSchoolYear(schoolYear)) throw new AafUploadProblem('schoolYear', 'school_year');
    let zip;
    try {
      zip = await zipSources(folder.file);
    } catch (error) {
      if (error instanceof NotAZip) throw new AafUploadProblem('archive', 'not_zip');
      throw error;
    }
    try {
      return await importAaf(deps.db, { schoolYear, sources: zip.sources, actorId: actor.personId });
    } finally {
      zip.close();
    }
  } finally {
    await folder.dispose();
  }
}

/** The upload page: the year proposed and the last runs. */
export async function aafImportForm(deps: DirectoryDeps, actor: Actor) {
  authorize(actor, 'directory.aaf.import', {});
  return { schoolYear: currentYear(deps), runs: await lastAafRuns(deps.db) };
}

export async function aafRuns(deps: DirectoryDeps, actor: Actor, limit: number) {
  authorize(actor, 'directory.aaf.read', {});
  return lastAafRuns(deps.db, limit);
}

/** One stored run's report; 404 when there is none. */
export async function aafRunReport(deps: DirectoryDeps, actor: Actor, runId: string) {
  authorize(actor, 'directory.aaf.read', {});
  const report = await findAafReport(deps.db, runId);
  authorize(actor, 'directory.aaf.read', report && {});
  return report!;
}
