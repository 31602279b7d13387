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
      url: `/resources/${resourceId}/open`,
      as: as.cm2,
      expect: 404,
      absent: ['maitre.example.org'],
      note: 'a pupil, on a teachers’ resource',
    },
  ];
}
