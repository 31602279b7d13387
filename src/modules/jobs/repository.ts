import type { Db } from '../../kernel/db/index.js';
import type { JobStatus } from '../../kernel/jobs/index.js';

/** The columns the administrator sees: never the payload, which may name people. */
const LISTED = ['id', 'kind', 'status', 'attempts', 'maxAttempts', 'runAt', 'lastError', 'createdAt', 'updatedAt', 'finishedAt'] as const;

export async function listJobs(db: Db, options: { statuses: JobStatus[]; limit: number }) {
  return db.selectFrom('jobs').select(LISTED).where('status', 'in', options.statuses).orderBy('updatedAt', 'desc').orderBy('id').limit(options.limit).execute();
}

export type ListedJob = Awaited<ReturnType<typeof listJobs>>[number];

export async function countByStatus(db: Db): Promise<Record<JobStatus, number>> {
  const rows = await db
    .selectFrom('jobs')
    .select((eb) => ['status', eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute();
  const counts: Record<JobStatus, number> = { pending: 0, running: 0, done: 0, dead: 0 };
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

export async function findJob(db: Db, id: string): Promise<ListedJob | undefined> {
  return db.selectFrom('jobs').select(LISTED).where('id', '=', id).executeTakeFirst();
}

/** Back to the queue with every attempt again, due now; false when it was no longer dead. */
export async function requeueDead(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ status: 'pending', attempts: 0, runAt: null, finishedAt: null, updatedAt: now.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
