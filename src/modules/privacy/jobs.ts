import type { JobRunner } from '../../kernel/jobs/index.js';
import type { Deps } from './service/deps.js';
import type { RequestStatus } from './tables.js';
import { BUILD_JOB, buildExport, expireExports } from './service/exports.js';
import { FILED_JOB, NOTIFY_JOB, notifyHandlers, notifyRequester } from './service/requests.js';
import { PURGE_JOB, PURGE_NOW_JOB, runPurge } from './service/retention.js';

export const EXPIRE_JOB = 'privacy.exports.expire';

/** Tells administrators of a new erasure or rectification request and people that theirs moved on; builds the archives people ask for, deletes them once expired (daily), and purges what the retention schedule says. */
export function registerPrivacyJobs(jobs: JobRunner, deps: Deps): void {
  jobs.register<{ exportId: string }>(BUILD_JOB, async ({ exportId }, { now, job }) => {
    await buildExport(deps, exportId, now, job.attempts >= job.maxAttempts);
  });
  jobs.register<{ requestId: string; status: RequestStatus }>(NOTIFY_JOB, async ({ requestId, status }, { now }) => {
    await notifyRequester(deps, requestId, status, now);
  });
  jobs.register<{ requestId: string }>(FILED_JOB, async ({ requestId }, { now }) => {
    await notifyHandlers(deps, requestId, now);
  });
  jobs.register(EXPIRE_JOB, async (_payload, { now }) => {
    await expireExports(deps, now);
  });
  jobs.schedule(EXPIRE_JOB, { everyMinutes: 24 * 60 });
  // The retention purge: nightly from the schedule, or when the instance administrator asks.
  jobs.register(PURGE_JOB, async (_payload, { now }) => {
    await runPurge(deps, now, null);
  });
  jobs.schedule(PURGE_JOB, { everyMinutes: 24 * 60 });
  jobs.register<{ runId: string; requestedBy: string }>(PURGE_NOW_JOB, async ({ runId, requestedBy }, { now }) => {
    await runPurge(deps, now, requestedBy, runId);
  });
}
