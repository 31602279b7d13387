import { definePolicy, type ActionsOf } from '../../kernel/authz/index.js';
import type { JobStatus } from '../../kernel/jobs/index.js';

/**
 * The job queue is the instance's plumbing: its kinds and errors concern every school, so the
 * instance administrator alone sees it; directors and local administrators do not.
 */
export const jobsPolicy = definePolicy('jobs', {
  /** The instance administrator lists the queue; for anyone else the page is forbidden (it reveals no job). */
  'jobs.job.list': { allow: (actor, _facts: Record<string, never>) => actor.isSuperAdmin, refusal: 403 },
  /** The instance administrator sends a job back to the queue; anyone else is told it does not exist. */
  'jobs.job.retry': (actor, _job: { id: string; status: JobStatus }) => actor.isSuperAdmin,
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the actions come from the table
  interface Actions extends ActionsOf<typeof jobsPolicy> {}
}
