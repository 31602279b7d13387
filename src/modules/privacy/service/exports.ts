import { audit } from '../../../kernel/audit.js';
import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { enqueue } from '../../../kernel/jobs/index.js';
import { notify } from '../../notifications/index.js';
import { buildArchive } from '../archive.js';
import { t } from '../i18n/fr.js';
import '../policy.js';
import * as repo from '../repository/exports.js';
import type { Deps } from './deps.js';

/** How long a built archive stays downloadable. */
export const EXPORT_KEPT_DAYS = 7;
export const BUILD_JOB = 'privacy.export.build';

export type ExportView = repo.ExportRow & { downloadable: boolean };

/**
 * Asks for an archive of a person's data, built by a job. While one is being built, asking again
 * answers that one (a double click makes one archive). `requestedBy` is null from the command line.
 */
export async function createExport(
  deps: Deps,
  personId: string,
  requestedBy: string | null,
  ip: string | null = null,
): Promise<{ id: string; created: boolean }> {
  const pending = await repo.pendingExportOf(deps.db, personId);
  if (pending) return { id: pending.id, created: false };
  const now = deps.clock.now();
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertExport(trx, {
      id,
      personId,
      requestedBy,
      status: 'pending',
      blobKey: null,
      size: 0,
      sha256: null,
      createdAt: now.toISOString(),
      readyAt: null,
      expiresAt: new Date(now.getTime() + EXPORT_KEPT_DAYS * 24 * 3600_000).toISOString(),
    });
    await enqueue(trx, BUILD_JOB, { exportId: id }, { key: `${BUILD_JOB}:${id}` });
    await audit(trx, { action: 'privacy.export.request', actorId: requestedBy, subjectId: personId, ip, details: { exportId: id } });
  });
  return { id, created: true };
}

/** The signed-in person asks for their own archive. */
export async function requestExport(deps: Deps, actor: Actor, ip: string | null): Promise<{ id: string; created: boolean }> {
  authorize(actor, 'privacy.export.request', { personId: actor.personId });
  return createExport(deps, actor.personId, actor.personId, ip);
}

/** The person's archives, newest first, each saying whether it can be downloaded now. */
export async function myExports(deps: Deps, actor: Actor): Promise<ExportView[]> {
  authorize(actor, 'privacy.data.open', {});
  const now = deps.clock.now().toISOString();
  return (await repo.exportsOf(deps.db, actor.personId)).map((e) => ({ ...e, downloadable: e.status === 'ready' && e.expiresAt > now }));
}

/** An archive the person may download now; anyone else's, or one not ready, is "not found". */
export async function downloadableExport(deps: Deps, actor: Actor, id: string) {
  const row = await repo.findExport(deps.db, id);
  const now = deps.clock.now().toISOString();
  authorize(actor, 'privacy.export.download', row && { personId: row.personId, ready: row.status === 'ready' && row.expiresAt > now && row.blobKey !== null });
  return row as repo.ExportRow & { blobKey: string; sha256: string };
}

/** The job: builds the archive, stores it, tells the person. Run again after a crash, it starts over. */
export async function buildExport(deps: Deps, exportId: string, now: Date, lastAttempt = true): Promise<void> {
  const row = await repo.findExport(deps.db, exportId);
  if (!row || row.status !== 'pending') return;
  try {
    const { blob, summary } = await buildArchive(deps.db, deps.blobs, deps.registry, row.personId, now);
    await deps.db.transaction().execute(async (trx) => {
      await repo.markReady(trx, row.id, blob, now.toISOString());
      await audit(trx, { action: 'privacy.export.ready', actorId: null, subjectId: row.personId, details: { exportId: row.id, size: blob.size, ...summary } });
    });
    await notify(
      deps.db,
      {
        recipients: [row.personId],
        kind: 'privacy.export.ready',
        source: `privacy.export:${row.id}`,
        title: t('privacy.notice.title'),
        body: t('privacy.notice.body'),
        link: '/privacy',
      },
      now,
    );
  } catch (error) {
    // The last attempt marks the request failed so the person may ask again; earlier ones are retried.
    if (lastAttempt) await repo.markFailed(deps.db, row.id);
    throw error;
  }
}

/** The daily expiry: archives past their date go, with their files. */
export async function expireExports(deps: Deps, now: Date): Promise<number> {
  const expired = await repo.expiredExports(deps.db, now.toISOString());
  for (const e of expired) {
    await repo.deleteExport(deps.db, e.id);
    if (e.blobKey) await deps.blobs.delete(e.blobKey);
  }
  return expired.length;
}
