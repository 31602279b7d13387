import type { RouteCase } from '../../kernel/testing/coverage.js';
import { multipart } from '../../kernel/storage/testing.js';
import { request } from '../../kernel/testing/index.js';
import type { CoverageWorld } from '../directory/testing.js';

/** Wrong-person cases for every news route that touches an item. */
export async function newsCases({ app, world: w, as }: CoverageWorld): Promise<RouteCase[]> {
  const title = 'Couverture : sortie au planétarium';
  const res = await request(app, as.director, 'POST', '/api/news', { title, body: 'Départ 8 h 30.', audience: [`parents:${w.ce1.id}`] });
  if (res.statusCode !== 201) throw new Error(`news not published: ${res.body}`);
  const id = (res.json() as { id: string }).id;
  const upload = multipart({}, [{ name: 'programme.pdf', content: '%PDF-1.4\n%%EOF\n', type: 'application/pdf' }]);
  const files = await request(app, as.director, 'POST', `/api/news/${id}/attachments`, upload.payload, { headers: upload.headers });
  const attachmentId = (files.json() as { id: string }[])[0]!.id;
  const absent = [title];
  const wrong = (route: string, url: string, extra: Partial<RouteCase>): RouteCase => ({
    kind: 'wrong-person',
    route,
    url,
    as: as.cm2Parent,
    expect: 404,
    absent,
    ...extra,
  });
  const file = () => multipart({}, [{ name: 'x.pdf', content: '%PDF-1.4\n%%EOF\n', type: 'application/pdf' }]);
  return [
    wrong('GET /api/news/:id', `/api/news/${id}`, { note: 'another class’s parent' }),
    wrong('GET /api/news/:id', `/api/news/${id}`, { as: as.cm2, note: 'a pupil of another class' }),
    wrong('GET /api/news/:id', `/api/news/${id}`, { as: as.otherTeacher, note: 'another school’s teacher' }),
    wrong('GET /api/news/:id', `/api/news/${id}`, { as: as.agent, note: 'another municipality’s agent' }),
    wrong('GET /api/news/:id/receipts', `/api/news/${id}/receipts`, { as: as.ce1aParent, note: 'a reader is not the author' }),
    wrong('GET /api/news/:id/receipts', `/api/news/${id}/receipts`, { as: as.otherTeacher, note: 'another school’s teacher' }),
    wrong('POST /api/news/:id/withdraw', `/api/news/${id}/withdraw`, { as: as.ce1Teacher, note: 'a teacher who is not the author' }),
    wrong('POST /api/news/:id/withdraw', `/api/news/${id}/withdraw`, { as: as.otherDirector, note: 'another school’s director' }),
    wrong('POST /api/news/:id/image', `/api/news/${id}/image`, { as: as.ce1Teacher, payload: file().payload, headers: file().headers, note: 'not the author' }),
    wrong('POST /api/news/:id/attachments', `/api/news/${id}/attachments`, {
      as: as.agent,
      payload: file().payload,
      headers: file().headers,
      note: 'another municipality’s agent',
    }),
    wrong('GET /news/:id', `/news/${id}`, { note: 'another class’s parent' }),
    wrong('GET /news/:id', `/news/${id}`, { as: as.otherStudent, note: 'another school’s pupil' }),
    wrong('POST /news/:id/withdraw', `/news/${id}/withdraw`, { as: as.cm2Teacher, form: { _csrf: as.cm2Teacher.csrf }, note: 'not the author' }),
    wrong('GET /news/:id/image', `/news/${id}/image`, { as: as.otherParent, note: 'another school’s parent' }),
    wrong('GET /news/:id/attachments/:attachmentId', `/news/${id}/attachments/${attachmentId}`, { as: as.cm2Parent, note: 'another class’s parent' }),
    wrong('GET /news/:id/attachments/:attachmentId', `/news/${id}/attachments/${attachmentId}`, { as: as.agent, note: 'another municipality’s agent' }),
    wrong('PATCH /api/news/:id', `/api/news/${id}`, { as: as.ce1Teacher, payload: { title: 'Intrus' }, note: 'a teacher who is not the author' }),
    wrong('GET /news/:id/edit', `/news/${id}/edit`, { as: as.otherDirector, note: 'another school’s director' }),
    wrong('POST /news/:id/edit', `/news/${id}/edit`, { as: as.cm2Parent, form: { _csrf: as.cm2Parent.csrf, title: 'Intrus' }, note: 'a parent' }),
  ];
}
