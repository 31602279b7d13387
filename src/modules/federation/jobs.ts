import type { FastifyBaseLogger } from 'fastify';
import { audit } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db/index.js';
import type { JobRunner } from '../../kernel/jobs/index.js';
import { sweepExpiredModels } from './adapter.js';
import { rotateWhenDue } from './keys.js';

export const SWEEP_JOB = 'federation.models.sweep';
export const ROTATE_JOB = 'federation.keys.rotate';

/** Expired sessions, codes and tokens go every hour; the signing key is renewed when it is old (checked daily). */
export function registerFederationJobs(jobs: JobRunner, deps: { db: Db; secret: () => Promise<string>; log: FastifyBaseLogger }): void {
  jobs.register(SWEEP_JOB, async (_payload, { now }) => {
    const removed = await sweepExpiredModels(deps.db, now);
    if (removed > 0) deps.log.info({ removed }, 'expired OpenID objects removed');
  });
  jobs.schedule(SWEEP_JOB, { everyMinutes: 60 });
  jobs.register(ROTATE_JOB, async (_payload, { now }) => {
    const kid = await rotateWhenDue(deps.db, await deps.secret(), now);
    if (kid) await audit(deps.db, { action: 'federation.keys.rotate', details: { kid, by: 'schedule' } });
  });
  jobs.schedule(ROTATE_JOB, { everyMinutes: 24 * 60 });
}
