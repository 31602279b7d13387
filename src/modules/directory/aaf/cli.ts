import type { Db } from '../../../kernel/db/index.js';
import { AafFolderError, folderSources } from './files.js';
import { formatAafReport, importAaf } from './import.js';

/** `preau import aaf --year Y DIR`: every `.xml` file of the folder, any number of structures. */
export async function importAafFolder(db: Db, dir: string, schoolYear: string): Promise<{ text: string; failed: boolean; error?: string }> {
  let sources;
  try {
    sources = await folderSources(dir);
  } catch (error) {
    if (error instanceof AafFolderError) return { text: '', failed: true, error: error.message };
    throw error;
  }
  const report = await importAaf(db, { schoolYear, sources, actorId: null });
  return { text: formatAafReport(report), failed: report.status === 'failed' };
}
