import { audit } from '../../kernel/audit.js';
import type { RouteCase } from '../../kernel/testing/coverage.js';
import { loginAs } from '../../kernel/testing/index.js';
import { buildPerson, type CoverageWorld } from '../directory/testing.js';
import { buildNode } from '../documents/testing.js';
import { exportOf, fileRequestAs } from './testing.js';

/**
 * Wrong-person cases for the privacy routes: someone else's archive, the register and the audit log to
 * non-administrators, another school's entries, a family's request to another family and to another
 * school's local administrator.
 */
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
  const secret = 'Couverture : mon adresse au 12 rue des Lilas est fausse.';
  const filed = await fileRequestAs(app, as.ce1aParent, { kind: 'rectification', body: secret });
  const schoolBAdmin = await buildPerson(app.db, {
    profile: 'personnel',
    firstName: 'Basile',
    lastName: 'Portadmin',
    structureId: w.schoolB.id,
    roles: ['localAdmin'],
  });
  const otherAdmin = await loginAs(app, schoolBAdmin.id);
  const hidden = [secret, 'rue des Lilas', w.ce1aParent.login];
  const one = `/privacy/requests/${filed.id}`;
  const requestCases = [
    wrong('GET /privacy', { as: as.ce1bParent, expect: 200, absent: hidden.slice(0, 2), note: 'another family’s request on my data page' }),
    wrong('GET /api/privacy/requests/mine', { as: as.ce1bParent, expect: 200, absent: hidden.slice(0, 2), note: 'another family’s request' }),
    ...['GET /privacy/requests', 'GET /api/privacy/requests'].flatMap((route) => [
      wrong(route, { as: otherAdmin, expect: 200, absent: hidden, note: 'school B’s local administrator, a request of school A' }),
      wrong(route, { as: as.ce1bParent, expect: 403, absent: hidden, note: 'a parent' }),
      wrong(route, { as: as.director, expect: 403, absent: hidden, note: 'a director is not the local administrator' }),
    ]),
    ...[otherAdmin, as.ce1bParent, as.ce1aParent].flatMap((who, i) => {
      const note = ['school B’s local administrator', 'another family', 'the requester does not handle their own'][i];
      return [
        wrong('GET /privacy/requests/:id', { url: one, as: who, expect: 404, absent: hidden.slice(0, 2), note }),
        wrong('POST /privacy/requests/:id', { url: one, as: who, form: { status: 'done', reason: 'Fait.' }, expect: 404, absent: hidden.slice(0, 2), note }),
        wrong('PATCH /api/privacy/requests/:id', {
          url: `/api${one}`,
          as: who,
          payload: { status: 'done', reason: 'Fait.' },
          expect: 404,
          absent: hidden.slice(0, 2),
          note,
        }),
      ];
    }),
  ];
  return [
    ...retentionCases,
    ...requestCases,
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
