import type { RouteCase } from '../../kernel/testing/coverage.js';
import { multipart } from '../../kernel/storage/testing.js';
import { request } from '../../kernel/testing/index.js';
import type { CoverageWorld } from '../directory/testing.js';
import { parisNow } from './dates.js';
import { callRoll } from './testing.js';

/** Wrong-person cases for every attendance route: another class's teacher, another child's parent, another school's staff. */
export async function attendanceCases({ app, world: w, as }: CoverageWorld): Promise<RouteCase[]> {
  const today = parisNow(app.clock.now()).date;
  const comment = 'Couverture : fièvre de Léa';
  await callRoll(app, as.ce1Teacher, w.ce1.id, { halfDay: 'am', marks: [{ studentId: w.ce1a.id, status: 'absent' }] });
  const upload = multipart({ _csrf: as.ce1aParent.csrf, from: today, to: today, reason: 'illness', comment }, [
    { field: 'document', name: 'certificat.pdf', content: '%PDF-1.4\n%%EOF\n', type: 'application/pdf' },
  ]);
  const sent = await request(app, as.ce1aParent, 'POST', `/attendance/pupils/${w.ce1a.id}/justifications`, upload.payload, { headers: upload.headers });
  if (sent.statusCode !== 303) throw new Error(`justification not sent: ${sent.statusCode} ${sent.body.slice(0, 300)}`);
  const justification = await app.db.selectFrom('attendanceJustifications').select('id').where('studentId', '=', w.ce1a.id).executeTakeFirstOrThrow();
  const pupil = `/attendance/pupils/${w.ce1a.id}`;
  const absent = [comment, w.ce1a.lastName === w.ce1aParent.lastName ? w.ce1a.firstName : w.ce1a.lastName];
  const wrong = (route: string, c: Omit<RouteCase, 'kind' | 'route'>): RouteCase => ({ kind: 'wrong-person', route, ...c });
  const review = `/attendance/justifications/${justification.id}`;
  return [
    wrong('GET /api/attendance/groups/:id/roll-call', {
      url: `/api/attendance/groups/${w.ce1.id}/roll-call`,
      as: as.otherTeacher,
      expect: 404,
      absent,
      note: 'another school’s teacher',
    }),
    wrong('PUT /api/attendance/groups/:id/roll-call', {
      url: `/api/attendance/groups/${w.ce1.id}/roll-call`,
      as: as.cm2Teacher,
      payload: { marks: [] },
      expect: 404,
      note: 'another class’s teacher',
    }),
    wrong('GET /api/attendance/day', { as: as.ce1Teacher, expect: 404, absent, note: 'a teacher is not the office' }),
    wrong('POST /api/attendance/announced', {
      as: as.otherDirector,
      payload: { studentId: w.ce1a.id, from: today, to: today, reason: 'medical' },
      expect: 404,
      note: 'another school’s director',
    }),
    wrong('GET /api/attendance/pupils/:id', {
      url: `/api/attendance/pupils/${w.ce1a.id}`,
      as: as.ce1bParent,
      expect: 404,
      absent,
      note: 'another child’s parent',
    }),
    wrong('POST /api/attendance/justifications', {
      as: as.ce1bParent,
      payload: { studentId: w.ce1a.id, from: today, to: today, reason: 'illness' },
      expect: 404,
      note: 'a justification for another child',
    }),
    wrong('POST /api/attendance/justifications/:id/review', {
      url: `/api/attendance${review.slice('/attendance'.length)}/review`,
      as: as.ce1Teacher,
      payload: { decision: 'accept' },
      expect: 404,
      note: 'a teacher does not review',
    }),
    wrong('GET /api/attendance/stats', { url: `/api/attendance/stats?groupId=${w.ce1.id}`, as: as.cm2Parent, expect: 404, absent, note: 'a parent' }),
    wrong('GET /api/attendance/settings', { as: as.ce1Teacher, expect: 404, note: 'a teacher' }),
    wrong('PUT /api/attendance/settings', {
      as: as.staff,
      payload: { mode: 'lesson', noticesInQuietHours: false, wednesday: true },
      expect: 404,
      note: 'office staff do not manage',
    }),
    wrong('GET /attendance/settings', { as: as.staff, expect: 404, note: 'office staff do not manage' }),
    wrong('POST /attendance/settings', {
      as: as.ce1Teacher,
      form: { mode: 'lesson', rollCallDeadline: '08:00' },
      expect: 404,
      note: 'a teacher',
    }),
    wrong('GET /attendance/day', { as: as.ce1aParent, expect: 404, absent, note: 'a parent' }),
    wrong('GET /attendance/pupils/:id', { url: pupil, as: as.otherParent, expect: 404, absent, note: 'another school’s parent' }),
    wrong('POST /attendance/pupils/:id/announced', {
      url: `${pupil}/announced`,
      as: as.otherDirector,
      form: { from: today, to: today, reason: 'medical' },
      expect: 404,
      absent,
      note: 'another school’s director',
    }),
    wrong('POST /attendance/pupils/:id/justifications', {
      url: `${pupil}/justifications`,
      as: as.ce1bParent,
      form: { from: today, to: today, reason: 'illness' },
      expect: 404,
      absent,
      note: 'another child’s parent',
    }),
    wrong('POST /attendance/justifications/:id/review', {
      url: `${review}/review`,
      as: as.ce1aParent,
      form: { decision: 'accept' },
      expect: 404,
      note: 'the parent does not validate',
    }),
    wrong('GET /attendance/justifications/:id/document', { url: `${review}/document`, as: as.cm2Parent, expect: 404, note: 'another child’s parent' }),
    wrong('GET /attendance/stats', {
      url: `/attendance/stats?groupId=${w.ce1.id}`,
      as: as.otherTeacher,
      expect: 404,
      absent,
      note: 'another school’s teacher',
    }),
    wrong('GET /attendance/stats.csv', {
      url: `/attendance/stats.csv?groupId=${w.ce1.id}`,
      as: as.cm2Teacher,
      expect: 404,
      absent,
      note: 'another class’s teacher',
    }),
    wrong('GET /attendance/groups/:id/call', { url: `/attendance/groups/${w.ce1.id}/call`, as: as.ce1aParent, expect: 404, absent, note: 'a parent' }),
    wrong('POST /attendance/groups/:id/call', {
      url: `/attendance/groups/${w.ce1.id}/call`,
      as: as.otherTeacher,
      form: { halfDay: 'am', [`s.${w.ce1a.id}`]: 'present' },
      expect: 404,
      note: 'another school’s teacher',
    }),
  ];
}
