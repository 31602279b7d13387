import type { JobRunner } from '../../kernel/jobs/index.js';
import type { CasDeps } from './service/deps.js';
import { sweepTickets } from './service/tickets.js';

export const SWEEP_JOB = 'cas.tickets.sweep';

/** Expired service tickets are deleted every ten minutes (an hour after they expire). */
export function registerCasJobs(jobs: JobRunner, deps: CasDeps): void {
  jobs.register(SWEEP_JOB, async (_payload, { now }) => {
    await sweepTickets(deps, now);
  });
  jobs.schedule(SWEEP_JOB, { everyMinutes: 10 });
}
