import type { JobRunner } from '../../kernel/jobs/index.js';
import { purgeSent, sendDuePushes, type OfflineDeps } from './service.js';

export const PUSH_JOB = 'offline.push.send';
const PURGE_JOB = 'offline.push.purge';

/** Every five minutes, the notices shown since are pushed (quiet hours permitting); daily, the old records go. */
export function registerOfflineJobs(jobs: JobRunner, deps: OfflineDeps): void {
  jobs.register(PUSH_JOB, async (_payload, { now }) => {
    await sendDuePushes(deps, now);
  });
  jobs.schedule(PUSH_JOB, { everyMinutes: 5 });
  jobs.register(PURGE_JOB, async (_payload, { now }) => {
    await purgeSent(deps, now);
  });
  jobs.schedule(PURGE_JOB, { everyMinutes: 24 * 60 });
}
