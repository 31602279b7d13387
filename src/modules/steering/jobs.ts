// The steering rollup: hourly, raw keyed hashes → daily and monthly counts (see rollup.ts).
import type { FastifyInstance } from 'fastify';
import { rollUp } from './rollup.js';

export const ROLLUP_JOB = 'steering.rollup';

export function registerSteeringJobs(app: FastifyInstance): void {
  app.jobs.register(ROLLUP_JOB, async (_payload, { now }) => {
    // This instance's buffered counts first; other instances flush on their own.
    await app.activity.flush();
    await rollUp(app.db, now);
  });
  app.jobs.schedule(ROLLUP_JOB, { everyMinutes: 60 });
}
