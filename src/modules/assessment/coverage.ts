import type { RouteCase } from '../../kernel/testing/coverage.js';
import type { CoverageWorld } from '../directory/testing.js';
import { createAssessment, enterMarks, setTrimesters } from './testing.js';

/** Wrong-person cases for every assessment route that touches someone's data. */
export async function assessmentCases({ app, world: w, as }: CoverageWorld): Promise<RouteCase[]> {
  const { periods } = await setTrimesters(app, as.director);
  const period = periods[0]!;
  const title = 'Évaluation couverture des fractions';
  const id = await createAssessment(app, as.ce1Teacher, {
    groupId: w.ce1.id,
    kind: 'marks',
    subjectCode: 'MATHS',
    title,
    assessedOn: period.startsOn,
    publishAt: '2000-01-01T00:00:00.000Z',
  });
  await enterMarks(app, as.ce1Teacher, id, [
    { studentId: w.ce1a.id, value: 17.25 },
    { studentId: w.ce1b.id, value: 3.75 },
  ]);
  const a = `/api/assessment/assessments/${id}`;
  const absent = [title, '17,25', '3,75'];
  const report = `${w.ce1a.id}/${period.id}`;
  const body = { groupId: w.ce1.id, kind: 'marks', subjectCode: 'MATHS', title: 'Autre', assessedOn: period.startsOn };
  const wrong = (c: Omit<RouteCase, 'kind'>): RouteCase => ({ kind: 'wrong-person', ...c });
  return [
    // The API.
    wrong({ route: 'GET /api/assessment/settings', as: as.instanceAdmin, expect: 403, note: 'belongs to no school' }),
    wrong({ route: 'PUT /api/assessment/settings', as: as.ce1Teacher, payload: { periodKind: 'semester', publicationPolicy: 'periodEnd' }, expect: 403 }),
    wrong({
      route: 'PUT /api/assessment/periods',
      as: as.ce1a,
      payload: { periods: [{ name: 'A', startsOn: period.startsOn, endsOn: period.endsOn }] },
      expect: 403,
    }),
    wrong({
      route: 'PUT /api/assessment/periods/:id/publication',
      url: `/api/assessment/periods/${period.id}/publication`,
      as: as.otherDirector,
      payload: { publishAt: null },
      expect: [403, 404],
      note: 'another school’s director',
    }),
    wrong({ route: 'GET /api/assessment/held', as: as.ce1Teacher, expect: 403, absent }),
    wrong({ route: 'GET /api/assessment/skills', url: '/api/assessment/skills?cycle=2', as: as.ce1aParent, expect: 403 }),
    wrong({ route: 'GET /api/assessment/socle', as: as.ce1a, expect: 403, note: 'a pupil does not assess' }),
    wrong({ route: 'POST /api/assessment/assessments', as: as.cm2Teacher, payload: body, expect: 403, note: 'does not teach the CE1' }),
    wrong({ route: 'GET /api/assessment/assessments/:id', url: a, as: as.cm2Teacher, expect: 404, absent, note: 'a colleague of another class' }),
    wrong({ route: 'PUT /api/assessment/assessments/:id', url: a, as: as.director, payload: { title: 'x', assessedOn: period.startsOn }, expect: 404 }),
    wrong({ route: 'DELETE /api/assessment/assessments/:id', url: a, as: as.otherTeacher, expect: 404 }),
    wrong({
      route: 'PUT /api/assessment/assessments/:id/results',
      url: `${a}/results`,
      as: as.cm2Teacher,
      payload: { marks: [{ studentId: w.ce1a.id, value: 1 }] },
      expect: 404,
      absent,
    }),
    wrong({ route: 'PUT /api/assessment/assessments/:id/hold', url: `${a}/hold`, as: as.director, payload: { reason: 'x' }, expect: 404 }),
    wrong({ route: 'DELETE /api/assessment/assessments/:id/hold', url: `${a}/hold`, as: as.ce1a, expect: 404 }),
    wrong({
      route: 'GET /api/assessment/pupils/:id',
      url: `/api/assessment/pupils/${w.ce1a.id}`,
      as: as.cm2Parent,
      expect: 404,
      absent,
      note: 'another child’s parent',
    }),
    wrong({ route: 'GET /api/assessment/pupils/:id', url: `/api/assessment/pupils/${w.ce1a.id}`, as: as.ce1b, expect: 404, absent, note: 'a classmate' }),
    wrong({ route: 'GET /api/assessment/groups/:id', url: `/api/assessment/groups/${w.ce1.id}`, as: as.ce1aParent, expect: 404, absent }),
    wrong({ route: 'GET /api/assessment/reports/:studentId/:periodId', url: `/api/assessment/reports/${report}`, as: as.otherParent, expect: 404, absent }),
    wrong({
      route: 'PUT /api/assessment/reports/comments',
      as: as.cm2Teacher,
      payload: { periodId: period.id, studentId: w.ce1a.id, subjectCode: 'MATHS', comment: 'Bien' },
      expect: 404,
    }),
    wrong({
      route: 'GET /api/assessment/groups/:id/reports.csv',
      url: `/api/assessment/groups/${w.ce1.id}/reports.csv?periodId=${period.id}`,
      as: as.ce1bParent,
      expect: 404,
      absent,
    }),
    // Pages and forms.
    wrong({ route: 'GET /assessment/assessments/:id', url: `/assessment/assessments/${id}`, as: as.ce1aParent, expect: 404, absent }),
    wrong({ route: 'GET /assessment/pupils/:id', url: `/assessment/pupils/${w.ce1a.id}`, as: as.ce1b, expect: 404, absent, note: 'a classmate' }),
    wrong({ route: 'GET /assessment/groups/:id', url: `/assessment/groups/${w.ce1.id}`, as: as.otherTeacher, expect: 404, absent }),
    wrong({ route: 'GET /assessment/settings', as: as.ce1Teacher, expect: 403 }),
    wrong({ route: 'GET /assessment/held', as: as.ce1aParent, expect: 403 }),
    wrong({ route: 'GET /assessment/reports/:studentId/:periodId', url: `/assessment/reports/${report}`, as: as.cm2, expect: 404, absent }),
    wrong({ route: 'GET /assessment/reports/:studentId/:periodId/pdf', url: `/assessment/reports/${report}/pdf`, as: as.ce1b, expect: 404 }),
    wrong({ route: 'POST /assessment/assessments', as: as.ce1a, form: { groupId: w.ce1.id, title: 'x' }, expect: 403 }),
    wrong({
      route: 'POST /assessment/assessments/:id/results',
      url: `/assessment/assessments/${id}/results`,
      as: as.cm2Teacher,
      form: { [`mark.${w.ce1a.id}`]: '2' },
      expect: 404,
      absent,
    }),
    wrong({ route: 'GET /assessment/assessments/:id/edit', url: `/assessment/assessments/${id}/edit`, as: as.cm2Teacher, expect: 404, absent }),
    wrong({
      route: 'POST /assessment/assessments/:id/edit',
      url: `/assessment/assessments/${id}/edit`,
      as: as.director,
      form: { title: 'x', assessedOn: period.startsOn },
      expect: 404,
      absent,
      note: 'the director reads but does not edit',
    }),
    wrong({ route: 'POST /assessment/assessments/:id/hold', url: `/assessment/assessments/${id}/hold`, as: as.director, form: { reason: 'x' }, expect: 404 }),
    wrong({ route: 'POST /assessment/assessments/:id/release', url: `/assessment/assessments/${id}/release`, as: as.ce1aParent, form: {}, expect: 404 }),
    wrong({ route: 'POST /assessment/assessments/:id/delete', url: `/assessment/assessments/${id}/delete`, as: as.otherTeacher, form: {}, expect: 404 }),
    wrong({ route: 'POST /assessment/settings', as: as.ce1Teacher, form: { periodKind: 'semester' }, expect: 403 }),
    wrong({ route: 'POST /assessment/settings/periods', as: as.ce1Teacher, form: { 'periods.0.name': 'A' }, expect: 403 }),
    wrong({
      route: 'POST /assessment/settings/periods/:id/publication',
      url: `/assessment/settings/periods/${period.id}/publication`,
      as: as.otherDirector,
      form: {},
      expect: [403, 404],
    }),
    wrong({
      route: 'POST /assessment/reports/:studentId/:periodId/comments',
      url: `/assessment/reports/${report}/comments`,
      as: as.ce1bParent,
      form: { comment: 'Très bien' },
      expect: 404,
    }),
  ];
}
