import type { JobRunner } from '../../kernel/jobs/index.js';
import type { Deps } from './service/deps.js';
import { BUILD_JOB, buildExport, expireExports } from './service/exports.js';

export const EXPIRE_JOB = 'privacy.exports.expire';

/** Builds the archives people ask for, and deletes them once expired (daily). */
export function registerPrivacyJobs(jobs: JobRunner, deps: Deps): void {
  jobs.register<{ exportId: string }>(BUILD_JOB, async ({ exportId }, { now, job }) => {
    await buildExport(deps, exportId, now, job.attempts >= job.maxAttempts);
  });
  jobs.register(EXPIRE_JOB, async (_payload, { now }) => {
    await expireExports(deps, now);
  });
  jobs.schedule(EXPIRE_JOB, { everyMinutes: 24 * 60 });
}
