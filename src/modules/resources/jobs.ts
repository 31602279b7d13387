import type { FastifyInstance } from 'fastify';
import { checkLinks } from './service/checks.js';

/** The link bank's daily check (each link at most once a week). */
export function registerResourcesJobs(app: FastifyInstance): void {
  app.jobs.register('resources.links.check', async () => {
    const { checked, dead } = await checkLinks({ db: app.db, clock: app.clock, log: app.log });
    if (dead > 0) app.log.info({ checked, dead }, 'dead links flagged');
  });
  app.jobs.schedule('resources.links.check', { everyMinutes: 24 * 60 });
}
