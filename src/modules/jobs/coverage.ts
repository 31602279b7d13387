import type { RouteCase } from '../../kernel/testing/coverage.js';
import type { CoverageWorld } from '../directory/testing.js';
import { buildJob } from './testing.js';

/** The queue is the instance administrator's alone: a director or a teacher learns nothing of it. */
export const jobsCases = async ({ app, as }: CoverageWorld): Promise<RouteCase[]> => {
  const secret = 'Relance parents CM2 refusée par le serveur';
  const dead = await buildJob(app.db, { kind: 'coverage.digest-cm2', status: 'dead', lastError: secret });
  const absent = [dead.kind, secret, dead.id];
  return [
    { kind: 'wrong-person', route: 'GET /admin/jobs', as: as.director, expect: 403, absent, note: 'a school’s director' },
    { kind: 'wrong-person', route: 'GET /admin/jobs', as: as.admin, expect: 403, absent, note: 'a school’s local administrator' },
    { kind: 'wrong-person', route: 'GET /api/jobs', url: '/api/jobs?status=dead', as: as.director, expect: 403, absent },
    { kind: 'wrong-person', route: 'GET /api/jobs', url: '/api/jobs', as: as.ce1Teacher, expect: 403, absent },
    { kind: 'wrong-person', route: 'POST /api/jobs/:id/retry', url: `/api/jobs/${dead.id}/retry`, as: as.director, expect: 404, absent },
    { kind: 'wrong-person', route: 'POST /admin/jobs/:id/retry', url: `/admin/jobs/${dead.id}/retry`, as: as.ce1Teacher, form: {}, expect: 404, absent },
  ];
};
