import type { Db } from '../../kernel/db/index.js';
import { enqueue, type JobStatus } from '../../kernel/jobs/index.js';

/** A job in the state a test needs, as the runner would have left it. */
export async function buildJob(
  db: Db,
  options: { kind?: string; status?: JobStatus; attempts?: number; lastError?: string | null; runAt?: Date } = {},
): Promise<{ id: string; kind: string }> {
  const kind = options.kind ?? 'test.job';
  const { id } = await enqueue(db, kind, {}, { runAt: options.runAt });
  const status = options.status ?? 'pending';
  const attempts = options.attempts ?? (status === 'pending' ? 0 : 5);
  await db
    .updateTable('jobs')
    .set({
      status,
      attempts,
      lastError: options.lastError ?? null,
      finishedAt: status === 'dead' || status === 'done' ? new Date().toISOString() : null,
      ...(status === 'running' ? { lockedBy: 'test', lockedUntil: new Date(Date.now() + 60 * 60_000).toISOString() } : {}),
    })
    .where('id', '=', id)
    .execute();
  return { id, kind };
}
