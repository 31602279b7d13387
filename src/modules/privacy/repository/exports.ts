import type { Db } from '../../../kernel/db/index.js';
import type { PrivacyExportsTable } from '../tables.js';

export type ExportRow = PrivacyExportsTable;

export async function insertExport(db: Db, row: ExportRow): Promise<void> {
  await db.insertInto('privacyExports').values(row).execute();
}

export async function findExport(db: Db, id: string): Promise<ExportRow | undefined> {
  return db.selectFrom('privacyExports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The person's own archives, newest first (the list is theirs by its `where`). */
export async function exportsOf(db: Db, personId: string, limit = 10): Promise<ExportRow[]> {
  return db.selectFrom('privacyExports').selectAll().where('personId', '=', personId).orderBy('createdAt', 'desc').orderBy('id').limit(limit).execute();
}

export async function pendingExportOf(db: Db, personId: string): Promise<ExportRow | undefined> {
  return db.selectFrom('privacyExports').selectAll().where('personId', '=', personId).where('status', '=', 'pending').executeTakeFirst();
}

export async function markReady(db: Db, id: string, blob: { key: string; size: number; sha256: string }, at: string): Promise<void> {
  await db
    .updateTable('privacyExports')
    .set({ status: 'ready', blobKey: blob.key, size: blob.size, sha256: blob.sha256, readyAt: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

export async function markFailed(db: Db, id: string): Promise<void> {
  await db.updateTable('privacyExports').set({ status: 'failed' }).where('id', '=', id).where('status', '=', 'pending').execute();
}

/** Archives past their date, to delete with their blobs. */
export async function expiredExports(db: Db, now: string): Promise<Array<Pick<ExportRow, 'id' | 'blobKey'>>> {
  return db.selectFrom('privacyExports').select(['id', 'blobKey']).where('expiresAt', '<=', now).limit(500).execute();
}

export async function deleteExport(db: Db, id: string): Promise<void> {
  await db.deleteFrom('privacyExports').where('id', '=', id).execute();
}

/** Of these blob keys, the archives still kept (the blob sweep keeps them). */
export async function referencedBlobKeys(db: Db, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('privacyExports')
    .select('blobKey')
    .where('blobKey', 'in', [...keys])
    .execute();
  return rows.map((r) => r.blobKey!).filter(Boolean);
}
