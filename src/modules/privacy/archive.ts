import yazl from 'yazl';
import type { Readable } from 'node:stream';
import type { Db } from '../../kernel/db/index.js';
import type { PrivacyRegistry } from '../../kernel/privacy.js';
import type { BlobInfo, BlobStore } from '../../kernel/storage/index.js';
import { t } from './i18n/fr.js';

/** Largest archive built (the person's files included); past it the build fails and says so in the logs. */
export const MAX_ARCHIVE_BYTES = 20 * 1024 ** 3;

/** A file name safe inside a zip on every system: no folders of its own, no dot-dot, no control characters. */
export function safeEntryName(name: string): string {
  const cleaned = name
    .replace(/[\u0000-\u001f\u007f\\:*?"<>|]/g, '_')
    .split('/')
    .map((part) => part.trim().replace(/^\.+$/, '_'))
    .filter((part) => part.length > 0)
    .join('/');
  return cleaned.length > 0 ? cleaned.slice(0, 200) : '_';
}

export interface ArchiveSummary {
  tables: number;
  rows: number;
  files: number;
  /** Files a row names whose bytes are no longer in the store (listed in the archive's index). */
  missing: number;
}

/**
 * Every module's part of one person's data, gathered from the declarations, as a zip streamed
 * while it is read: `<module>/<table>.json`, `<module>/fichiers/…`, an index and a read-me. The
 * files are opened one at a time, when their turn comes, and stored without compression.
 */
export async function writeArchive(
  db: Db,
  blobs: BlobStore,
  registry: PrivacyRegistry,
  personId: string,
  now: Date,
): Promise<{ stream: Readable; summary: ArchiveSummary }> {
  const zip = new yazl.ZipFile();
  const summary: ArchiveSummary = { tables: 0, rows: 0, files: 0, missing: 0 };
  const index: Array<{ module: string; title: string; tables: Record<string, number>; files: number; missingFiles: string[] }> = [];
  const used = new Set<string>();
  const unique = (path: string) => {
    let candidate = path;
    for (let i = 2; used.has(candidate); i++) candidate = path.replace(/(\.[^./]*)?$/, (ext) => `-${i}${ext}`);
    used.add(candidate);
    return candidate;
  };
  for (const declaration of registry.all) {
    const data = await declaration.exportPerson(db, personId);
    const entry = { module: declaration.module, title: declaration.title, tables: {} as Record<string, number>, files: 0, missingFiles: [] as string[] };
    for (const table of data.tables) {
      zip.addBuffer(Buffer.from(`${JSON.stringify(table.rows, null, 2)}\n`), unique(`${declaration.module}/${safeEntryName(table.name)}.json`), { mtime: now });
      entry.tables[table.name] = table.rows.length;
      summary.tables++;
      summary.rows += table.rows.length;
    }
    for (const file of data.files) {
      const path = unique(`${declaration.module}/fichiers/${safeEntryName(file.path)}`);
      // A blob already gone (a purge, a lost disk) is listed rather than failing the whole archive.
      const size = await blobs.size(file.blobKey);
      if (size === null) {
        entry.missingFiles.push(path);
        summary.missing++;
        continue;
      }
      zip.addReadStreamLazy(path, { size, compress: false, mtime: now }, (callback) => {
        blobs.get(file.blobKey).then(
          (stream) => callback(null, stream),
          (error: Error) => callback(error, undefined as never),
        );
      });
      entry.files++;
      summary.files++;
    }
    index.push(entry);
  }
  zip.addBuffer(Buffer.from(`${JSON.stringify({ personId, builtAt: now.toISOString(), modules: index }, null, 2)}\n`), 'index.json', { mtime: now });
  zip.addBuffer(Buffer.from(`${t('privacy.archive.readme')}\n`), 'LISEZMOI.txt', { mtime: now });
  zip.end();
  return { stream: zip.outputStream as Readable, summary };
}

/** The archive, stored as a blob (the job's way: the person downloads it later). */
export async function buildArchive(
  db: Db,
  blobs: BlobStore,
  registry: PrivacyRegistry,
  personId: string,
  now: Date,
): Promise<{ blob: BlobInfo; summary: ArchiveSummary }> {
  const { stream, summary } = await writeArchive(db, blobs, registry, personId, now);
  const blob = await blobs.put(stream, { maxBytes: MAX_ARCHIVE_BYTES, fileName: 'export.zip' });
  return { blob, summary };
}

/** The archive's name for the person: `mes-donnees-preau-2027-03-15.zip`. */
export const archiveFileName = (at: string) => `mes-donnees-preau-${at.slice(0, 10)}.zip`;
