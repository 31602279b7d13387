import type { Db } from '../db/index.js';

export { enqueue, DEFAULT_MAX_ATTEMPTS, type EnqueueOptions, type Executor } from './enqueue.js';
export { JobRunner, backoffMs, type Job, type JobContext, type JobHandler, type JobLog, type JobRunnerOptions } from './runner.js';
export { jobsMigrations } from './migrations.js';
export type { JobStatus, JobsTable } from './tables.js';

/** How long finished jobs are kept (their keys keep answering "already enqueued" until then). */
export const FINISHED_JOBS_KEPT_DAYS = 30;

/** Deletes the jobs that succeeded before `before`; failed ones stay for the administrator. */
export async function purgeFinishedJobs(db: Db, before: Date): Promise<number> {
  const result = await db.deleteFrom('jobs').where('status', '=', 'done').where('finishedAt', '<', before.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
