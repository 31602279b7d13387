import type { RouteCase } from '../../kernel/testing/coverage.js';
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
