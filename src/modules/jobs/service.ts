import { audit } from '../../kernel/audit.js';
import { authorize, type Actor } from '../../kernel/authz/index.js';
import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/index.js';
import { BadRequest, Conflict } from '../../kernel/http/errors.js';
import type { JobStatus } from '../../kernel/jobs/index.js';
import { t } from './i18n/fr.js';
import * as repo from './repository.js';
import './policy.js';

export interface JobsDeps {
  db: Db;
  clock: Clock;
}

/** What the page shows by default: the work still to do and the work that failed. */
export const OPEN_STATUSES: JobStatus[] = ['running', 'pending', 'dead'];

export async function listJobs(deps: JobsDeps, actor: Actor, query: { status?: JobStatus; limit: number }) {
  authorize(actor, 'jobs.job.list', {});
  // Ajv lets `Infinity` (and `1e999`) through an integer schema with a maximum.
  if (!Number.isSafeInteger(query.limit)) throw new BadRequest('validation', t('error.validation'), [{ field: 'limit', message: 'must be <= 200' }]);
  const [items, counts] = await Promise.all([
    repo.listJobs(deps.db, { statuses: query.status ? [query.status] : OPEN_STATUSES, limit: query.limit }),
    repo.countByStatus(deps.db),
  ]);
  return { items, counts };
}

/** The page: each open state's most recent jobs, and the counts. */
export async function overview(deps: JobsDeps, actor: Actor, limit: number) {
  authorize(actor, 'jobs.job.list', {});
  const [running, pending, dead, counts] = await Promise.all([
    repo.listJobs(deps.db, { statuses: ['running'], limit }),
    repo.listJobs(deps.db, { statuses: ['pending'], limit }),
    repo.listJobs(deps.db, { statuses: ['dead'], limit }),
    repo.countByStatus(deps.db),
  ]);
  return { running, pending, dead, counts };
}

/** Gives a dead job its attempts again, due now. */
export async function retryJob(deps: JobsDeps, actor: Actor, id: string): Promise<repo.ListedJob> {
  const job = await repo.findJob(deps.db, id);
  authorize(actor, 'jobs.job.retry', job);
  const now = deps.clock.now();
  if (job.status !== 'dead' || !(await repo.requeueDead(deps.db, id, now))) {
    throw new Conflict('jobs.not_failed', t('jobs.error.notFailed'));
  }
  await audit(deps.db, { action: 'jobs.retry', actorId: actor.personId, subjectId: id, details: { kind: job.kind } });
  return { ...job, status: 'pending', attempts: 0, runAt: null, finishedAt: null, updatedAt: now.toISOString() };
}
