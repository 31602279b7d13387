import type { RouteCase } from '../../kernel/testing/coverage.js';
import type { CoverageWorld } from '../directory/testing.js';
import { DEFAULT_TARGETS } from './repository/targets.js';
import { buildNeed, buildOrder } from './testing.js';

/** Wrong-person cases for the yearly project's routes (school A of `townId`; the world's agent is another town's). */
export async function projectCases({ app, world: w, as }: CoverageWorld, townId: string): Promise<RouteCase[]> {
  const need = await buildNeed(app.db, w.schoolA.id, w.director.id, { justification: 'Couverture : un visualiseur pour le CE1.' });
  const needAbsent = ['Couverture : un visualiseur pour le CE1.'];
  const order = await buildOrder(app.db, w.schoolA.id, townId, w.director.id, { status: 'approved', number: 'COUV-001' });
  const o = `/api/equipment/orders/${order.id}`;
  const wrong = (route: string, c: Omit<RouteCase, 'kind' | 'route'>): RouteCase => ({ kind: 'wrong-person', route, ...c });
  const api = `/api/equipment/schools/${w.schoolA.id}`;
  const town = `/api/equipment/municipalities/${townId}`;
  const kit = {
    classroom: { networkSocket: 2, computer: 1, interactiveProjection: 1, speakers: 1, visualiser: 1 },
    school: { wifiAccessPoint: 1, mobileCart: 1 },
    cartMin: 10,
    cartMax: 12,
  };
  return [
    // Step 1.
    wrong('GET /api/equipment/municipalities/:id/kit', { url: `${town}/kit`, as: as.agent, expect: 404, note: 'another municipality’s agent' }),
    wrong('PUT /api/equipment/municipalities/:id/kit', { url: `${town}/kit`, as: as.director, payload: kit, expect: 404, note: 'a director' }),
    wrong('PUT /api/equipment/municipalities/:id/officials', {
      url: `${town}/officials`,
      as: as.agent,
      payload: { personIds: [] },
      expect: 404,
      note: 'an agent does not name the officials',
    }),
    wrong('GET /api/equipment/municipalities/:id/targets', { url: `${town}/targets`, as: as.agent, expect: 404, note: 'another municipality’s agent' }),
    wrong('PUT /api/equipment/municipalities/:id/targets', {
      url: `${town}/targets`,
      as: as.director,
      payload: DEFAULT_TARGETS,
      expect: 404,
      note: 'a director',
    }),
    wrong('GET /equipment/municipalities/:id/targets', {
      url: `/equipment/municipalities/${townId}/targets`,
      as: as.otherDirector,
      expect: 404,
      note: 'a director',
    }),
    wrong('POST /equipment/municipalities/:id/targets', {
      url: `/equipment/municipalities/${townId}/targets`,
      as: as.agent,
      form: { 'ages.laptop': '4' },
      expect: 404,
      note: 'another municipality’s agent',
    }),
    wrong('GET /api/equipment/schools/:id/review', { url: `${api}/review`, as: as.ce1aParent, expect: 404, absent: ['CE1'], note: 'a parent' }),
    wrong('GET /equipment/schools/:id/project', {
      url: `/equipment/schools/${w.schoolA.id}/project`,
      as: as.otherTeacher,
      expect: 404,
      note: 'another school’s teacher',
    }),
    wrong('GET /equipment/municipalities/:id/kit', { url: `/equipment/municipalities/${townId}/kit`, as: as.ce1Teacher, expect: 404, note: 'a teacher' }),
    wrong('POST /equipment/municipalities/:id/kit', {
      url: `/equipment/municipalities/${townId}/kit`,
      as: as.agent,
      form: { cartMin: '1', cartMax: '2' },
      expect: 404,
      note: 'another municipality’s agent',
    }),
    // Step 2.
    wrong('GET /api/equipment/schools/:id/needs', { url: `${api}/needs`, as: as.ce1bParent, expect: 404, absent: needAbsent, note: 'a parent' }),
    wrong('POST /api/equipment/schools/:id/needs', {
      url: `${api}/needs`,
      as: as.ce1Teacher,
      payload: { category: 'laptop', quantity: 1, priority: 'high', justification: 'Intrus' },
      expect: 403,
      note: 'a teacher gives input but does not submit',
    }),
    wrong('POST /api/equipment/needs/:id/comments', {
      url: `/api/equipment/needs/${need.id}/comments`,
      as: as.cm2Parent,
      payload: { body: 'Intrus' },
      expect: 404,
      note: 'a parent',
    }),
    wrong('POST /api/equipment/needs/:id/review', {
      url: `/api/equipment/needs/${need.id}/review`,
      as: as.director,
      payload: { body: 'Intrus' },
      expect: 404,
      note: 'the director does not review',
    }),
    wrong('POST /api/equipment/schools/:id/commissions', {
      url: `${api}/commissions`,
      as: as.agent,
      payload: { heldOn: '2027-03-01', members: 'Intrus', decisions: [{ needId: need.id, outcome: 'approve' }] },
      expect: 404,
      note: 'another municipality’s agent',
    }),
    wrong('POST /equipment/schools/:id/needs', {
      url: `/equipment/schools/${w.schoolA.id}/needs`,
      as: as.staff,
      form: { category: 'laptop', quantity: '1', priority: 'high', justification: 'Intrus' },
      expect: 403,
      note: 'office staff',
    }),
    wrong('POST /equipment/needs/:id/comments', {
      url: `/equipment/needs/${need.id}/comments`,
      as: as.otherTeacher,
      form: { body: 'Intrus' },
      expect: 404,
      note: 'another school’s teacher',
    }),
    wrong('POST /equipment/needs/:id/review', {
      url: `/equipment/needs/${need.id}/review`,
      as: as.ce1Teacher,
      form: { body: 'Intrus' },
      expect: 404,
      note: 'a teacher',
    }),
    wrong('POST /equipment/schools/:id/commissions', {
      url: `/equipment/schools/${w.schoolA.id}/commissions`,
      as: as.director,
      form: { heldOn: '2027-03-01', members: 'Intrus', [`outcome.${need.id}`]: 'approve' },
      expect: 404,
      note: 'the director does not record the commission',
    }),
    // Steps 3 and 4.
    wrong('GET /api/equipment/municipalities/:id/budgets/:year', { url: `${town}/budgets/2027`, as: as.director, expect: 404, note: 'a director' }),
    wrong('PUT /api/equipment/municipalities/:id/budgets/:year', {
      url: `${town}/budgets/2027`,
      as: as.agent,
      payload: { amount: 1 },
      expect: 404,
      note: 'another town’s agent',
    }),
    wrong('GET /api/equipment/schools/:id/orders', { url: `${api}/orders`, as: as.ce1aParent, expect: 404, absent: ['COUV-001'], note: 'a parent' }),
    wrong('POST /api/equipment/schools/:id/orders', {
      url: `${api}/orders`,
      as: as.director,
      payload: { lines: [{ needId: need.id, quantity: 1, unitPrice: 1, supplier: 'X' }] },
      expect: 404,
      note: 'the director does not order',
    }),
    wrong('POST /api/equipment/orders/:id/approve', { url: `${o}/approve`, as: as.agent, expect: 404, note: 'another town’s agent' }),
    wrong('POST /api/equipment/orders/:id/lines/:lineId/delivery', {
      url: `${o}/lines/${order.lineId}/delivery`,
      as: as.ce1Teacher,
      payload: {},
      expect: 404,
      note: 'a teacher',
    }),
    wrong('PUT /api/equipment/orders/:id/installation', {
      url: `${o}/installation`,
      as: as.director,
      payload: { scheduledFor: '2027-03-22T09:00' },
      expect: 404,
      note: 'the director confirms, not schedules',
    }),
    wrong('POST /api/equipment/orders/:id/installation/confirm', {
      url: `${o}/installation/confirm`,
      as: as.otherDirector,
      expect: 404,
      note: 'another school’s director',
    }),
    wrong('POST /api/equipment/orders/:id/installation/training', {
      url: `${o}/installation/training`,
      as: as.cm2Teacher,
      payload: { heldOn: '2027-03-22', attendeeIds: [w.cm2Teacher.id] },
      expect: 404,
      note: 'a teacher',
    }),
    wrong('POST /equipment/schools/:id/budget', {
      url: `/equipment/schools/${w.schoolA.id}/budget`,
      as: as.director,
      form: { amount: '1' },
      expect: 404,
      note: 'a director',
    }),
    wrong('POST /equipment/schools/:id/orders', {
      url: `/equipment/schools/${w.schoolA.id}/orders`,
      as: as.ce1Teacher,
      form: { [`include.${need.id}`]: '1' },
      expect: 404,
      note: 'a teacher',
    }),
    wrong('POST /equipment/orders/:id/approve', { url: `/equipment/orders/${order.id}/approve`, as: as.director, form: {}, expect: 404, note: 'the director' }),
    wrong('POST /equipment/orders/:id/lines/:lineId/delivery', {
      url: `/equipment/orders/${order.id}/lines/${order.lineId}/delivery`,
      as: as.agent,
      form: {},
      expect: 404,
      note: 'another town’s agent',
    }),
    wrong('POST /equipment/orders/:id/installation', {
      url: `/equipment/orders/${order.id}/installation`,
      as: as.staff,
      form: { scheduledFor: '2027-03-22T09:00' },
      expect: 404,
      note: 'office staff',
    }),
    wrong('POST /equipment/orders/:id/installation/confirm', {
      url: `/equipment/orders/${order.id}/installation/confirm`,
      as: as.ce1Teacher,
      form: {},
      expect: 404,
      note: 'a teacher',
    }),
    wrong('POST /equipment/orders/:id/installation/training', {
      url: `/equipment/orders/${order.id}/installation/training`,
      as: as.otherTeacher,
      form: { heldOn: '2027-03-22' },
      expect: 404,
      note: 'another school’s teacher',
    }),
  ];
}
