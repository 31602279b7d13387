import type { RouteCase } from '../../kernel/testing/coverage.js';
import { multipart } from '../../kernel/storage/testing.js';
import { request } from '../../kernel/testing/index.js';
import type { CoverageWorld } from '../directory/testing.js';

/** Wrong-person cases for every calendar route that touches an event or a school's settings. */
export async function calendarCases({ app, world: w, as }: CoverageWorld): Promise<RouteCase[]> {
  const title = 'Couverture : sortie à la ferme';
  const res = await request(app, as.ce1Teacher, 'POST', '/api/calendar/events', {
    kind: 'outing',
    title,
    startDay: '2027-05-12',
    audience: [`class:${w.ce1.id}`],
  });
  if (res.statusCode !== 201) throw new Error(`event not added: ${res.body}`);
  const id = (res.json() as { id: string }).id;
  const pdf = () => multipart({}, [{ name: 'autorisation.pdf', content: '%PDF-1.4\n%%EOF\n', type: 'application/pdf' }]);
  const upload = pdf();
  const joined = await request(app, as.ce1Teacher, 'POST', `/api/calendar/events/${id}/attachments`, upload.payload, { headers: upload.headers });
  if (joined.statusCode !== 201) throw new Error(`file not joined: ${joined.body}`);
  const fileId = (joined.json() as { id: string }[])[0]!.id;
  const form = (session: typeof as.cm2Teacher) => {
    const body = multipart({ _csrf: session.csrf }, [{ name: 'x.pdf', content: '%PDF-1.4\n%%EOF\n', type: 'application/pdf' }]);
    return { payload: body.payload, headers: body.headers };
  };
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
  return [
    wrong('GET /api/calendar/events/:id', `/api/calendar/events/${id}`, { note: 'another class’s parent' }),
    wrong('GET /api/calendar/events/:id', `/api/calendar/events/${id}`, { as: as.cm2, note: 'a pupil of another class' }),
    wrong('GET /api/calendar/events/:id', `/api/calendar/events/${id}`, { as: as.otherTeacher, note: 'another school’s teacher' }),
    wrong('GET /api/calendar/events/:id', `/api/calendar/events/${id}`, { as: as.agent, note: 'another municipality’s agent' }),
    wrong('POST /api/calendar/events/:id/cancel', `/api/calendar/events/${id}/cancel`, { as: as.cm2Teacher, note: 'a teacher who is not the author' }),
    wrong('PUT /api/calendar/events/:id', `/api/calendar/events/${id}`, {
      as: as.cm2Teacher,
      payload: { kind: 'outing', title: 'Changé', startDay: '2027-05-12', audience: [`class:${w.cm2Class.id}`] },
      note: 'a teacher who is not the author',
    }),
    wrong('PUT /api/calendar/events/:id', `/api/calendar/events/${id}`, {
      as: as.ce1aParent,
      payload: { kind: 'outing', title: 'Changé', startDay: '2027-05-12', audience: [`class:${w.ce1.id}`] },
      expect: [403, 404],
      note: 'a parent of the class',
    }),
    wrong('GET /calendar/events/:id/edit', `/calendar/events/${id}/edit`, { as: as.otherTeacher, note: 'another school’s teacher' }),
    wrong('POST /calendar/events/:id', `/calendar/events/${id}`, {
      as: as.cm2Teacher,
      form: { _csrf: as.cm2Teacher.csrf, kind: 'outing', title: 'Changé', startDay: '2027-05-12', audience: `class:${w.cm2Class.id}` },
      note: 'a teacher who is not the author',
    }),
    wrong('GET /calendar/events/:id', `/calendar/events/${id}`, { as: as.otherParent, note: 'another school’s parent' }),
    wrong('POST /api/calendar/events/:id/attachments', `/api/calendar/events/${id}/attachments`, {
      as: as.cm2Teacher,
      ...pdf(),
      note: 'a teacher who is not the author',
    }),
    wrong('POST /api/calendar/events/:id/attachments', `/api/calendar/events/${id}/attachments`, {
      as: as.ce1aParent,
      ...pdf(),
      note: 'a parent of the class',
    }),
    wrong('DELETE /api/calendar/events/:id/attachments/:attachmentId', `/api/calendar/events/${id}/attachments/${fileId}`, {
      as: as.cm2Teacher,
      note: 'a teacher who is not the author',
    }),
    wrong('GET /calendar/events/:id/attachments/:attachmentId', `/calendar/events/${id}/attachments/${fileId}`, {
      as: as.cm2Parent,
      note: 'another class’s parent',
    }),
    wrong('GET /calendar/events/:id/attachments/:attachmentId', `/calendar/events/${id}/attachments/${fileId}`, {
      as: as.otherTeacher,
      note: 'another school’s teacher',
    }),
    wrong('POST /calendar/events/:id/attachments', `/calendar/events/${id}/attachments`, { as: as.cm2Teacher, ...form(as.cm2Teacher), note: 'not the author' }),
    wrong('POST /calendar/events/:id/attachments/:attachmentId/remove', `/calendar/events/${id}/attachments/${fileId}/remove`, {
      as: as.ce1aParent,
      form: { _csrf: as.ce1aParent.csrf },
      note: 'a parent of the class',
    }),
    wrong('POST /calendar/events/:id/cancel', `/calendar/events/${id}/cancel`, { as: as.ce1a, form: { _csrf: as.ce1a.csrf }, note: 'a pupil of the class' }),
    wrong('GET /api/calendar/settings/:structureId', `/api/calendar/settings/${w.schoolA.id}`, {
      as: as.otherTeacher,
      absent: [],
      note: 'another school’s teacher',
    }),
    wrong('PUT /api/calendar/settings/:structureId', `/api/calendar/settings/${w.schoolA.id}`, {
      as: as.otherDirector,
      payload: { zone: 'C' },
      expect: [403, 404],
      absent: [],
      note: 'another school’s director',
    }),
  ];
}
