import { audit } from '../../kernel/audit.js';
import type { RouteCase } from '../../kernel/testing/coverage.js';
import type { CoverageWorld } from '../directory/testing.js';
import { buildNode } from '../documents/testing.js';
import { exportOf } from './testing.js';

/** Wrong-person cases for the privacy routes: someone else's archive, the register and the audit log to non-administrators, another school's entries. */
export async function privacyCases({ app, world: w, as }: CoverageWorld): Promise<RouteCase[]> {
  await buildNode(app, { ownerId: w.ce1aParent.id, name: 'couverture-rgpd.txt', content: 'Couverture : données de la famille Élève.' });
  const download = await exportOf(app, as.ce1aParent);
  const otherSchoolAction = 'coverage.privacy.other_school';
  await audit(app.db, { action: otherSchoolAction, actorId: w.otherDirector.id, subjectId: w.otherStudent.id, structureId: w.schoolB.id });
  const wrong = (route: string, c: Omit<RouteCase, 'kind' | 'route'>): RouteCase => ({ kind: 'wrong-person', route, ...c });
  const auditRoutes = ['GET /privacy/audit', 'GET /privacy/audit.csv', 'GET /api/privacy/audit'];
  const urlOf = (route: string) => route.replace(/^GET /, '');
  const retention = [
    'GET /privacy/retention',
    'POST /privacy/retention',
    'POST /privacy/retention/dry-run',
    'POST /privacy/retention/purge',
    'GET /api/privacy/retention',
    'PUT /api/privacy/retention',
    'POST /api/privacy/retention/dry-run',
    'POST /api/privacy/retention/purge',
  ];
  const retentionCases = retention.flatMap((route) => {
    const [, url] = route.split(' ');
    const payload = route.startsWith('PUT') ? { 'audit.entries': 1 } : route.startsWith('POST') ? { 'audit.entries': '1' } : undefined;
    return [as.admin, as.director].map((who, i) =>
      wrong(route, { url, as: who, payload, expect: 403, absent: ['Comptes des personnes parties'], note: i === 0 ? 'a local administrator' : 'a director' }),
    );
  });
  return [
    ...retentionCases,
    wrong('GET /privacy/exports/:id/download', { url: download, as: as.ce1bParent, expect: 404, absent: ['Couverture'], note: 'another family’s archive' }),
    wrong('GET /privacy/exports/:id/download', {
      url: download,
      as: as.instanceAdmin,
      expect: 404,
      absent: ['Couverture'],
      note: 'the instance administrator',
    }),
    wrong('GET /privacy/register', { as: as.ce1Teacher, expect: 403, absent: ['Finalité'], note: 'a teacher' }),
    wrong('GET /api/privacy/register', { as: as.ce1aParent, expect: 403, absent: ['purpose'], note: 'a parent' }),
    ...auditRoutes.map((route) =>
      wrong(route, { url: urlOf(route), as: as.director, expect: 403, absent: [otherSchoolAction], note: 'a director is not the local administrator' }),
    ),
    ...auditRoutes.map((route) =>
      wrong(route, {
        url: urlOf(route),
        as: as.admin,
        expect: 200,
        absent: [otherSchoolAction, w.otherStudent.login],
        note: 'school A’s local administrator, an entry of school B',
      }),
    ),
  ];
}
