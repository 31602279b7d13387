import type { RouteCase } from '../../kernel/testing/coverage.js';
import type { CoverageWorld } from '../directory/testing.js';
import { buildAsset, buildLoan } from './testing.js';

/**
 * Wrong-person cases for the loans to families: a tablet of school A lent to the CE1 pupil ce1a.
 * The world's agent is another municipality's; ce1b's and cm2's parents are other children's.
 */
export async function loanCases({ app, world: w, as }: CoverageWorld): Promise<RouteCase[]> {
  const tablet = await buildAsset(app.db, w.schoolA.id, { category: 'tablet', model: 'Couverture Tab-Prêt', serialNumber: 'COUV-PRET-1' });
  const loan = await buildLoan(app.db, w.schoolA.id, tablet.id, w.ce1a.id, w.director.id, { conditions: 'Couverture : conditions du prêt.' });
  const absent = ['Couverture Tab-Prêt', 'Couverture : conditions du prêt.'];
  const wrong = (route: string, c: Omit<RouteCase, 'kind' | 'route'>): RouteCase => ({ kind: 'wrong-person', route, ...c });
  const api = `/api/equipment/schools/${w.schoolA.id}/loans`;
  const l = `/api/equipment/loans/${loan.id}`;
  const page = (path: string) => path.replace('/api/equipment', '/equipment');
  const body = { assetId: tablet.id, pupilId: w.ce1b.id, dueOn: '2027-06-30', conditions: 'Intrus' };
  return [
    wrong('GET /api/equipment/schools/:id/loans', { url: api, as: as.agent, expect: 404, absent, note: 'another municipality’s agent' }),
    wrong('POST /api/equipment/schools/:id/loans', { url: api, as: as.ce1Teacher, payload: body, expect: 404, note: 'a teacher does not lend' }),
    wrong('GET /api/equipment/loans/mine', { as: as.ce1bParent, expect: 200, absent, note: 'another child’s parent lists only their own' }),
    wrong('GET /api/equipment/loans/:id', { url: l, as: as.ce1bParent, expect: 404, absent, note: 'another child’s parent' }),
    wrong('POST /api/equipment/loans/:id/acknowledge', { url: `${l}/acknowledge`, as: as.cm2Parent, expect: 404, note: 'another child’s parent' }),
    wrong('POST /api/equipment/loans/:id/return', {
      url: `${l}/return`,
      as: as.ce1aParent,
      payload: { condition: 'good' },
      expect: 404,
      note: 'the family does not record the return',
    }),
    wrong('GET /equipment/schools/:id/loans', { url: page(api), as: as.otherDirector, expect: 404, absent, note: 'another school’s director' }),
    wrong('POST /equipment/schools/:id/loans', { url: page(api), as: as.agent, form: body, expect: 404, note: 'another municipality’s agent' }),
    wrong('GET /equipment/loans/mine', { as: as.otherParent, expect: 200, absent, note: 'another school’s parent' }),
    wrong('GET /equipment/loans/:id', { url: page(l), as: as.agent, expect: 404, absent, note: 'another municipality’s agent' }),
    wrong('POST /equipment/loans/:id/acknowledge', { url: `${page(l)}/acknowledge`, as: as.ce1bParent, form: {}, expect: 404, note: 'another child’s parent' }),
    wrong('POST /equipment/loans/:id/return', {
      url: `${page(l)}/return`,
      as: as.otherTeacher,
      form: { condition: 'good' },
      expect: 404,
      note: 'another school’s teacher',
    }),
  ];
}
