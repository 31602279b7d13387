import type { Db } from '../../kernel/db/index.js';
import type { JobRunner } from '../../kernel/jobs/index.js';
import { sweepExpiredTokens } from './repository.js';

export const SWEEP_JOB = 'oneroster.tokens.sweep';

/** Expired bearer tokens go every hour (they are refused as soon as they expire anyway). */
export function registerOnerosterJobs(jobs: JobRunner, deps: { db: Db }): void {
  jobs.register(SWEEP_JOB, async (_payload, { now }) => {
    await sweepExpiredTokens(deps.db, now.toISOString());
  });
  jobs.schedule(SWEEP_JOB, { everyMinutes: 60 });
}
