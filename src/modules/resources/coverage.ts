import type { RouteCase } from '../../kernel/testing/coverage.js';
import { request } from '../../kernel/testing/index.js';
import type { CoverageWorld } from '../directory/testing.js';
import { addLink, catalogueCsv, importCatalogue } from './testing.js';

/** Wrong-person cases for every resources route that touches someone's data. */
export async function resourcesCases({ app, world: w, as }: CoverageWorld): Promise<RouteCase[]> {
  const title = 'Lien couverture CM2 sur les planètes';
  const linkId = await addLink(app, as.cm2Teacher, { title, url: 'https://planetes.example.org/', groupIds: [w.cm2Class.id], sharedWithSchool: true });
  const teachers = 'Ressource couverture réservée aux enseignants';
  await importCatalogue(
    app,
    as.instanceAdmin,
    'csv',
    catalogueCsv([
      { identifier: 'cov-1', title: teachers, url: 'https://maitre.example.org/', levels: 'CM2', audience: 'teacher', access: 'free', type: 'video' },
    ]),
  );
  const found = (await request(app, as.cm2Teacher, 'GET', '/api/resources/catalogue?q=couverture')).json() as { items: { id: string }[] };
  const resourceId = found.items[0]!.id;
  // Budgets, basket and licences of school A: a line proposed by the CM2 teacher, a licence for the CM2 class.
  const licensed = 'Manuel couverture sous licence';
  await importCatalogue(
    app,
    as.instanceAdmin,
    'csv',
    catalogueCsv([{ identifier: 'cov-2', title: licensed, url: 'https://licence.example.org/', levels: 'CM2', audience: 'student', access: 'licence' }]),
  );
  const licensedId = ((await request(app, as.cm2Teacher, 'GET', '/api/resources/catalogue?q=licence')).json() as { items: { id: string }[] }).items[0]!.id;
  const school = w.schoolA.id;
  await request(app, as.instanceAdmin, 'PUT', `/api/resources/schools/${school}/budget`, { amountCents: 123_400 });
  const line = await request(app, as.cm2Teacher, 'POST', `/api/resources/schools/${school}/basket`, {
    resourceId: licensedId,
    quantity: 27,
    unitPriceCents: 321,
    groupId: w.cm2Class.id,
  });
  const lineId = (line.json() as { id: string }).id;
  const today = new Date().toISOString().slice(0, 10);
  await request(app, as.director, 'POST', `/api/resources/schools/${school}/licences`, {
    resourceId: licensedId,
    groupId: w.cm2Class.id,
    startsOn: today,
    endsOn: `${Number(today.slice(0, 4)) + 4}${today.slice(4)}`,
  });
  const basketUrl = `/api/resources/schools/${school}/basket`;
  const lineBody = { resourceId: licensedId, quantity: 1, unitPriceCents: 1, level: 'CM2' };
  const licenceBody = { resourceId: licensedId, level: 'CE1', startsOn: today, endsOn: today };
  const link = `/api/resources/links/${linkId}`;
  const body = { title: 'Remplacé', url: 'https://autre.example.org/' };
  return [
    { kind: 'wrong-person', route: 'GET /api/resources/links', as: as.ce1a, expect: 200, absent: [title], note: 'a CE1 pupil lists links' },
    { kind: 'wrong-person', route: 'POST /api/resources/links', as: as.cm2, payload: body, expect: 403, note: 'a pupil may not add links' },
    {
      kind: 'wrong-person',
      route: 'GET /api/resources/links/:id',
      url: link,
      as: as.otherTeacher,
      expect: 404,
      absent: [title],
      note: 'another school’s teacher',
    },
    { kind: 'wrong-person', route: 'GET /api/resources/links/:id', url: link, as: as.ce1aParent, expect: 404, absent: [title], note: 'another class’s parent' },
    {
      kind: 'wrong-person',
      route: 'PUT /api/resources/links/:id',
      url: link,
      as: as.ce1Teacher,
      payload: body,
      expect: 404,
      absent: [title],
      note: 'a colleague',
    },
    { kind: 'wrong-person', route: 'DELETE /api/resources/links/:id', url: link, as: as.cm2Parent, expect: 404, note: 'a parent of the class' },
    {
      kind: 'wrong-person',
      route: 'POST /api/resources/links/:id/copy',
      url: `${link}/copy`,
      as: as.otherTeacher,
      payload: {},
      expect: 404,
      note: 'another school’s teacher',
    },
    {
      kind: 'wrong-person',
      route: 'GET /api/resources/catalogue',
      url: '/api/resources/catalogue?q=couverture',
      as: as.cm2,
      expect: 200,
      absent: [teachers],
      note: 'a pupil',
    },
    {
      kind: 'wrong-person',
      route: 'GET /api/resources/catalogue/:id',
      url: `/api/resources/catalogue/${resourceId}`,
      as: as.cm2Parent,
      expect: 404,
      absent: [teachers],
      note: 'a parent',
    },
    {
      kind: 'wrong-person',
      route: 'POST /api/resources/catalogue/import',
      as: as.director,
      payload: { format: 'csv', content: 'x' },
      expect: 403,
      note: 'a director',
    },
    { kind: 'wrong-person', route: 'POST /resources/links', as: as.ce1a, form: { title: 'x', url: 'https://x.example.org/' }, expect: 403, note: 'a pupil' },
    {
      kind: 'wrong-person',
      route: 'POST /resources/links/:id/copy',
      url: `/resources/links/${linkId}/copy`,
      as: as.otherTeacher,
      form: {},
      expect: 404,
      note: 'another school’s teacher',
    },
    {
      kind: 'wrong-person',
      route: 'POST /resources/links/:id/delete',
      url: `/resources/links/${linkId}/delete`,
      as: as.ce1Teacher,
      form: {},
      expect: 404,
      note: 'a colleague',
    },
    {
      kind: 'wrong-person',
      route: 'GET /resources/links/:id/edit',
      url: `/resources/links/${linkId}/edit`,
      as: as.ce1Teacher,
      expect: 404,
      absent: [title],
      note: 'a colleague who sees the shared link',
    },
    {
      kind: 'wrong-person',
      route: 'POST /resources/links/:id',
      url: `/resources/links/${linkId}`,
      as: as.cm2,
      form: { title: 'Remplacé', url: 'https://autre.example.org/' },
      expect: 404,
      absent: [title],
      note: 'a pupil of the class',
    },
    {
      kind: 'wrong-person',
      route: 'GET /resources/:id/open',
      url: `/resources/${licensedId}/open`,
      as: as.ce1a,
      expect: 404,
      absent: ['licence.example.org'],
      note: 'a CE1 pupil, on a resource licensed for CM2',
    },
    { kind: 'wrong-person', route: 'GET /api/resources/budgets', as: as.director, expect: 403, absent: ['1 234'], note: 'a director' },
    {
      kind: 'wrong-person',
      route: 'PUT /api/resources/schools/:id/budget',
      url: `/api/resources/schools/${school}/budget`,
      as: as.agent,
      payload: { amountCents: 1 },
      expect: 404,
      note: 'another municipality’s agent',
    },
    {
      kind: 'wrong-person',
      route: 'GET /api/resources/schools/:id/basket',
      url: basketUrl,
      as: as.cm2Parent,
      expect: 404,
      absent: [licensed],
      note: 'a parent',
    },
    {
      kind: 'wrong-person',
      route: 'POST /api/resources/schools/:id/basket',
      url: basketUrl,
      as: as.otherTeacher,
      payload: lineBody,
      expect: 404,
      note: 'another school’s teacher',
    },
    {
      kind: 'wrong-person',
      route: 'POST /api/resources/basket-lines/:id/decision',
      url: `/api/resources/basket-lines/${lineId}/decision`,
      as: as.otherDirector,
      payload: { decision: 'validated' },
      expect: 404,
      absent: [licensed],
      note: 'another school’s director',
    },
    {
      kind: 'wrong-person',
      route: 'GET /api/resources/schools/:id/basket/order.csv',
      url: `${basketUrl}/order.csv`,
      as: as.cm2Teacher,
      expect: 404,
      absent: [licensed],
      note: 'a teacher',
    },
    {
      kind: 'wrong-person',
      route: 'GET /api/resources/schools/:id/licences',
      url: `/api/resources/schools/${school}/licences`,
      as: as.agent,
      expect: 404,
      absent: [licensed],
      note: 'another municipality’s agent',
    },
    {
      kind: 'wrong-person',
      route: 'POST /api/resources/schools/:id/licences',
      url: `/api/resources/schools/${school}/licences`,
      as: as.cm2Teacher,
      payload: licenceBody,
      expect: 404,
      note: 'a teacher',
    },
    { kind: 'wrong-person', route: 'GET /resources/budgets', as: as.cm2Teacher, expect: 403, absent: ['1 234'], note: 'a teacher' },
    {
      kind: 'wrong-person',
      route: 'POST /resources/schools/:id/budget',
      url: `/resources/schools/${school}/budget`,
      as: as.director,
      form: { amount: '1' },
      expect: 404,
      note: 'the director',
    },
    {
      kind: 'wrong-person',
      route: 'GET /resources/schools/:id/basket',
      url: `/resources/schools/${school}/basket`,
      as: as.otherTeacher,
      expect: 404,
      absent: [licensed],
      note: 'another school’s teacher',
    },
    {
      kind: 'wrong-person',
      route: 'POST /resources/schools/:id/basket',
      url: `/resources/schools/${school}/basket`,
      as: as.cm2,
      form: { resourceId: licensedId, target: 'level:CM2', quantity: '1', unitPrice: '1' },
      expect: 404,
      absent: [licensed],
      note: 'a pupil',
    },
    {
      kind: 'wrong-person',
      route: 'POST /resources/basket-lines/:id/decision',
      url: `/resources/basket-lines/${lineId}/decision`,
      as: as.cm2Teacher,
      form: { decision: 'validated' },
      expect: 404,
      absent: [licensed],
      note: 'the teacher who proposed it',
    },
    {
      kind: 'wrong-person',
      route: 'GET /resources/schools/:id/licences',
      url: `/resources/schools/${school}/licences`,
      as: as.cm2Parent,
      expect: 404,
      absent: [licensed],
      note: 'a parent',
    },
    {
      kind: 'wrong-person',
      route: 'POST /resources/schools/:id/licences',
      url: `/resources/schools/${school}/licences`,
      as: as.otherDirector,
      form: { resourceId: licensedId, target: 'level:CE1', startsOn: today, endsOn: today },
      expect: 404,
      absent: [licensed],
      note: 'another school’s director',
    },
    {
      kind: 'wrong-person',
      route: 'GET /resources/:id/open',
      url: `/resources/${resourceId}/open`,
      as: as.cm2,
      expect: 404,
      absent: ['maitre.example.org'],
      note: 'a pupil, on a teachers’ resource',
    },
  ];
}
